package dev.eventport.examples.store;

import dev.eventport.domain.OrderCreated;
import java.util.Optional;

/** The port through which checkout stores orders. Contract: thread safe; {@code save} is durable when it returns. */
public interface OrderRepository {

    /** Stores the order. */
    void save(OrderCreated order);

    /** The order with this id, if stored. */
    Optional<OrderCreated> find(String orderId);

    /** How many orders are stored. */
    int count();
}

package dev.eventport.examples.store;

import dev.eventport.domain.OrderCreated;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link OrderRepository} in memory, for the demo and tests. */
public final class InMemoryOrderRepository implements OrderRepository {

    private final Map<String, OrderCreated> orders = new ConcurrentHashMap<>();

    @Override
    public void save(OrderCreated order) {
        orders.put(order.orderId(), order);
    }

    @Override
    public Optional<OrderCreated> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public int count() {
        return orders.size();
    }
}

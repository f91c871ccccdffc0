package dev.eventport.examples.comparison;

import dev.eventport.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A step in the life of an order (paid, picked, packed...), published several times per order by the comparison's
 * ordering probe: step {@code n} must be handled before step {@code n + 1} of the same order.
 *
 * @param eventId    unique id of this fact
 * @param occurredAt when it happened
 * @param orderId    the order, also the ordering key
 * @param step       1, 2, 3... in the order they happened
 */
public record OrderProgressed(String eventId, Instant occurredAt, String orderId, int step) implements DomainEvent {

    /** Step {@code step} of the order, with a random event id, now. */
    public static OrderProgressed of(String orderId, int step) {
        return new OrderProgressed(UUID.randomUUID().toString(), Instant.now(), orderId, step);
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}

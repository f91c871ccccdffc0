package dev.eventport.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The fact that a customer's order was accepted by checkout.
 *
 * <p>Contract: ids are not blank, there is at least one line, every line is in the currency of the total, and
 * the total equals the sum of the line totals. The aggregate id is the order id, so every event of one order is
 * delivered in order. The lines are an immutable copy.
 *
 * @param eventId    unique id of this fact
 * @param occurredAt when the fact was published
 * @param orderId    the order, also the ordering key
 * @param customerId who ordered
 * @param lines      what was ordered
 * @param total      the sum of the lines
 * @param createdAt  when the order was created
 */
public record OrderCreated(String eventId, Instant occurredAt, String orderId, String customerId,
                           List<OrderLine> lines, Money total, Instant createdAt) implements DomainEvent {

    /** Validates the order; the message of a rejection names the field and the value. */
    public OrderCreated {
        Invariants.requireText(eventId, "OrderCreated", "eventId");
        Invariants.requireValue(occurredAt, "OrderCreated", "occurredAt");
        Invariants.requireText(orderId, "OrderCreated", "orderId");
        Invariants.requireText(customerId, "OrderCreated", "customerId");
        lines = List.copyOf(Invariants.requireNotEmpty(lines, "OrderCreated", "lines"));
        Invariants.requireValue(total, "OrderCreated", "total");
        Invariants.requireValue(createdAt, "OrderCreated", "createdAt");
        Money sum = Money.zero(total.currency());
        for (OrderLine line : lines) {
            if (!line.unitPrice().currency().equals(total.currency())) {
                throw new InvalidDomainDataException("OrderCreated.lines must all be in " + total.currency().getCurrencyCode()
                        + " (the total's currency), but sku '" + line.sku() + "' is priced in "
                        + line.unitPrice().currency().getCurrencyCode());
            }
            sum = sum.plus(line.lineTotal());
        }
        if (sum.amount().compareTo(total.amount()) != 0) {
            throw new InvalidDomainDataException("OrderCreated.total must equal the sum of the lines (" + sum
                    + "), but was " + total);
        }
    }

    /** A new order event with a random event id, the total computed from the lines, and both times set to now. */
    public static OrderCreated of(String orderId, String customerId, List<OrderLine> lines) {
        Invariants.requireNotEmpty(lines, "OrderCreated", "lines");
        Money total = Money.zero(lines.get(0).unitPrice().currency());
        for (OrderLine line : lines) {
            total = total.plus(line.lineTotal());
        }
        Instant now = Instant.now();
        return new OrderCreated(UUID.randomUUID().toString(), now, orderId, customerId, lines, total, now);
    }

    @Override
    public String aggregateId() {
        return orderId;
    }
}

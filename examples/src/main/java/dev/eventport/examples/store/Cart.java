package dev.eventport.examples.store;

import dev.eventport.domain.OrderLine;
import java.util.List;

/**
 * What a customer wants to buy.
 *
 * @param customerId who is buying
 * @param lines      what, how many, at what price
 */
public record Cart(String customerId, List<OrderLine> lines) {

    /** Copies the lines. */
    public Cart {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }
}

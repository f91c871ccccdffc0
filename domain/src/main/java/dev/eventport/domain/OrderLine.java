package dev.eventport.domain;

/**
 * One line of an order: a quantity of a product at a unit price.
 *
 * <p>Contract: the SKU is not blank, the quantity is at least 1, and the unit price is a valid {@link Money}
 * (never negative).
 */
public record OrderLine(String sku, int quantity, Money unitPrice) {

    /** Validates the line; the message of a rejection names the field and the value. */
    public OrderLine {
        Invariants.requireText(sku, "OrderLine", "sku");
        if (quantity <= 0) {
            throw new InvalidDomainDataException("OrderLine.quantity must be at least 1, but was " + quantity
                    + " for sku '" + sku + "'");
        }
        Invariants.requireValue(unitPrice, "OrderLine", "unitPrice");
    }

    /** Unit price times quantity. */
    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}

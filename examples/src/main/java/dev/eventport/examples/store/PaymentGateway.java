package dev.eventport.examples.store;

import dev.eventport.domain.Money;

/**
 * The port to the payment provider. Charged synchronously at checkout: the customer must know whether it worked.
 * Contract: returns a payment reference, or throws {@link PaymentDeclinedException}.
 */
public interface PaymentGateway {

    /** Charges the customer and returns the payment reference. */
    String charge(String customerId, String orderId, Money amount);
}

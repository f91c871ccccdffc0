package dev.eventport.examples.store;

/** The payment provider refused the charge; the order is not placed and no event is published. */
public final class PaymentDeclinedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The charge was declined for the given reason. */
    public PaymentDeclinedException(String message) {
        super(message);
    }
}

package dev.eventport.examples.store;

import dev.eventport.domain.Money;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A payment provider that takes a fixed time per charge and declines customers whose id starts with "declined". */
public final class SimulatedPaymentGateway implements PaymentGateway {

    private final Duration latency;
    private final AtomicLong references = new AtomicLong();

    /** A gateway that answers after {@code latency}. */
    public SimulatedPaymentGateway(Duration latency) {
        this.latency = latency;
    }

    @Override
    public String charge(String customerId, String orderId, Money amount) {
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PaymentDeclinedException("Payment for " + orderId + " interrupted");
            }
        }
        if (customerId.startsWith("declined")) {
            throw new PaymentDeclinedException("Payment of " + amount + " for " + orderId + " declined for " + customerId);
        }
        return "pay-" + references.incrementAndGet();
    }
}

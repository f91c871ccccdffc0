package dev.eventport.examples.store.consumers;

import dev.eventport.domain.OrderCreated;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Sends the order confirmation email; its state is the emails sent, by order. */
public final class EmailService extends DownstreamService {

    private final Map<String, String> sent = new ConcurrentHashMap<>();

    /** The email service with the given behaviour. */
    public EmailService(Behaviour behaviour) {
        super("email", behaviour);
    }

    @Override
    protected void apply(OrderCreated order) {
        sent.put(order.orderId(), "To " + order.customerId() + ": thank you for order " + order.orderId()
                + " (" + order.total() + ")");
    }

    /** The confirmation sent for an order, or null. */
    public String emailFor(String orderId) {
        return sent.get(orderId);
    }

    @Override
    public String describeState() {
        return sent.size() + " confirmation emails sent";
    }
}

package dev.eventport.examples.store;

import dev.eventport.domain.InvalidDomainDataException;
import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishReceipt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The store's checkout: the synchronous core of the story.
 *
 * <p>Contract: {@link #checkout(Cart)} validates the cart (an invalid cart throws
 * {@link InvalidDomainDataException} and nothing happens), saves the order, charges the payment synchronously (a
 * declined payment throws {@link PaymentDeclinedException}; the order stays saved as unpaid), then publishes one
 * {@link OrderCreated} and waits for the backend's acknowledgement. What happens downstream depends on the backend:
 * with {@code direct} every consumer runs inside this call; with the others they run asynchronously.
 */
public final class CheckoutService {

    private final OrderRepository orders;
    private final PaymentGateway payments;
    private final EventPublisher publisher;
    private final Supplier<String> orderIds;
    private final long publishTimeoutMillis = TimeUnit.SECONDS.toMillis(30);

    /** A checkout with random order ids that waits up to 30 s for the backend to take the event. */
    public CheckoutService(OrderRepository orders, PaymentGateway payments, EventPublisher publisher) {
        this(orders, payments, publisher, () -> "order-" + UUID.randomUUID());
    }

    /** A checkout that names orders with {@code orderIds} (which must never repeat an id). */
    public CheckoutService(OrderRepository orders, PaymentGateway payments, EventPublisher publisher,
                           Supplier<String> orderIds) {
        this.orders = orders;
        this.payments = payments;
        this.publisher = publisher;
        this.orderIds = orderIds;
    }

    /** Places the order and returns the published event. */
    public OrderCreated checkout(Cart cart) {
        OrderCreated order = OrderCreated.of(orderIds.get(), cart.customerId(), cart.lines());
        orders.save(order);
        payments.charge(order.customerId(), order.orderId(), order.total());
        CompletableFuture<PublishReceipt> published = publisher.publish(order);
        try {
            published.get(publishTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Checkout of " + order.orderId() + " interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Publishing " + order.orderId() + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Publishing " + order.orderId() + " was not confirmed within "
                    + publishTimeoutMillis + " ms", e);
        }
        return order;
    }
}

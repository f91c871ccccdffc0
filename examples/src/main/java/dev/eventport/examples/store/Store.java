package dev.eventport.examples.store;

import dev.eventport.examples.store.consumers.AnalyticsService;
import dev.eventport.examples.store.consumers.Behaviour;
import dev.eventport.examples.store.consumers.DownstreamService;
import dev.eventport.examples.store.consumers.EmailService;
import dev.eventport.examples.store.consumers.FraudReviewService;
import dev.eventport.examples.store.consumers.InventoryService;
import dev.eventport.examples.store.consumers.LoyaltyService;
import dev.eventport.examples.store.consumers.ShippingService;
import dev.eventport.examples.store.consumers.WarehouseService;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole store on one backend: checkout plus the seven downstream services of the story, each subscribed under
 * its own name.
 *
 * <p>Contract: the code is the same whatever the backend; {@link #close()} closes the subscriptions, the
 * subscriber and the publisher (not the backend, which the caller owns).
 */
public final class Store implements AutoCloseable {

    private final List<DownstreamService> services;
    private final EventPublisher publisher;
    private final EventSubscriber subscriber;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final OrderRepository orders = new InMemoryOrderRepository();
    private final CheckoutService checkout;

    private Store(EventBackend backend, List<DownstreamService> services, ErrorPolicy policy, Duration paymentLatency) {
        this.services = List.copyOf(services);
        this.subscriber = backend.createSubscriber();
        for (DownstreamService service : services) {
            subscriptions.add(service.subscribe(subscriber, policy, StartPosition.latest()));
        }
        this.publisher = backend.createPublisher();
        this.checkout = new CheckoutService(orders, new SimulatedPaymentGateway(paymentLatency), publisher);
    }

    /** The seven services of the story, with latencies from 5 to 50 ms. */
    public static List<DownstreamService> storyServices() {
        return List.of(
                new EmailService(Behaviour.healthy(Duration.ofMillis(20))),
                new InventoryService(Behaviour.healthy(Duration.ofMillis(10))),
                new WarehouseService(Behaviour.healthy(Duration.ofMillis(15))),
                new LoyaltyService(Behaviour.healthy(Duration.ofMillis(5))),
                new AnalyticsService(Behaviour.healthy(Duration.ofMillis(5))),
                new FraudReviewService(Behaviour.healthy(Duration.ofMillis(50)), new BigDecimal("500")),
                new ShippingService(Behaviour.healthy(Duration.ofMillis(25))));
    }

    /** Opens the store on {@code backend} with the given services, retry policy and payment latency. */
    public static Store open(EventBackend backend, List<DownstreamService> services, ErrorPolicy policy,
                             Duration paymentLatency) {
        return new Store(backend, services, policy, paymentLatency);
    }

    /** The checkout of this store. */
    public CheckoutService checkout() {
        return checkout;
    }

    /** The orders saved by checkout. */
    public OrderRepository orders() {
        return orders;
    }

    /** The downstream services, in subscription order. */
    public List<DownstreamService> services() {
        return services;
    }

    /** The subscriptions of the services, in the same order. */
    public List<Subscription> subscriptions() {
        return List.copyOf(subscriptions);
    }

    @Override
    public void close() {
        publisher.close();
        subscriptions.forEach(Subscription::close);
        subscriber.close();
    }
}

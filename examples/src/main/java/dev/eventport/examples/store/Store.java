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
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The whole store on one backend: checkout plus its downstream services, each subscribed under its own name.
 *
 * <p>Contract: the code is the same whatever the backend; every service is subscribed (from the latest event)
 * before {@link #open} returns, so every order placed afterwards reaches every service; {@link #close()} closes
 * the publisher, then the subscriptions and the subscriber (not the backend, which the caller owns).
 */
public final class Store implements AutoCloseable {

    private final List<DownstreamService> services;
    private final EventPublisher publisher;
    private final EventSubscriber subscriber;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final OrderRepository orders = new InMemoryOrderRepository();
    private final CheckoutService checkout;

    private Store(Builder builder) {
        this.services = List.copyOf(builder.services);
        this.subscriber = builder.backend.createSubscriber();
        for (DownstreamService service : services) {
            subscriptions.add(service.subscribe(subscriber, builder.errorPolicy, StartPosition.latest()));
        }
        this.publisher = builder.publisherDecorator.apply(builder.backend.createPublisher());
        this.checkout = new CheckoutService(orders, new SimulatedPaymentGateway(builder.paymentLatency), publisher,
                builder.orderIds);
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
        return on(backend).services(services).errorPolicy(policy).paymentLatency(paymentLatency).open();
    }

    /** A builder of a store on {@code backend}: the story's services, default error policy, 2 ms payments. */
    public static Builder on(EventBackend backend) {
        return new Builder(backend);
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

    /** Configures and opens a {@link Store}; not thread safe. */
    public static final class Builder {

        private final EventBackend backend;
        private List<DownstreamService> services = storyServices();
        private ErrorPolicy errorPolicy = ErrorPolicy.defaults();
        private Duration paymentLatency = Duration.ofMillis(2);
        private Supplier<String> orderIds = () -> "order-" + UUID.randomUUID();
        private UnaryOperator<EventPublisher> publisherDecorator = UnaryOperator.identity();

        private Builder(EventBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        /** The downstream services (default: {@link #storyServices()}). */
        public Builder services(List<DownstreamService> downstream) {
            this.services = List.copyOf(downstream);
            return this;
        }

        /** The error policy of every service's subscription (default: {@link ErrorPolicy#defaults()}). */
        public Builder errorPolicy(ErrorPolicy policy) {
            this.errorPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** How long the simulated payment provider takes per charge (default 2 ms). */
        public Builder paymentLatency(Duration latency) {
            this.paymentLatency = Objects.requireNonNull(latency, "latency");
            return this;
        }

        /** Where order ids come from (default: random UUIDs); ids must never repeat. */
        public Builder orderIds(Supplier<String> ids) {
            this.orderIds = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /** Wraps the backend's publisher, for example to inject duplicate publishes (default: none). */
        public Builder decoratePublisher(UnaryOperator<EventPublisher> decorator) {
            this.publisherDecorator = Objects.requireNonNull(decorator, "decorator");
            return this;
        }

        /** Subscribes every service, then opens checkout. */
        public Store open() {
            return new Store(this);
        }
    }
}

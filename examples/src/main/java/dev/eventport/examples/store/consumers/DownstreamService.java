package dev.eventport.examples.store.consumers;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A service downstream of checkout that reacts to {@link OrderCreated}.
 *
 * <p>Contract: subscribes under its own name (one consumer group per service); its handler is idempotent (an
 * {@link IdempotentHandler} over an in-memory store), so duplicate deliveries change nothing; it takes
 * {@link Behaviour#latency()} per event and fails as its {@link Behaviour} says, with a {@link ServiceDownException}.
 * Its effect on its own state is applied once per order and is observable through its accessors, and through the
 * listener set with {@link #onApplied(Consumer)}, called in the handler's thread right after an order was applied.
 */
public abstract class DownstreamService {

    private final String name;
    private volatile Behaviour behaviour;
    private final Set<String> ordersApplied = ConcurrentHashMap.newKeySet();
    private final LongAdder deliveries = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final IdempotentHandler<OrderCreated> handler;
    private volatile Consumer<OrderCreated> appliedListener = order -> { };

    /** A service named {@code name} (the subscription name) with an initial behaviour. */
    protected DownstreamService(String name, Behaviour behaviour) {
        this.name = name;
        this.behaviour = behaviour;
        this.handler = IdempotentHandler.wrap(this::receive, new InMemoryProcessedEvents());
    }

    /** Subscribes this service to order events, starting from the given position. */
    public Subscription subscribe(EventSubscriber subscriber, ErrorPolicy policy, StartPosition start) {
        return subscriber.subscribe(SubscriptionRequest.of(name, OrderCreated.class, handler)
                .withErrorPolicy(policy).withStartPosition(start));
    }

    private void receive(OrderCreated order, EventContext context) throws InterruptedException {
        deliveries.increment();
        Behaviour current = behaviour;
        if (!current.latency().isZero()) {
            Thread.sleep(current.latency().toMillis(), current.latency().toNanosPart() % 1_000_000);
        }
        if (current.fails(order.orderId(), context.attempt())) {
            failures.increment();
            throw new ServiceDownException(name + " could not process " + order.orderId()
                    + (current.down() ? ": the service is down" : ": transient failure"));
        }
        apply(order);
        ordersApplied.add(order.orderId());
        appliedListener.accept(order);
    }

    /** The service's effect on its own state, applied once per order. */
    protected abstract void apply(OrderCreated order);

    /** One line describing the service's state, for the demo's output. */
    public abstract String describeState();

    /** The subscription name. */
    public String name() {
        return name;
    }

    /** Changes how the service behaves from the next event on. */
    public void behave(Behaviour newBehaviour) {
        this.behaviour = newBehaviour;
    }

    /** Calls {@code listener} with each order right after its effect was applied (once per order). */
    public void onApplied(Consumer<OrderCreated> listener) {
        this.appliedListener = Objects.requireNonNull(listener, "listener");
    }

    /** The current behaviour. */
    public Behaviour behaviour() {
        return behaviour;
    }

    /** The ids of the orders whose effect was applied. */
    public Set<String> ordersApplied() {
        return Set.copyOf(ordersApplied);
    }

    /** How many orders were applied. */
    public int appliedCount() {
        return ordersApplied.size();
    }

    /** Deliveries received, including retries, excluding duplicates skipped. */
    public long deliveries() {
        return deliveries.sum();
    }

    /** Deliveries that failed. */
    public long failures() {
        return failures.sum();
    }

    /** Duplicate deliveries absorbed by idempotency. */
    public long duplicatesSkipped() {
        return handler.duplicatesSkipped();
    }
}

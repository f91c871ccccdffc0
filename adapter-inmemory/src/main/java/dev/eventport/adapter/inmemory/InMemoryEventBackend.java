package dev.eventport.adapter.inmemory;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.spi.AbstractEventBackend;
import dev.eventport.ports.spi.BackendObservers;
import dev.eventport.ports.spi.InProcessDeadLetters;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An asynchronous message bus inside one process, simulating a partitioned log honestly.
 *
 * <p>Contract: each destination has {@link InMemoryConfig#partitions()} partitions, and an event goes to the
 * partition of its aggregate id, so events with one id are handled in publish order. A publish appends to the
 * partition's retained log in the caller's thread; its future is complete when {@code publish} returns. Each
 * subscription name is a consumer group: its consumers split the partitions between them and rebalance when one
 * joins or leaves, without losing or skipping an event; different names each receive every event. Positions are
 * kept per group while the backend runs, so a subscription reopened under its name resumes; nothing survives the
 * backend ({@link Capability#DURABLE} is not declared). Retention (count and age per partition) bounds the log;
 * an event is evicted only once every running subscription has processed it; when a partition is full of
 * unprocessed events, publish waits up to {@link InMemoryConfig#publishTimeout()} and then fails with a
 * {@link dev.eventport.ports.PublishFailedException} saying which key to raise. A failed event waits for its
 * retry without stalling other partitions, and is then kept in {@link #deadLetters()}. Every event carries a
 * {@code traceparent} header to its handlers; observers ({@link #addObserver}) hear of publishes, handler calls,
 * retries, dead letters and subscription changes, and lag gives the age of the oldest unprocessed event (its
 * append time). {@link #health()} names each paused subscription, which cannot consume (its events wait in the log,
 * and publishes still succeed until a partition is full of events it has not processed).
 */
public final class InMemoryEventBackend extends AbstractEventBackend {

    /** What this backend guarantees. */
    static final Capabilities CAPABILITIES = Capabilities.of(Capability.FAN_OUT, Capability.COMPETING_CONSUMERS,
            Capability.ORDERED_PER_KEY, Capability.REPLAY, Capability.NEW_SUBSCRIPTION_SEES_HISTORY,
            Capability.DEAD_LETTER);

    private final InMemoryConfig config;
    private final InProcessDeadLetters deadLetters;
    private final ConcurrentHashMap<String, Topic> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Class<?>, Route> routesByType = new ConcurrentHashMap<>();

    /** A running backend with these settings, mapping event types to destinations with {@code destinations}. */
    public InMemoryEventBackend(InMemoryConfig config, DestinationNaming destinations) {
        super(InMemoryBackendProvider.NAME, CAPABILITIES, destinations);
        this.config = config;
        this.deadLetters = new InProcessDeadLetters(config.deadLettersMax(), InMemoryConfig.DEAD_LETTERS_MAX, this::republish);
    }

    private CompletableFuture<PublishReceipt> republish(DomainEvent event, Map<String, String> headers) {
        return new InMemoryPublisher(this, observers(), config.publishTimeout().toNanos()).publish(event, headers);
    }

    @Override
    public EventPublisher createPublisher() {
        requireOpen();
        return track(new InMemoryPublisher(this, observers(), config.publishTimeout().toNanos()));
    }

    @Override
    public EventSubscriber createSubscriber() {
        requireOpen();
        return track(new InMemorySubscriber(this));
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * Wakes the publishers waiting for room in a partition, so that they fail at once (subscribers, which wait for
     * handlers in flight within the close timeout, and publishers are closed before).
     */
    @Override
    protected void release() {
        topics.values().forEach(Topic::wakePublishers);
    }

    @Override
    public String toString() {
        return "InMemoryEventBackend[" + config + "]";
    }

    InMemoryConfig config() {
        return config;
    }

    InProcessDeadLetters deadLetterStore() {
        return deadLetters;
    }

    /** Whether the backend is closed, for this package's publishers and subscribers. */
    @Override
    protected boolean isClosed() {
        return super.isClosed();
    }

    Topic topicFor(Class<? extends DomainEvent> type) {
        return routeFor(type).topic();
    }

    /** Where events of {@code type} go, and their type name. */
    Route routeFor(Class<? extends DomainEvent> type) {
        Route route = routesByType.get(type);
        if (route == null) {
            route = routesByType.computeIfAbsent(type, t -> new Route(type, topics.computeIfAbsent(destinations().destinationFor(type),
                    destination -> new Topic(destination, config)), type.getSimpleName()));
        }
        return route;
    }

    /** The observers, for this package's publishers and subscriptions. */
    @Override
    protected BackendObservers observers() {
        return super.observers();
    }

    /** The topic of an event class and the type's name. */
    record Route(Class<?> eventClass, Topic topic, String eventType) {
    }

    /** Called by a publisher or subscriber of this package when it is closed. */
    @Override
    protected void forget(Object closedPublisherOrSubscriber) {
        super.forget(closedPublisherOrSubscriber);
    }
}

package dev.eventport.ports;

/**
 * One configured messaging backend: the factory of publishers and subscribers of one transport.
 *
 * <p>Contract: obtained from {@link MessagingBackends#load(EventportConfig)} or from a backend's own constructor;
 * thread safe; {@link #createPublisher()} and {@link #createSubscriber()} return new objects that the caller
 * closes; {@link #close()} closes everything still open, then releases the connections; idempotent.
 */
public interface EventBackend extends AutoCloseable {

    /** The backend's name as used in {@code eventport.backend} ("direct", "inmemory", "jms", "kafka"). */
    String name();

    /** What this backend, as configured, guarantees. */
    Capabilities capabilities();

    /** A new publisher. */
    EventPublisher createPublisher();

    /** A new subscriber. */
    EventSubscriber createSubscriber();

    /** The dead letters of this backend. */
    DeadLetters deadLetters();

    /** The naming strategy that maps event types to destinations. */
    DestinationNaming destinations();

    /**
     * Whether this backend can publish and consume right now, with the reasons when it cannot; answers within
     * about a second from what the backend already knows, never hanging on an unreachable broker.
     */
    BackendHealth health();

    /**
     * Registers an observer of everything this backend does (see {@link BackendObserver}); it first hears of the
     * subscriptions already open. Adding the same observer twice has no effect.
     */
    void addObserver(BackendObserver observer);

    /** Stops reporting to {@code observer}; no effect when it was not registered. */
    void removeObserver(BackendObserver observer);

    /** Closes every publisher and subscriber still open and the backend's connections; idempotent. */
    @Override
    void close();
}

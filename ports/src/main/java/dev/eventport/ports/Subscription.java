package dev.eventport.ports;

/**
 * A running subscription.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #close()} is idempotent and safe to call from any thread, including while a handler runs: it lets
 *       the handler in flight finish (bounded by the backend's close timeout), stores the position of what was
 *       processed, and returns; no handler is called after it returned. Events not yet processed stay available
 *       to a subscription reopened under the same name on {@link Capability#DURABLE} backends.</li>
 *   <li>{@link #pause()} stops deliveries (a handler in flight finishes); {@link #resume()} restarts them;
 *       nothing is lost in between.</li>
 *   <li>{@link #rewind(StartPosition)} moves a running subscription back, on backends that declare
 *       {@link Capability#REPLAY}; elsewhere it throws {@link UnsupportedCapabilityException}.</li>
 *   <li>{@link #lag()} never blocks on the network: it returns the latest measurement.</li>
 * </ul>
 */
public interface Subscription extends AutoCloseable {

    /** The subscription name. */
    String name();

    /** The destination it reads from. */
    String destination();

    /** Stops deliveries until {@link #resume()}. */
    void pause();

    /** Restarts deliveries after {@link #pause()}. */
    void resume();

    /** Whether deliveries are paused. */
    boolean isPaused();

    /** Moves this subscription's position to {@code position}; the events from there are delivered again. */
    void rewind(StartPosition position);

    /** Events published to the destination and not yet processed by this subscription, as last measured. */
    ConsumerLag lag();

    /** Stops this subscription; idempotent. */
    @Override
    void close();
}

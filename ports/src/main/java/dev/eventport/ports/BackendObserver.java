package dev.eventport.ports;

import java.time.Duration;

/**
 * Listens to what one backend does: publishes, handler calls, retries, dead letters, duplicates and the life of
 * its subscriptions. Metrics (see {@code eventport-metrics-micrometer}) and tests observe a backend through it.
 *
 * <p>Contract: register with {@link EventBackend#addObserver(BackendObserver)}; every backend reports the same
 * callbacks with the same meaning. Callbacks run on the thread that did the work (a publisher's or a consumer's),
 * so they must be quick and must not throw (a throwing observer is logged and ignored). Every method has an empty
 * default, so an observer implements only what it needs. An observer added while subscriptions are open first
 * receives {@link #subscriptionOpened(Subscription)} for each of them.
 */
public interface BackendObserver {

    /**
     * A publish completed.
     *
     * @param destination   where the event was published
     * @param eventType     the event's type name
     * @param durationNanos from the call of {@code publish} to the completion of its future
     * @param failure       null when the backend took responsibility for the event, otherwise why it did not
     */
    default void published(String destination, String eventType, long durationNanos, Throwable failure) {
    }

    /**
     * A handler was called once (any attempt).
     *
     * @param failure null when it returned normally, otherwise what it threw
     */
    default void handled(String destination, String subscription, long durationNanos, Throwable failure) {
    }

    /** A failed attempt will be retried after {@code delay}; {@code failedAttempt} is the attempt that failed. */
    default void retryScheduled(String destination, String subscription, String eventId, int failedAttempt, Duration delay) {
    }

    /** An event went to the dead letters after {@code attempts} attempts (0 when it could not be decoded). */
    default void deadLettered(String destination, String subscription, String eventId, int attempts, Throwable reason) {
    }

    /** An {@link dev.eventport.ports.idempotency.IdempotentHandler} skipped an event it had processed before. */
    default void duplicateSkipped(String destination, String subscription, String eventId) {
    }

    /** A subscription started receiving events. */
    default void subscriptionOpened(Subscription subscription) {
    }

    /** A subscription was paused. */
    default void subscriptionPaused(Subscription subscription) {
    }

    /** A paused subscription was resumed. */
    default void subscriptionResumed(Subscription subscription) {
    }

    /**
     * A consumer thread of a subscription died and is restarted after {@code delay}; what it had not finished is
     * delivered again.
     *
     * @param cause       what killed it
     * @param restartInRow how many times in a row it died (1 for the first)
     */
    default void consumerRestarted(Subscription subscription, Throwable cause, int restartInRow, Duration delay) {
    }

    /**
     * A subscription stopped receiving events because a consumer kept dying and is not restarted again; its backend's
     * health names it as failed until it is closed.
     */
    default void subscriptionFailed(Subscription subscription, Throwable cause) {
    }

    /** A subscription was closed; no callback names it afterwards. */
    default void subscriptionClosed(Subscription subscription) {
    }
}

package dev.eventport.ports;

import java.util.List;

/**
 * On a synchronous backend, one or more handlers still failed after their error policy was exhausted.
 *
 * <p>Contract: {@link #failedSubscriptions()} names every subscription whose handler failed; the other handlers
 * ran; the event is in the backend's dead letters for each failed subscription. The first failure is the cause,
 * the others are suppressed.
 */
public class HandlersFailedException extends PublishFailedException {

    private static final long serialVersionUID = 1L;

    private final List<String> failedSubscriptions;

    /** The event was handled, but the named subscriptions failed. */
    public HandlersFailedException(String eventId, String eventType, String destination,
                                   List<String> failedSubscriptions, Throwable firstFailure) {
        super(eventId, eventType, destination, "handler(s) of " + failedSubscriptions
                + " failed after their error policy; the event is in the dead letters of each", firstFailure);
        this.failedSubscriptions = List.copyOf(failedSubscriptions);
    }

    /** The subscriptions whose handlers failed, in dispatch order. */
    public List<String> failedSubscriptions() {
        return failedSubscriptions;
    }
}

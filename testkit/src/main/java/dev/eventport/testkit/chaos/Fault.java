package dev.eventport.testkit.chaos;

import java.util.Objects;

/**
 * One fault a {@link ChaosBackend} injected.
 *
 * <p>Contract: {@code occurrence} counts, from 1, the calls of the same kind of point for the same event at the
 * same place (the nth publish of the event, the nth delivery of the event to the subscription; subscriptions are
 * numbered in the order they were first subscribed, so that generated names replay too), so that a fault
 * is identified independently of thread interleaving: the same seed and workload give the same faults.
 *
 * @param kind       what was injected
 * @param eventId    the event it hit
 * @param place      {@code "subscription-N"} for handler faults (N: the Nth subscription name subscribed through the
 *                   decorator), {@code "publish"} for publish faults
 * @param occurrence which call of that point for that event it hit, from 1
 */
public record Fault(Kind kind, String eventId, String place, int occurrence) {

    /** The place recorded for publish faults. */
    public static final String PUBLISH = "publish";

    /** The kinds of injected faults. */
    public enum Kind {
        /** The handler is called a second time with the same event, as after a redelivery. */
        DUPLICATE_DELIVERY,
        /** The handler throws before its side effect (the delegate is not called). */
        CRASH_BEFORE_EFFECT,
        /** The delegate ran (the side effect happened), then the handler throws, as a crash before the ack. */
        CRASH_AFTER_EFFECT,
        /** The handler is delayed before it runs. */
        DELAY,
        /** Publish returns a future failed with {@link dev.eventport.ports.PublishFailedException}; nothing is sent. */
        PUBLISH_FAILED_FUTURE,
        /** Publish throws {@link dev.eventport.ports.PublishFailedException}; nothing is sent. */
        PUBLISH_THROWN,
        /** The event is sent, but the publish future fails anyway (a lost acknowledgement). */
        PUBLISH_LOST_ACK
    }

    /** Validates the fields. */
    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(place, "place");
        if (occurrence < 1) {
            throw new IllegalArgumentException("occurrence must be at least 1, but was " + occurrence);
        }
    }

    @Override
    public String toString() {
        return kind + " " + eventId + " @" + place + "#" + occurrence;
    }
}

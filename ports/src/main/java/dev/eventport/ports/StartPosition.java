package dev.eventport.ports;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a subscription that has no stored position starts reading, or where a running one is rewound to.
 *
 * <p>Contract: a subscription that already has a stored position (a committed offset, a durable subscription)
 * resumes from it and ignores its start position. {@link #earliest()} and {@link #at(Instant)} read history only
 * on backends that declare {@link Capability#NEW_SUBSCRIPTION_SEES_HISTORY}; elsewhere they behave like
 * {@link #latest()}.
 */
public sealed interface StartPosition {

    /** Only events published after the subscription started. The default. */
    static StartPosition latest() {
        return Latest.INSTANCE;
    }

    /** Every event the backend still retains. */
    static StartPosition earliest() {
        return Earliest.INSTANCE;
    }

    /** The first event published at or after the given time. */
    static StartPosition at(Instant time) {
        return new AtTime(time);
    }

    /** Start after the newest event. */
    enum Latest implements StartPosition {
        /** The only value. */
        INSTANCE;

        @Override
        public String toString() {
            return "latest";
        }
    }

    /** Start at the oldest retained event. */
    enum Earliest implements StartPosition {
        /** The only value. */
        INSTANCE;

        @Override
        public String toString() {
            return "earliest";
        }
    }

    /**
     * Start at the first event published at or after {@code time}.
     *
     * @param time the instant to start from
     */
    record AtTime(Instant time) implements StartPosition {
        /** Rejects a null time. */
        public AtTime {
            Objects.requireNonNull(time, "StartPosition.at(time): time must not be null");
        }

        @Override
        public String toString() {
            return "at " + time;
        }
    }
}

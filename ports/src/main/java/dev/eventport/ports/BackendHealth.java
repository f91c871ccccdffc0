package dev.eventport.ports;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Whether a backend can publish and consume right now, and why not.
 *
 * <p>Contract: {@link EventBackend#health()} answers from what the backend already knows (its connection state,
 * its last broker round trip, its subscriptions) within about a second and never hangs on an unreachable broker;
 * every {@code false} comes with at least one problem that says what is wrong and, where it can, how to fix it
 * ("broker unreachable at localhost:9092 since ...", "authentication failed: ...", "subscription 'x' is paused").
 *
 * @param canPublish  whether a publish would be accepted now
 * @param canConsume  whether every open subscription receives events now
 * @param problems    what stops publishing or consuming, empty when healthy
 * @param checkedAt   when the answer was put together
 */
public record BackendHealth(boolean canPublish, boolean canConsume, List<String> problems, Instant checkedAt) {

    /** Copies the problems; a false flag needs a problem that explains it. */
    public BackendHealth {
        problems = List.copyOf(problems);
        Objects.requireNonNull(checkedAt, "checkedAt");
        if ((!canPublish || !canConsume) && problems.isEmpty()) {
            throw new IllegalArgumentException("An unhealthy BackendHealth must name at least one problem");
        }
    }

    /** Able to publish and consume, checked now. */
    public static BackendHealth healthy() {
        return new BackendHealth(true, true, List.of(), Instant.now());
    }

    /** Whether it can both publish and consume. */
    public boolean isHealthy() {
        return canPublish && canConsume;
    }
}

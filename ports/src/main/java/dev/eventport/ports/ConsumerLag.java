package dev.eventport.ports;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How far a subscription is behind its destination.
 *
 * @param total       events published and not yet processed, over all partitions
 * @param byPartition the same per partition (one entry, partition 0, on backends without partitions)
 * @param measuredAt  when the figures were taken; old figures mean the backend could not be asked
 * @param oldestAge   how long the oldest unprocessed event has waited, at {@code measuredAt}; zero when nothing
 *                    waits, empty when the backend could not tell
 */
public record ConsumerLag(long total, Map<Integer, Long> byPartition, Instant measuredAt, Optional<Duration> oldestAge) {

    /** Copies the map in partition order. */
    public ConsumerLag {
        byPartition = Map.copyOf(byPartition);
        Objects.requireNonNull(measuredAt, "measuredAt");
        Objects.requireNonNull(oldestAge, "oldestAge");
    }

    /** A lag without the age of the oldest event. */
    public ConsumerLag(long total, Map<Integer, Long> byPartition, Instant measuredAt) {
        this(total, byPartition, measuredAt, Optional.empty());
    }

    /** A lag measured now from per-partition figures; the total is their sum. */
    public static ConsumerLag of(Map<Integer, Long> byPartition) {
        return of(byPartition, Optional.empty());
    }

    /** A lag measured now from per-partition figures and the age of the oldest unprocessed event. */
    public static ConsumerLag of(Map<Integer, Long> byPartition, Optional<Duration> oldestAge) {
        long total = 0;
        for (long lag : byPartition.values()) {
            total += lag;
        }
        return new ConsumerLag(total, new TreeMap<>(byPartition), Instant.now(), total == 0 ? Optional.of(Duration.ZERO) : oldestAge);
    }
}

package dev.eventport.ports;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How far a subscription is behind its destination.
 *
 * @param total       events published and not yet processed, over all partitions
 * @param byPartition the same per partition (one entry, partition 0, on backends without partitions)
 * @param measuredAt  when the figures were taken; old figures mean the backend could not be asked
 */
public record ConsumerLag(long total, Map<Integer, Long> byPartition, Instant measuredAt) {

    /** Copies the map in partition order. */
    public ConsumerLag {
        byPartition = Map.copyOf(byPartition);
        Objects.requireNonNull(measuredAt, "measuredAt");
    }

    /** A lag measured now from per-partition figures; the total is their sum. */
    public static ConsumerLag of(Map<Integer, Long> byPartition) {
        long total = 0;
        for (long lag : byPartition.values()) {
            total += lag;
        }
        return new ConsumerLag(total, new TreeMap<>(byPartition), Instant.now());
    }
}

package dev.eventport.ports;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Proof that a backend took responsibility for one published event.
 *
 * @param eventId     the event's id
 * @param destination where it was published
 * @param partition   the partition it was written to, where the backend has partitions
 * @param offset      its position in that partition, where the backend has one
 * @param acceptedAt  when the backend confirmed it
 */
public record PublishReceipt(String eventId, String destination, OptionalInt partition, OptionalLong offset,
                             Instant acceptedAt) {

    /** Checks that nothing is null. */
    public PublishReceipt {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(offset, "offset");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    /** A receipt for a backend without partitions or offsets. */
    public static PublishReceipt of(String eventId, String destination) {
        return new PublishReceipt(eventId, destination, OptionalInt.empty(), OptionalLong.empty(), Instant.now());
    }

    /** A receipt naming the partition and offset the event was written to. */
    public static PublishReceipt at(String eventId, String destination, int partition, long offset) {
        return new PublishReceipt(eventId, destination, OptionalInt.of(partition), OptionalLong.of(offset), Instant.now());
    }
}

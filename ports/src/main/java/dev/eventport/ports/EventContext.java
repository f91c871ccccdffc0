package dev.eventport.ports;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Where and how an event was delivered to a handler.
 *
 * <p>Contract: {@link #attempt()} starts at 1 and grows by one for each redelivery to the same subscription;
 * {@link #partition()} and {@link #offset()} are present only where the backend has them (Kafka, in-memory);
 * {@link #headers()} holds the publisher's extra headers and the wire attributes ({@code ce_*}) and is immutable.
 *
 * @param eventId      the event's id
 * @param eventType    the event's type name (the simple class name by default)
 * @param destination  the topic or queue it was read from
 * @param subscription the subscription that receives it
 * @param partition    the partition, where the backend has partitions
 * @param offset       the position in the partition, where the backend has one
 * @param attempt      1 for the first delivery, then 2, 3...
 * @param headers      the headers sent with the event
 */
public record EventContext(String eventId, String eventType, String destination, String subscription,
                           OptionalInt partition, OptionalLong offset, int attempt, Map<String, String> headers) {

    /** Validates and copies the headers (those of {@link TraceParent#headersForPublish} are immutable already). */
    public EventContext {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(offset, "offset");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, but was " + attempt);
        }
        headers = headers instanceof TraceHeaders ? headers : Map.copyOf(headers);
    }

    /** The same delivery, at another attempt number. */
    public EventContext withAttempt(int newAttempt) {
        return new EventContext(eventId, eventType, destination, subscription, partition, offset, newAttempt, headers);
    }

    /** A header's value, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The W3C {@code traceparent} the event was published with (every backend sends one), or empty. */
    public Optional<TraceParent> traceparent() {
        return TraceParent.parse(headers.get(TraceParent.HEADER));
    }
}

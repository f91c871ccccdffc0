package dev.eventport.adapter.inmemory;

import dev.eventport.domain.DomainEvent;
import java.util.Map;

/**
 * One event in a partition's log.
 *
 * @param offset          its position in the partition
 * @param appendedAtMicros when it was appended, in microseconds since the epoch (never decreasing per partition)
 * @param event           the event itself (immutable, shared by every subscription)
 * @param eventType       the event's type name, as contexts give it
 * @param headers         the publisher's extra headers and the {@code traceparent}, immutable
 */
record LogRecord(long offset, long appendedAtMicros, DomainEvent event, String eventType, Map<String, String> headers) {
}

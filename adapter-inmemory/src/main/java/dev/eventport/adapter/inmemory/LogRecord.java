package dev.eventport.adapter.inmemory;

import dev.eventport.domain.DomainEvent;
import java.util.Map;

/**
 * One event in a partition's log.
 *
 * @param offset          its position in the partition
 * @param appendedAtMicros when it was appended, in microseconds since the epoch (never decreasing per partition)
 * @param event           the event itself (immutable, shared by every subscription)
 * @param headers         the publisher's extra headers, immutable
 */
record LogRecord(long offset, long appendedAtMicros, DomainEvent event, Map<String, String> headers) {
}

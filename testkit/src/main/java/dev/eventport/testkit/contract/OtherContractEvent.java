package dev.eventport.testkit.contract;

import dev.eventport.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A second event type with its own destination ({@code eventport.destination.OtherContractEvent}), with which the
 * suite proves that destinations are isolated.
 *
 * @param eventId     unique per fact
 * @param occurredAt  when it happened
 * @param aggregateId the ordering key
 */
public record OtherContractEvent(String eventId, Instant occurredAt, String aggregateId) implements DomainEvent {

    /** Rejects blank ids and a null time. */
    public OtherContractEvent {
        ContractEvents.requireText(eventId, "OtherContractEvent.eventId");
        ContractEvents.requireText(aggregateId, "OtherContractEvent.aggregateId");
        if (occurredAt == null) {
            throw new IllegalArgumentException("OtherContractEvent.occurredAt must not be null");
        }
    }

    /** A new event with a random id, occurring now. */
    public static OtherContractEvent of(String aggregateId) {
        return new OtherContractEvent(UUID.randomUUID().toString(), Instant.now(), aggregateId);
    }
}

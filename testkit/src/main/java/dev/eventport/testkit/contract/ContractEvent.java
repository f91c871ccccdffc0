package dev.eventport.testkit.contract;

import dev.eventport.domain.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * The event type the contract suite publishes: a user's own event type, not {@code OrderCreated}, so the suite
 * also proves that backends are generic. The suite maps it to a fresh destination per test with the override
 * {@code eventport.destination.ContractEvent}.
 *
 * @param eventId     unique per fact
 * @param occurredAt  when it happened
 * @param aggregateId the ordering key
 * @param payload     free text (the suite uses non-ASCII text to prove bodies arrive intact)
 * @param sequence    the position of the event within its key, as published
 */
public record ContractEvent(String eventId, Instant occurredAt, String aggregateId, String payload, int sequence)
        implements DomainEvent {

    /** Rejects blank ids and a null time or payload. */
    public ContractEvent {
        ContractEvents.requireText(eventId, "ContractEvent.eventId");
        ContractEvents.requireText(aggregateId, "ContractEvent.aggregateId");
        if (occurredAt == null || payload == null) {
            throw new IllegalArgumentException("ContractEvent.occurredAt and payload must not be null, but were "
                    + occurredAt + " and " + payload);
        }
    }

    /** A new event with a random id, occurring now. */
    public static ContractEvent of(String aggregateId, int sequence) {
        return new ContractEvent(UUID.randomUUID().toString(), Instant.now(), aggregateId,
                "Zürich → 東京 #" + sequence + " \"quoted\" \\ back\nslash", sequence);
    }
}

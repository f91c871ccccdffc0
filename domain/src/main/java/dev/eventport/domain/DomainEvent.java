package dev.eventport.domain;

import java.time.Instant;

/**
 * A fact that happened in the domain and that other parts of a system may react to.
 *
 * <p>Contract: an implementation is immutable (a record is the intended form); {@link #eventId()} is unique per
 * fact and is what consumers use to recognise a duplicate delivery; {@link #aggregateId()} names the entity the
 * fact is about and is the ordering key: events with the same aggregate id are delivered in publish order by
 * every backend that declares ordering per key. None of the three values is ever null or blank.
 */
public interface DomainEvent {

    /** The unique id of this fact, stable across redeliveries; never blank. */
    String eventId();

    /** When the fact happened, as stated by its publisher; never null. */
    Instant occurredAt();

    /** The id of the entity this fact is about; the partition and ordering key; never blank. */
    String aggregateId();
}

package dev.eventport.ports;

import dev.eventport.domain.DomainEvent;

/**
 * Reacts to one event of a subscription.
 *
 * <p>Contract: returning normally means "processed": the backend may then acknowledge the event and will not
 * deliver it again to this subscription, except as a duplicate after a crash (at-least-once; wrap the handler in
 * {@link IdempotentHandler} when duplicates matter). Throwing means "not processed": the subscription's
 * {@link ErrorPolicy} decides whether the event is retried or dead-lettered. A handler is called by one thread at
 * a time per partition (or per consumer), but different partitions may call it concurrently; on
 * {@link Capability#SYNCHRONOUS} backends it runs in each publisher's thread, so concurrent publishers call it
 * concurrently.
 *
 * @param <E> the event type of the subscription
 */
@FunctionalInterface
public interface EventHandler<E extends DomainEvent> {

    /** Processes one event; throws to signal failure. */
    void handle(E event, EventContext context) throws Exception;
}

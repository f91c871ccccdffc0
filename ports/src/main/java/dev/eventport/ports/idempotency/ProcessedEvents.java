package dev.eventport.ports.idempotency;

/**
 * Remembers which events each subscription has processed (the port behind {@link IdempotentHandler}).
 *
 * <p>Contract: thread safe; after {@code markProcessed(s, id)} returned, {@code isProcessed(s, id)} is true for as
 * long as the store retains entries (a bounded store may forget the oldest); subscriptions are independent.
 * A store shared by several processes (JDBC, Redis) gives idempotency across them.
 */
public interface ProcessedEvents {

    /** Whether the subscription already processed the event. */
    boolean isProcessed(String subscription, String eventId);

    /** Records that the subscription processed the event. */
    void markProcessed(String subscription, String eventId);
}

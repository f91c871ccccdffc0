package dev.eventport.ports;

import dev.eventport.domain.DomainEvent;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes domain events to the destination their type maps to.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@code publish} is thread safe and never blocks longer than the backend's configured send timeout.</li>
 *   <li>The returned future completes when the backend has taken responsibility for the event with its declared
 *       durability (Kafka: acknowledged per {@code acks}; JMS: persistent send confirmed; in-memory: appended to
 *       the in-process log; direct: every handler returned). It completes exceptionally with a
 *       {@link PublishFailedException} naming the event id, type and destination.</li>
 *   <li>Where the future completes: a backend that completes it before {@code publish} returns (direct, in-memory)
 *       runs the actions chained on it in the caller's thread. A broker backend (Kafka, JMS) completes it on a thread
 *       of its own, in publish order, never on the broker client's I/O thread: a chained action that blocks delays
 *       the completion of later futures, never the sending of events. Use the {@code ...Async} variants of
 *       {@link CompletableFuture} for slow work.</li>
 *   <li>Publishing after {@link #close()} fails with {@link PublisherClosedException}.</li>
 *   <li>{@code close()} flushes: every future returned before it is completed when it returns. It is
 *       idempotent.</li>
 * </ul>
 */
public interface EventPublisher extends AutoCloseable {

    /** Publishes the event with no extra headers. */
    default CompletableFuture<PublishReceipt> publish(DomainEvent event) {
        return publish(event, Map.of());
    }

    /**
     * Publishes the event with extra headers (for example a W3C {@code traceparent}) that reach every handler in
     * {@link EventContext#headers()}. Header names starting with {@code ce_} or {@code eventport_} are reserved.
     */
    CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers);

    /** Flushes what was published, then releases the backend's resources; idempotent. */
    @Override
    void close();
}

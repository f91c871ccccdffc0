package dev.eventport.adapter.inmemory;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.PublisherClosedException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Appends events to the partition of their aggregate id, in the caller's thread; the future is complete when
 * {@code publish} returns, so {@link #close()} has nothing left to flush.
 */
final class InMemoryPublisher implements EventPublisher {

    private final InMemoryEventBackend backend;
    private final long timeoutNanos;
    private volatile boolean closed;

    InMemoryPublisher(InMemoryEventBackend backend, long timeoutNanos) {
        this.backend = backend;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        Objects.requireNonNull(event, "event must not be null");
        Topic topic = backend.topicFor(event.getClass());
        if (isClosed()) {
            return CompletableFuture.failedFuture(new PublisherClosedException(event.eventId(),
                    event.getClass().getSimpleName(), topic.destination()));
        }
        Map<String, String> copy = headers.isEmpty() ? Map.of() : Map.copyOf(headers);
        Partition partition = topic.partitionFor(event.aggregateId());
        try {
            LogRecord record = partition.append(event, copy, timeoutNanos, this::isClosed);
            return CompletableFuture.completedFuture(new PublishReceipt(event.eventId(), topic.destination(), partition.id(),
                    OptionalLong.of(record.offset()), Instant.EPOCH.plusNanos(record.appendedAtMicros() * 1_000)));
        } catch (Partition.FullException e) {
            return failed(event, topic, e.getMessage(), null);
        } catch (Partition.ClosedException e) {
            return CompletableFuture.failedFuture(new PublisherClosedException(event.eventId(),
                    event.getClass().getSimpleName(), topic.destination()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(event, topic, "interrupted while waiting for room in partition " + partition.index(), e);
        }
    }

    private static CompletableFuture<PublishReceipt> failed(DomainEvent event, Topic topic, String reason, Throwable cause) {
        return CompletableFuture.failedFuture(new PublishFailedException(event.eventId(), event.getClass().getSimpleName(),
                topic.destination(), reason, cause));
    }

    private boolean isClosed() {
        return closed || backend.isClosed();
    }

    @Override
    public void close() {
        closed = true;
        backend.forget(this);
    }
}

package dev.eventport.adapter.inmemory;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.PublisherClosedException;
import dev.eventport.ports.spi.BackendObservers;
import dev.eventport.ports.spi.PublishHeaders;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * Appends events to the partition of their aggregate id, in the caller's thread; the future is complete when
 * {@code publish} returns, so {@link #close()} has nothing left to flush. Each event carries a {@code traceparent}.
 */
final class InMemoryPublisher implements EventPublisher {

    private final InMemoryEventBackend backend;
    private final BackendObservers observers;
    private final long timeoutNanos;
    private final BooleanSupplier closedCheck = this::isClosed;
    /** The route of the last event type published (immutable, so racy reads are safe). */
    private InMemoryEventBackend.Route last;
    private volatile boolean closed;

    InMemoryPublisher(InMemoryEventBackend backend, BackendObservers observers, long timeoutNanos) {
        this.backend = backend;
        this.observers = observers;
        this.timeoutNanos = timeoutNanos;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        Objects.requireNonNull(event, "event must not be null");
        Objects.requireNonNull(headers, "headers must not be null");
        InMemoryEventBackend.Route route = last;
        if (route == null || route.eventClass() != event.getClass()) {
            route = backend.routeFor(event.getClass());
            last = route;
        }
        Topic topic = route.topic();
        if (isClosed()) {
            return CompletableFuture.failedFuture(new PublisherClosedException(event.eventId(), route.eventType(),
                    topic.destination()));
        }
        long start = observers.startTimer();
        Partition partition = topic.partitionFor(event.aggregateId());
        try {
            LogRecord record = partition.append(event, route.eventType(), PublishHeaders.withTraceparent(headers),
                    timeoutNanos, closedCheck);
            observers.publishCompleted(topic.destination(), route.eventType(), start, null);
            return CompletableFuture.completedFuture(new PublishReceipt(event.eventId(), topic.destination(), partition.id(),
                    OptionalLong.of(record.offset()), Instant.ofEpochSecond(Math.floorDiv(record.appendedAtMicros(), 1_000_000L),
                    Math.floorMod(record.appendedAtMicros(), 1_000_000L) * 1_000L)));
        } catch (Partition.FullException e) {
            return failed(event, route, e.getMessage(), null, start);
        } catch (Partition.ClosedException e) {
            PublisherClosedException closed = new PublisherClosedException(event.eventId(), route.eventType(), topic.destination());
            observers.publishCompleted(topic.destination(), route.eventType(), start, closed);
            return CompletableFuture.failedFuture(closed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(event, route, "interrupted while waiting for room in partition " + partition.index(), e, start);
        }
    }

    private CompletableFuture<PublishReceipt> failed(DomainEvent event, InMemoryEventBackend.Route route, String reason,
                                                     Throwable cause, long start) {
        PublishFailedException failure = new PublishFailedException(event.eventId(), route.eventType(),
                route.topic().destination(), reason, cause);
        observers.publishCompleted(route.topic().destination(), route.eventType(), start, failure);
        return CompletableFuture.failedFuture(failure);
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

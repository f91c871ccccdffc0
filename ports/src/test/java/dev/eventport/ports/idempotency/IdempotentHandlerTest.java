package dev.eventport.ports.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventContext;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Idempotent handler")
class IdempotentHandlerTest {

    record ParcelShipped(String eventId, Instant occurredAt, String aggregateId) implements DomainEvent {
    }

    private static EventContext context(String subscription, String eventId) {
        return new EventContext(eventId, "ParcelShipped", "parcel-shipped", subscription, OptionalInt.empty(),
                OptionalLong.empty(), 1, Map.of());
    }

    private final ParcelShipped event = new ParcelShipped("e-1", Instant.now(), "parcel-1");

    @Test
    @DisplayName("runs the delegate once per event id and subscription and counts the duplicates")
    void skipsDuplicates() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        IdempotentHandler<ParcelShipped> handler = IdempotentHandler.wrap((e, c) -> calls.incrementAndGet(),
                new InMemoryProcessedEvents());

        handler.handle(event, context("shipping", "e-1"));
        handler.handle(event, context("shipping", "e-1"));
        handler.handle(event, context("loyalty", "e-1"));

        assertThat(calls).hasValue(2);
        assertThat(handler.duplicatesSkipped()).isEqualTo(1);
    }

    @Test
    @DisplayName("does not record a failed attempt, so the retry runs the delegate again")
    void failureIsNotRecorded() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        IdempotentHandler<ParcelShipped> handler = IdempotentHandler.wrap((e, c) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("warehouse down");
            }
        }, new InMemoryProcessedEvents());

        assertThatThrownBy(() -> handler.handle(event, context("shipping", "e-1"))).hasMessage("warehouse down");
        handler.handle(event, context("shipping", "e-1"));

        assertThat(calls).hasValue(2);
        assertThat(handler.duplicatesSkipped()).isZero();
    }

    @Test
    @DisplayName("runs concurrent deliveries of one event id one after the other, so only one takes effect")
    void concurrentDuplicates() throws Exception {
        AtomicInteger effects = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        IdempotentHandler<ParcelShipped> handler = IdempotentHandler.wrap((e, c) -> effects.incrementAndGet(),
                new InMemoryProcessedEvents());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<?>[] futures = new Future<?>[8];
            for (int i = 0; i < futures.length; i++) {
                futures[i] = pool.submit(() -> {
                    start.await();
                    handler.handle(event, context("shipping", "e-1"));
                    return null;
                });
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(effects).hasValue(1);
        assertThat(handler.duplicatesSkipped()).isEqualTo(7);
    }

    @Test
    @DisplayName("the in-memory store forgets the oldest ids beyond its capacity")
    void boundedStore() {
        InMemoryProcessedEvents store = new InMemoryProcessedEvents(2);
        store.markProcessed("s", "a");
        store.markProcessed("s", "b");
        store.markProcessed("s", "c");

        assertThat(store.isProcessed("s", "a")).isFalse();
        assertThat(store.isProcessed("s", "b")).isTrue();
        assertThat(store.isProcessed("s", "c")).isTrue();
        assertThat(store.isProcessed("other", "c")).isFalse();
    }
}

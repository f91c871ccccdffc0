package dev.eventport.ports.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.NonRetryableException;
import dev.eventport.ports.TraceParent;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Handler invoker (shared by every backend)")
class HandlerInvokerTest {

    record ParcelShipped(String eventId, Instant occurredAt, String aggregateId) implements DomainEvent {
    }

    /** Records every callback as one line. */
    static final class Recording implements BackendObserver {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void handled(String destination, String subscription, long durationNanos, Throwable failure) {
            calls.add("handled " + destination + " " + subscription + " " + (failure == null ? "ok" : failure.getMessage()));
        }

        @Override
        public void retryScheduled(String destination, String subscription, String eventId, int failedAttempt, Duration delay) {
            calls.add("retry " + eventId + " after attempt " + failedAttempt + " in " + delay.toMillis() + " ms");
        }

        @Override
        public void deadLettered(String destination, String subscription, String eventId, int attempts, Throwable reason) {
            calls.add("dead-lettered " + eventId + " after " + attempts + ": " + reason.getMessage());
        }

        @Override
        public void duplicateSkipped(String destination, String subscription, String eventId) {
            calls.add("duplicate " + eventId);
        }
    }

    private final ParcelShipped event = new ParcelShipped("e-1", Instant.now(), "parcel-1");
    private final BackendObservers observers = new BackendObservers("test");
    private final Recording recording = new Recording();

    private static EventContext context(int attempt, Map<String, String> headers) {
        return new EventContext("e-1", "ParcelShipped", "parcel-shipped", "billing", OptionalInt.empty(), OptionalLong.empty(),
                attempt, headers);
    }

    private HandlerInvoker<ParcelShipped> invoker(EventHandler<ParcelShipped> handler, ErrorPolicy policy) {
        observers.add(recording);
        return new HandlerInvoker<>(handler, policy, "parcel-shipped", "billing", observers);
    }

    @Test
    @DisplayName("a handler that returns is processed and reported once")
    void processed() {
        HandlerInvoker.Attempt attempt = invoker((e, c) -> { }, ErrorPolicy.defaults()).attempt(event, context(1, Map.of()));

        assertThat(attempt.processed()).isTrue();
        assertThat(recording.calls).containsExactly("handled parcel-shipped billing ok");
    }

    @Test
    @DisplayName("a failure before the last attempt asks for a retry after the policy's delay")
    void retries() {
        ErrorPolicy policy = ErrorPolicy.defaults().withBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(1));
        HandlerInvoker<ParcelShipped> invoker = invoker((e, c) -> {
            throw new IllegalStateException("down");
        }, policy);

        HandlerInvoker.Attempt second = invoker.attempt(event, context(2, Map.of()));

        assertThat(second.processed()).isFalse();
        assertThat(second.retry()).isTrue();
        assertThat(second.retryDelay()).isEqualTo(Duration.ofMillis(200));
        assertThat(recording.calls).containsExactly("handled parcel-shipped billing down", "retry e-1 after attempt 2 in 200 ms");
    }

    @Test
    @DisplayName("the last attempt, or a non-retryable failure, asks for the dead letters")
    void deadLetters() {
        HandlerInvoker<ParcelShipped> last = invoker((e, c) -> {
            throw new IllegalStateException("still down");
        }, ErrorPolicy.defaults().withMaxAttempts(2));
        HandlerInvoker<ParcelShipped> poison = new HandlerInvoker<>((e, c) -> {
            throw new NonRetryableException("bad data");
        }, ErrorPolicy.defaults(), "parcel-shipped", "billing", observers);

        HandlerInvoker.Attempt afterLast = last.attempt(event, context(2, Map.of()));
        HandlerInvoker.Attempt afterPoison = poison.attempt(event, context(1, Map.of()));
        last.deadLettered("e-1", 2, afterLast.failure());

        assertThat(afterLast.retry()).isFalse();
        assertThat(afterPoison.retry()).isFalse();
        assertThat(afterPoison.failure()).isInstanceOf(NonRetryableException.class);
        assertThat(recording.calls).contains("dead-lettered e-1 after 2: still down").noneMatch(call -> call.startsWith("retry"));
    }

    @Test
    @DisplayName("the event's trace is current while the handler runs, and only then")
    void trace() {
        String header = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        AtomicReference<TraceParent> seen = new AtomicReference<>();
        AtomicReference<String> childHeader = new AtomicReference<>();
        invoker((e, c) -> {
            seen.set(TraceParent.current().orElse(null));
            childHeader.set(PublishHeaders.traceparentFor(Map.of()));
        }, ErrorPolicy.defaults()).attempt(event, context(1, Map.of(TraceParent.HEADER, header)));

        assertThat(seen.get()).hasToString(header);
        assertThat(TraceParent.parse(childHeader.get()).orElseThrow().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceParent.current()).isEmpty();
    }

    @Test
    @DisplayName("an IdempotentHandler's skipped duplicate reaches the observers")
    void duplicates() {
        HandlerInvoker<ParcelShipped> invoker = invoker(IdempotentHandler.wrap((e, c) -> { }, new InMemoryProcessedEvents()),
                ErrorPolicy.defaults());

        invoker.attempt(event, context(1, Map.of()));
        invoker.attempt(event, context(1, Map.of()));

        assertThat(recording.calls).containsExactly("handled parcel-shipped billing ok", "duplicate e-1",
                "handled parcel-shipped billing ok");
    }
}

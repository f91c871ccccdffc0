package dev.eventport.adapter.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.adapter.direct.DirectEventBackendTest.ParcelLost;
import dev.eventport.adapter.direct.DirectEventBackendTest.ParcelShipped;
import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.TraceParent;
import dev.eventport.testkit.CountingObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The direct backend in operation: health, observers, tracing, lag and dead-letter republish")
class DirectOperationsTest {

    private static final ErrorPolicy TWO_QUICK_ATTEMPTS = ErrorPolicy.defaults().withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1));

    private final AtomicInteger ids = new AtomicInteger();
    private final DirectEventBackend backend = new DirectEventBackend(DirectConfig.from(EventportConfig.of(Map.of(
            DirectConfig.PAUSE_TIMEOUT, "10s"))), DestinationNaming.kebabCase());
    private final CountingObserver recorder = new CountingObserver();

    @AfterEach
    void close() {
        backend.close();
    }

    private ParcelShipped shipped() {
        return new ParcelShipped("evt-" + ids.incrementAndGet(), Instant.now(), "parcel-" + ids.get());
    }

    @Test
    @DisplayName("observers hear of every publish, handler call, retry, dead letter and subscription change")
    void observersHearEverything() {
        Subscription early = backend.createSubscriber().subscribe("early", ParcelShipped.class, (event, context) -> { });
        backend.addObserver(recorder);
        backend.addObserver(recorder);
        AtomicBoolean fail = new AtomicBoolean(true);
        Subscription flaky = backend.createSubscriber().subscribe(SubscriptionRequest.of("flaky", ParcelShipped.class, (event, context) -> {
            if (fail.get()) {
                throw new IllegalStateException("down");
            }
        }).withErrorPolicy(TWO_QUICK_ATTEMPTS));

        backend.createPublisher().publish(shipped());
        fail.set(false);
        backend.createPublisher().publish(shipped()).join();
        flaky.pause();
        flaky.resume();
        early.close();
        backend.removeObserver(recorder);
        flaky.close();

        assertThat(recorder.calls()).containsExactly("opened early", "opened flaky",
                "handled early", "handled flaky failed", "retry flaky after 1", "handled flaky failed",
                "dead-lettered flaky after 2", "published ParcelShipped failed",
                "handled early", "handled flaky", "published ParcelShipped",
                "paused flaky", "resumed flaky", "closed early");
    }

    @Test
    @DisplayName("every handler sees the publish's traceparent: the caller's, or a child of the current trace, or a new root")
    void tracesFromPublishToEveryHandler() {
        List<String> traces = new CopyOnWriteArrayList<>();
        backend.createSubscriber().subscribe("a", ParcelShipped.class, (event, context) -> traces.add(context.header(TraceParent.HEADER)));
        backend.createSubscriber().subscribe("b", ParcelShipped.class, (event, context) ->
                traces.add(context.traceparent().map(TraceParent::toString).orElse("none")));
        String given = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        backend.createPublisher().publish(shipped(), Map.of(TraceParent.HEADER, given, "x", "y")).join();
        TraceParent outer = TraceParent.newRoot();
        try (TraceParent.Scope scope = outer.makeCurrent()) {
            backend.createPublisher().publish(shipped()).join();
        }
        backend.createPublisher().publish(shipped()).join();

        assertThat(traces).hasSize(6);
        assertThat(traces.subList(0, 2)).containsOnly(given);
        TraceParent child = TraceParent.parse(traces.get(2)).orElseThrow();
        assertThat(child.traceId()).isEqualTo(outer.traceId());
        assertThat(child.parentId()).isNotEqualTo(outer.parentId());
        assertThat(traces.get(3)).isEqualTo(traces.get(2));
        TraceParent root = TraceParent.parse(traces.get(4)).orElseThrow();
        assertThat(root.traceId()).isNotEqualTo(outer.traceId());
        assertThat(traces.get(5)).isEqualTo(traces.get(4));
    }

    @Test
    @DisplayName("an event published by a handler continues the trace of the event it handles")
    void handlersContinueTheTrace() {
        List<EventContext> contexts = new CopyOnWriteArrayList<>();
        backend.createSubscriber().subscribe("follow-up", ParcelShipped.class, (event, context) -> {
            contexts.add(context);
            backend.createPublisher().publish(new ParcelLost(event.eventId() + "-next", Instant.now(), event.parcelId())).join();
        });
        backend.createSubscriber().subscribe("followed", ParcelLost.class, (event, context) -> contexts.add(context));

        backend.createPublisher().publish(shipped()).join();

        assertThat(contexts).hasSize(2);
        TraceParent first = contexts.get(0).traceparent().orElseThrow();
        TraceParent second = contexts.get(1).traceparent().orElseThrow();
        assertThat(second.traceId()).isEqualTo(first.traceId());
        assertThat(second.parentId()).isNotEqualTo(first.parentId());
    }

    @Test
    @DisplayName("health: a paused subscription is named, with the blocking of publishes it causes; a closed backend can do nothing")
    void health() {
        assertThat(backend.health().isHealthy()).isTrue();
        Subscription audit = backend.createSubscriber().subscribe("audit", ParcelShipped.class, (event, context) -> { });

        audit.pause();
        BackendHealth paused = backend.health();
        audit.resume();
        BackendHealth resumed = backend.health();
        backend.close();
        BackendHealth closed = backend.health();

        assertThat(paused.canConsume()).isFalse();
        assertThat(paused.canPublish()).isTrue();
        assertThat(paused.problems()).singleElement().asString()
                .contains("'audit'", "'parcel-shipped'", "paused", "resume()", "blocks", "10000 ms", DirectConfig.PAUSE_TIMEOUT);
        assertThat(resumed.isHealthy()).isTrue();
        assertThat(closed.canPublish()).isFalse();
        assertThat(closed.canConsume()).isFalse();
        assertThat(closed.problems()).singleElement().asString().contains("closed");
    }

    @Test
    @DisplayName("lag counts the publishes waiting for a paused subscription, with the age of the oldest, and returns to 0")
    void lagOfWaitingPublishes() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        Subscription audit = backend.createSubscriber().subscribe("audit", ParcelShipped.class,
                (event, context) -> handled.add(event.eventId()));
        audit.pause();
        long before = System.nanoTime();
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> backend.createPublisher().publish(shipped()).join());
        await().atMost(Duration.ofSeconds(10)).until(() -> audit.lag().total() == 1);
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> backend.createPublisher().publish(shipped()).join());
        await().atMost(Duration.ofSeconds(10)).until(() -> audit.lag().total() == 2);

        ConsumerLag waiting = audit.lag();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - before);
        audit.resume();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);

        assertThat(waiting.byPartition()).containsExactly(Map.entry(0, 2L));
        assertThat(waiting.oldestAge()).hasValueSatisfying(age -> assertThat(age).isPositive().isLessThanOrEqualTo(elapsed));
        assertThat(handled).hasSize(2);
        assertThat(audit.lag().total()).isZero();
        assertThat(audit.lag().oldestAge()).contains(Duration.ZERO);
    }

    @Test
    @DisplayName("lag of a running handler has its age only while an observer times the calls")
    void lagOfRunningHandler() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Subscription slow = backend.createSubscriber().subscribe("slow", ParcelShipped.class, (event, context) -> {
            running.countDown();
            release.await(10, TimeUnit.SECONDS);
        });
        CompletableFuture<?> untimed = CompletableFuture.runAsync(() -> backend.createPublisher().publish(shipped()).join());
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        ConsumerLag unknownAge = slow.lag();
        release.countDown();
        untimed.get(10, TimeUnit.SECONDS);

        backend.addObserver(recorder);
        CountDownLatch runningAgain = new CountDownLatch(1);
        CountDownLatch releaseAgain = new CountDownLatch(1);
        Subscription observed = backend.createSubscriber().subscribe("observed", ParcelShipped.class, (event, context) -> {
            runningAgain.countDown();
            releaseAgain.await(10, TimeUnit.SECONDS);
        });
        slow.close();
        CompletableFuture<?> timed = CompletableFuture.runAsync(() -> backend.createPublisher().publish(shipped()).join());
        assertThat(runningAgain.await(10, TimeUnit.SECONDS)).isTrue();
        ConsumerLag knownAge = observed.lag();
        releaseAgain.countDown();
        timed.get(10, TimeUnit.SECONDS);

        assertThat(unknownAge.total()).isEqualTo(1);
        assertThat(unknownAge.oldestAge()).isEmpty();
        assertThat(knownAge.total()).isEqualTo(1);
        assertThat(knownAge.oldestAge()).isPresent();
        assertThat(observed.lag().total()).isZero();
    }

    @Test
    @DisplayName("a dead letter republished once the cause is fixed reaches the subscription again, with its trace and attempts")
    void republishesDeadLetters() {
        AtomicBoolean broken = new AtomicBoolean(true);
        List<EventContext> handled = new CopyOnWriteArrayList<>();
        backend.createSubscriber().subscribe(SubscriptionRequest.of("billing", ParcelShipped.class, (event, context) -> {
            if (broken.get()) {
                throw new IllegalStateException("billing is down");
            }
            handled.add(context);
        }).withErrorPolicy(TWO_QUICK_ATTEMPTS));
        ParcelShipped event = shipped();
        backend.createPublisher().publish(event);
        DeadLetters deadLetters = backend.deadLetters();
        DeadLetter letter = deadLetters.list("parcel-shipped").get(0);

        broken.set(false);
        deadLetters.republish(letter).join();

        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(letter.reason()).isEqualTo("billing is down");
        assertThat(handled).singleElement().satisfies(context -> {
            assertThat(context.eventId()).isEqualTo(event.eventId());
            assertThat(context.header(DeadLetters.REPUBLISHED_HEADER)).isEqualTo("2");
            assertThat(context.header(TraceParent.HEADER)).isEqualTo(letter.headers().get(TraceParent.HEADER));
        });
        assertThat(deadLetters.list("parcel-shipped")).isEmpty();
    }

    @Test
    @DisplayName("a receipt gives the time of the publish to the millisecond, from the clock thread of open backends")
    void receiptTime() {
        backend.createSubscriber().subscribe("timed", ParcelShipped.class, (event, context) -> { });
        Instant before = Instant.now();

        Instant accepted = backend.createPublisher().publish(shipped()).join().acceptedAt();

        assertThat(accepted).isBetween(before.minusSeconds(1), Instant.now().plusMillis(1));
        assertThat(Thread.getAllStackTraces().keySet()).anyMatch(thread -> thread.getName().equals(ReceiptClock.THREAD_NAME));
    }
}

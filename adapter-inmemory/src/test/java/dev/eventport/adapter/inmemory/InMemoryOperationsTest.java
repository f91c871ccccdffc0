package dev.eventport.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.TraceParent;
import dev.eventport.testkit.CountingObserver;
import dev.eventport.testkit.contract.ContractEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health, observers, traceparent, lag with the oldest event's age, and republishing dead letters, in memory. */
class InMemoryOperationsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final ErrorPolicy TWO_QUICK_ATTEMPTS = ErrorPolicy.defaults().withMaxAttempts(2)
            .withBackoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1));

    private final InMemoryEventBackend backend = TestBackends.open(Map.of(InMemoryConfig.PARTITIONS, "4"));
    private final CountingObserver observer = new CountingObserver();

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void observersCountPublishesHandlerCallsRetriesAndDeadLettersAndHearOfEverySubscriptionChange() {
        Subscription existing = backend.createSubscriber().subscribe("existing", ContractEvent.class, (event, context) -> { });
        backend.addObserver(observer);
        Subscription picky = backend.createSubscriber().subscribe(SubscriptionRequest.of("picky", ContractEvent.class,
                (ContractEvent event, EventContext context) -> {
                    if (event.sequence() % 5 == 0) {
                        throw new IllegalStateException("no multiples of five");
                    }
                }).withErrorPolicy(TWO_QUICK_ATTEMPTS));
        EventPublisher publisher = backend.createPublisher();

        for (int i = 1; i <= 20; i++) {
            publisher.publish(ContractEvent.of("key-" + i, i)).join();
        }
        await().atMost(DEADLINE).until(() -> picky.lag().total() == 0 && existing.lag().total() == 0
                && observer.deadLettered().size() == 4);
        picky.pause();
        picky.resume();
        existing.close();
        picky.close();

        assertThat(observer.calls().stream().collect(Collectors.groupingBy(call -> call, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("published ContractEvent", 20L),
                        Map.entry("handled existing", 20L),
                        Map.entry("handled picky", 16L),
                        Map.entry("handled picky failed", 8L),
                        Map.entry("retry picky after 1", 4L),
                        Map.entry("dead-lettered picky after 2", 4L),
                        Map.entry("opened existing", 1L), Map.entry("opened picky", 1L), Map.entry("paused picky", 1L),
                        Map.entry("resumed picky", 1L), Map.entry("closed existing", 1L), Map.entry("closed picky", 1L)));
        assertThat(observer.lifecycle()).containsExactly("opened existing", "opened picky", "paused picky",
                "resumed picky", "closed existing", "closed picky");
        assertThat(backend.deadLetters().list(TestBackends.DESTINATION)).hasSize(4);
    }

    @Test
    void whilePausedHealthNamesTheSubscriptionAndLagRisesWithTheOldestAppendsAgeThenBothRecover() {
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Subscription audit = backend.createSubscriber().subscribe("audit", ContractEvent.class,
                (event, context) -> handled.add(event.eventId()));
        audit.pause();
        EventPublisher publisher = backend.createPublisher();
        long before = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            publisher.publish(ContractEvent.of("key-" + i, i)).join();
        }

        ConsumerLag paused = audit.lag();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - before);
        BackendHealth pausedHealth = backend.health();
        audit.resume();
        await().atMost(DEADLINE).until(() -> handled.size() == 10);
        await().atMost(DEADLINE).until(() -> audit.lag().total() == 0);
        BackendHealth resumedHealth = backend.health();
        backend.close();

        assertThat(pausedHealth.canPublish()).isTrue();
        assertThat(pausedHealth.canConsume()).isFalse();
        assertThat(pausedHealth.problems()).singleElement().asString().contains("'audit'", "paused");
        assertThat(resumedHealth.isHealthy()).isTrue();
        assertThat(backend.health().canPublish()).isFalse();
        assertThat(backend.health().problems()).singleElement().asString().contains("closed");

        assertThat(paused.total()).isEqualTo(10);
        assertThat(paused.oldestAge()).hasValueSatisfying(age -> assertThat(age).isLessThanOrEqualTo(elapsed.plusMillis(1)));
        assertThat(audit.lag().oldestAge()).contains(Duration.ZERO);
    }

    @Test
    void theTraceparentGoesFromThePublisherToEveryHandlerAndOnToWhatTheyPublish() {
        List<EventContext> seen = new CopyOnWriteArrayList<>();
        EventPublisher publisher = backend.createPublisher();
        backend.createSubscriber().subscribe("first", ContractEvent.class, (event, context) -> {
            seen.add(context);
            if (event.sequence() == 1) {
                publisher.publish(ContractEvent.of(event.aggregateId(), 2)).join();
            }
        });
        backend.createSubscriber().subscribe("second", ContractEvent.class, (event, context) -> seen.add(context));
        TraceParent checkout = TraceParent.newRoot();

        try (TraceParent.Scope scope = checkout.makeCurrent()) {
            publisher.publish(ContractEvent.of("order-1", 1)).join();
        }
        await().atMost(DEADLINE).until(() -> seen.size() == 4);

        assertThat(seen).allSatisfy(context ->
                assertThat(context.traceparent()).hasValueSatisfying(trace -> assertThat(trace.traceId()).isEqualTo(checkout.traceId())));
        assertThat(seen.stream().map(context -> context.header(TraceParent.HEADER)).distinct()).hasSize(2);
    }

    @Test
    void aDeadLetterRepublishedAfterTheFixReachesTheSubscriptionAgain() {
        AtomicBoolean broken = new AtomicBoolean(true);
        List<EventContext> handled = new CopyOnWriteArrayList<>();
        backend.createSubscriber().subscribe(SubscriptionRequest.of("billing", ContractEvent.class,
                (ContractEvent event, EventContext context) -> {
                    if (broken.get()) {
                        throw new IllegalStateException("billing is down");
                    }
                    handled.add(context);
                }).withErrorPolicy(TWO_QUICK_ATTEMPTS));
        ContractEvent event = ContractEvent.of("order-7", 1);
        backend.createPublisher().publish(event).join();
        DeadLetters deadLetters = backend.deadLetters();
        await().atMost(DEADLINE).until(() -> deadLetters.list(TestBackends.DESTINATION).size() == 1);
        DeadLetter letter = deadLetters.list(TestBackends.DESTINATION).get(0);

        broken.set(false);
        deadLetters.republish(letter).join();
        await().atMost(DEADLINE).until(() -> handled.size() == 1);

        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(letter.offset()).isPresent();
        assertThat(handled.get(0).eventId()).isEqualTo(event.eventId());
        assertThat(handled.get(0).header(DeadLetters.REPUBLISHED_HEADER)).isEqualTo("2");
        assertThat(handled.get(0).header(TraceParent.HEADER)).isEqualTo(letter.headers().get(TraceParent.HEADER));
        assertThat(handled.get(0).offset()).isNotEqualTo(letter.offset());
        assertThat(deadLetters.list(TestBackends.DESTINATION)).isEmpty();
    }
}

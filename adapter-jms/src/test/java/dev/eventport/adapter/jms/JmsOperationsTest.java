package dev.eventport.adapter.jms;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.TraceParent;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import dev.eventport.ports.spi.WireAttributes;
import dev.eventport.testkit.CountingObserver;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.contract.ContractEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Health, observers, tracing, lag with the oldest event's age, and republishing dead letters, on a real Artemis. */
@ExtendWith(EmbeddedArtemisExtension.class)
class JmsOperationsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ErrorPolicy QUICK = ErrorPolicy.defaults().withBackoff(Duration.ofMillis(10), 1.0, Duration.ofMillis(10));

    private final EmbeddedArtemis broker;

    JmsOperationsTest(EmbeddedArtemis broker) {
        this.broker = broker;
    }

    @Test
    void healthAndLagAnswerWithinASecondWhileTheBrokerIsDownAndRecoverAfterwards() throws Exception {
        String destination = JmsTesting.uniqueDestination("health");
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination, Map.of(JmsConfig.SEND_TIMEOUT, "2s"));
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            Subscription subscription = subscriber.subscribe("health-watch", ContractEvent.class,
                    (event, context) -> handled.add(event.eventId()));
            assertThat(backend.health().isHealthy()).isTrue();

            subscription.pause();
            BackendHealth paused = backend.health();
            assertThat(paused.canPublish()).isTrue();
            assertThat(paused.canConsume()).isFalse();
            assertThat(paused.problems()).singleElement().asString().contains("'health-watch'").contains("paused");
            subscription.resume();

            broker.stop();
            try {
                await().atMost(DEADLINE).untilAsserted(() -> {
                    long begin = System.nanoTime();
                    BackendHealth down = assertTimeoutPreemptively(Duration.ofSeconds(1), backend::health);
                    ConsumerLag lag = assertTimeoutPreemptively(Duration.ofSeconds(1), subscription::lag);
                    System.out.printf("broker down: health and lag answered in %d ms%n", (System.nanoTime() - begin) / 1_000_000);
                    assertThat(lag).isNotNull();
                    assertThat(down.canPublish()).isFalse();
                    assertThat(down.canConsume()).isFalse();
                    assertThat(down.problems()).anySatisfy(problem ->
                            assertThat(problem).contains("broker unreachable at " + broker.url()));
                });
            } finally {
                broker.startAgain();
            }
            await().atMost(DEADLINE).until(() -> backend.health().isHealthy());
            ContractEvent after = ContractEvent.of("k", 1);
            await().atMost(DEADLINE).ignoreExceptions().until(() -> {
                publisher.publish(after).get(5, SECONDS);
                return true;
            });
            await().atMost(DEADLINE).until(() -> handled.contains(after.eventId()));
        }
    }

    @Test
    void oneTraceparentIsFollowedFromThePublisherToEveryHandler() throws Exception {
        String destination = JmsTesting.uniqueDestination("trace");
        Map<String, String> seen = new ConcurrentHashMap<>();
        Map<String, String> currentInHandler = new ConcurrentHashMap<>();
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination, Map.of());
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            for (String name : List.of("billing", "shipping")) {
                subscriber.subscribe(name, ContractEvent.class, (event, context) -> {
                    seen.put(context.subscription() + "/" + event.sequence(), context.traceparent().orElseThrow().toString());
                    currentInHandler.put(context.subscription() + "/" + event.sequence(),
                            TraceParent.current().orElseThrow().toString());
                });
            }
            TraceParent checkout = TraceParent.newRoot();
            try (TraceParent.Scope scope = checkout.makeCurrent()) {
                publisher.publish(ContractEvent.of("order-1", 0)).get(30, SECONDS);
            }
            TraceParent explicit = TraceParent.newRoot();
            publisher.publish(ContractEvent.of("order-1", 1), Map.of(TraceParent.HEADER, explicit.toString())).get(30, SECONDS);
            publisher.publish(ContractEvent.of("order-1", 2)).get(30, SECONDS);

            await().atMost(DEADLINE).until(() -> seen.size() == 6);
            for (String name : List.of("billing", "shipping")) {
                TraceParent child = TraceParent.parse(seen.get(name + "/0")).orElseThrow();
                assertThat(child.traceId()).isEqualTo(checkout.traceId());
                assertThat(child.parentId()).isNotEqualTo(checkout.parentId());
                assertThat(seen.get(name + "/1")).isEqualTo(explicit.toString());
                assertThat(TraceParent.parse(seen.get(name + "/2"))).as("a new root when no trace is current").isPresent();
            }
            assertThat(seen.get("billing/0")).isEqualTo(seen.get("shipping/0"));
            assertThat(seen.get("billing/2")).isEqualTo(seen.get("shipping/2"));
            assertThat(currentInHandler).isEqualTo(seen);
        }
    }

    @Test
    void observersHearOfEveryPublishHandlingRetryDeadLetterDuplicateAndLifecycleChange() throws Exception {
        String destination = JmsTesting.uniqueDestination("observed");
        CountingObserver counting = new CountingObserver();
        ContractEvent flaky = ContractEvent.of("flaky", 0);
        ContractEvent poison = ContractEvent.of("poison", 0);
        AtomicInteger flakyCalls = new AtomicInteger();
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination, Map.of());
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            backend.addObserver(counting);
            backend.addObserver(counting);
            IdempotentHandler<ContractEvent> handler = IdempotentHandler.wrap((event, context) -> {
                if (event.eventId().equals(poison.eventId())) {
                    throw new IllegalStateException("poison " + event.eventId());
                }
                if (event.eventId().equals(flaky.eventId()) && flakyCalls.incrementAndGet() == 1) {
                    throw new IllegalStateException("flaky once");
                }
            }, new InMemoryProcessedEvents());
            Subscription subscription = subscriber.subscribe(SubscriptionRequest.of("observed", ContractEvent.class, handler)
                    .withErrorPolicy(QUICK));
            ContractEvent plain = ContractEvent.of("plain", 0);
            for (ContractEvent event : List.of(plain, flaky, poison, plain)) {
                publisher.publish(event).get(30, SECONDS);
            }
            JmsTesting.sendRaw(broker, destination, session -> session.createTextMessage("{not json"));

            await().atMost(DEADLINE).until(() -> counting.deadLettered().size() == 2 && counting.duplicates() == 1
                    && counting.handled() == 7);
            subscription.pause();
            subscription.pause();
            subscription.resume();
            subscription.close();

            assertThat(counting.published()).isEqualTo(4);
            assertThat(counting.publishFailures()).isZero();
            assertThat(counting.handled()).as("plain, flaky twice, poison three times, the duplicate").isEqualTo(7);
            assertThat(counting.handlerFailures()).isEqualTo(4);
            assertThat(counting.retries()).as("flaky once, poison twice").isEqualTo(3);
            assertThat(counting.deadLettered()).containsExactlyInAnyOrder(poison.eventId() + " after 3", "unknown after 0");
            assertThat(counting.lifecycle()).containsExactly("opened observed", "paused observed", "resumed observed",
                    "closed observed");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WireAttributes.class)
    void aDeadLetterIsRepublishedAfterTheFixAndLeavesTheDeadLetterQueue(WireAttributes attributes) throws Exception {
        for (JmsConfig.Mode mode : JmsConfig.Mode.values()) {
            String destination = JmsTesting.uniqueDestination("republish-" + mode.key());
            AtomicBoolean fixed = new AtomicBoolean();
            List<EventContext> processed = new CopyOnWriteArrayList<>();
            ContractEvent event = ContractEvent.of("order-7", 0);
            try (EventBackend backend = JmsTesting.open(broker, mode, destination, Map.of(WireAttributes.KEY, attributes.key()));
                 EventSubscriber subscriber = backend.createSubscriber();
                 EventPublisher publisher = backend.createPublisher()) {
                subscriber.subscribe(SubscriptionRequest.of("fixable", ContractEvent.class, (received, context) -> {
                    if (!fixed.get()) {
                        throw new IllegalStateException("bug 42");
                    }
                    processed.add(context);
                }).withErrorPolicy(QUICK.withMaxAttempts(2)));
                publisher.publish(event, Map.of("tenant", "acme")).get(30, SECONDS);

                DeadLetters deadLetters = backend.deadLetters();
                await().atMost(DEADLINE).until(() -> deadLetters.list(destination).size() == 1);
                DeadLetter letter = deadLetters.list(destination).get(0);
                assertThat(letter.eventId()).isEqualTo(event.eventId());
                assertThat(letter.attempts()).isEqualTo(2);
                assertThat(letter.reason()).contains("bug 42");

                fixed.set(true);
                deadLetters.republish(letter).get(30, SECONDS);

                await().atMost(DEADLINE).until(() -> processed.size() == 1);
                EventContext context = processed.get(0);
                assertThat(context.eventId()).isEqualTo(event.eventId());
                assertThat(context.header(DeadLetters.REPUBLISHED_HEADER)).isEqualTo("2");
                assertThat(context.header("tenant")).isEqualTo("acme");
                assertThat(context.headers()).noneSatisfy((name, value) -> assertThat(name).startsWith("eventport_dlt_"));
                assertThat(deadLetters.list(destination)).isEmpty();
                assertThat(deadLetters.republish(letter)).failsWithin(Duration.ofSeconds(30))
                        .withThrowableThat().withMessageContaining("no longer");
            }
        }
    }

    @Test
    void lagCountsPrefetchedMessagesAndTellsTheAgeOfTheOldest() throws Exception {
        String destination = JmsTesting.uniqueDestination("oldest");
        AtomicBoolean release = new AtomicBoolean();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.QUEUE, destination, Map.of());
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            Subscription subscription = subscriber.subscribe("slow", ContractEvent.class, (event, context) -> {
                await().atMost(DEADLINE).untilTrue(release);
                handled.add(event.eventId());
            });
            for (int i = 0; i < 20; i++) {
                publisher.publish(ContractEvent.of("k" + i, i)).get(30, SECONDS);
            }
            await().atMost(DEADLINE).until(() -> {
                ConsumerLag lag = subscription.lag();
                return lag.total() == 20 && lag.oldestAge().isPresent() && lag.oldestAge().get().toMillis() >= 200;
            });
            release.set(true);
            await().atMost(DEADLINE).until(() -> handled.size() == 20);
            await().atMost(DEADLINE).until(() -> subscription.lag().total() == 0
                    && subscription.lag().oldestAge().equals(java.util.Optional.of(Duration.ZERO)));
        }
    }
}

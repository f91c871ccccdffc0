package dev.eventport.adapter.jms;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import dev.eventport.ports.idempotency.ProcessedEvents;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.contract.ContractEvent;
import dev.eventport.testkit.local.ReliabilityReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Consumers that die without acknowledging, and handlers slower than anything else in the loop. A consumer "dies"
 * at a seeded handler call, before or after its side effect: its handler hangs and its backend is closed under it,
 * so its connection goes away without a commit, as when a process is killed; a new consumer takes over. Each writes its
 * figures to {@code target/reliability/<name>.json} and {@code .md}; the crash test prints its seed, and
 * {@code -D}{@value #SEED_PROPERTY}{@code =<seed>} replays the same crash points.
 */
@ExtendWith(EmbeddedArtemisExtension.class)
class JmsConsumerFaultsTest {

    static final String SEED_PROPERTY = "eventport.faults.seed";
    private static final int EVENTS = 10_000;
    private static final int CRASHES = 20;
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    private final EmbeddedArtemis broker;

    JmsConsumerFaultsTest(EmbeddedArtemis broker) {
        this.broker = broker;
    }

    @Test
    void aConsumerThatDiesWithoutAcknowledgingAtTwentySeededPointsLosesNothing() throws Exception {
        long seed = Long.getLong(SEED_PROPERTY, new Random().nextLong());
        System.out.println("JmsConsumerFaultsTest crash seed " + seed + " (rerun with -D" + SEED_PROPERTY + "=" + seed + ")");
        Random random = new Random(seed);
        NavigableMap<Integer, Boolean> crashAtCall = new TreeMap<>();
        while (crashAtCall.size() < CRASHES) {
            crashAtCall.put(1 + random.nextInt(EVENTS), random.nextBoolean());
        }
        String destination = JmsTesting.uniqueDestination("crash");
        Map<String, AtomicInteger> sideEffects = new ConcurrentHashMap<>();
        ProcessedEvents processedEvents = new InMemoryProcessedEvents(EVENTS * 2);
        AtomicInteger calls = new AtomicInteger();
        AtomicLong lastProcessedNanos = new AtomicLong();
        List<Long> recoveries = new ArrayList<>();
        long duplicatesAbsorbed = 0;
        long begin = System.nanoTime();

        Map<String, String> keys = Map.of(JmsConfig.CLOSE_TIMEOUT, "300ms");
        try (EventBackend publishing = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination, keys);
             EventPublisher publisher = publishing.createPublisher()) {
            publishing.createSubscriber().subscribe("crash-proof", ContractEvent.class, (event, context) -> { }).close();
            List<CompletableFuture<?>> confirmations = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                confirmations.add(publisher.publish(ContractEvent.of("key-" + (i % 40), i / 40)));
            }
            CompletableFuture.allOf(confirmations.toArray(CompletableFuture<?>[]::new)).get(120, SECONDS);
        }

        int lives = 0;
        while (sideEffects.size() < EVENTS) {
            lives++;
            CountDownLatch died = new CountDownLatch(1);
            CountDownLatch buried = new CountDownLatch(1);
            IdempotentHandler<ContractEvent> idempotent = IdempotentHandler.wrap((event, context) -> {
                sideEffects.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
                lastProcessedNanos.set(System.nanoTime());
            }, processedEvents);
            EventHandler<ContractEvent> dying = (event, context) -> {
                if (died.getCount() == 0) {
                    buried.await();
                    return;
                }
                Boolean afterSideEffect;
                synchronized (crashAtCall) {
                    afterSideEffect = crashAtCall.remove(calls.incrementAndGet());
                }
                if (afterSideEffect == null || afterSideEffect) {
                    idempotent.handle(event, context);
                }
                if (afterSideEffect != null) {
                    died.countDown();
                    buried.await();
                }
            };
            long lifeBegin = System.nanoTime();
            EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination, keys);
            try {
                EventSubscriber subscriber = backend.createSubscriber();
                subscriber.subscribe(SubscriptionRequest.of("crash-proof", ContractEvent.class, dying).withConsumers(2));
                await().atMost(DEADLINE).until(() -> lastProcessedNanos.get() > lifeBegin || died.getCount() == 0
                        || sideEffects.size() == EVENTS);
                if (lives > 1 && lastProcessedNanos.get() > lifeBegin) {
                    recoveries.add(lastProcessedNanos.get() - lifeBegin);
                }
                await().atMost(DEADLINE).until(() -> died.getCount() == 0 || sideEffects.size() == EVENTS);
            } finally {
                backend.close();
                buried.countDown();
            }
            duplicatesAbsorbed += idempotent.duplicatesSkipped();
        }
        long repeatedSideEffects = sideEffects.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();
        Duration longestRecovery = Duration.ofNanos(recoveries.stream().mapToLong(Long::longValue).max().orElse(0));
        ReliabilityReport.named("jms-consumer-crash").put("seed", seed).put("published", EVENTS)
                .put("processed", sideEffects.size()).put("lost", EVENTS - sideEffects.size())
                .put("crashes", CRASHES - crashAtCall.size()).put("consumerLives", lives)
                .put("duplicatesAbsorbed", duplicatesAbsorbed).put("sideEffectsRepeated", repeatedSideEffects)
                .put("longestTimeToRecover", longestRecovery)
                .put("seconds", Math.round((System.nanoTime() - begin) / 1e8) / 10.0).write();

        assertThat(crashAtCall).as("every seeded crash happened").isEmpty();
        assertThat(sideEffects).hasSize(EVENTS);
        assertThat(repeatedSideEffects).as("redeliveries after a crash were absorbed as duplicates").isZero();
        assertThat(broker.messageCount("crash-proof")).isLessThanOrEqualTo(0);
    }

    @Test
    void aHandlerSlowerThanEverythingElseLosesNothingAndIsNeverRedelivered() throws Exception {
        String destination = JmsTesting.uniqueDestination("slow");
        int events = 12;
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        Set<String> published = ConcurrentHashMap.newKeySet();
        long begin = System.nanoTime();
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination, Map.of());
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("slow-reader", ContractEvent.class, (event, context) -> {
                LockSupport.parkNanos(Duration.ofMillis(700).toNanos());
                attempts.merge(event.eventId(), context.attempt(), Math::max);
                attempts.merge(event.eventId() + "#calls", 1, Integer::sum);
            }).withConsumers(2));
            for (int i = 0; i < events; i++) {
                ContractEvent event = ContractEvent.of("k" + i, 0);
                publisher.publish(event).get(30, SECONDS);
                published.add(event.eventId());
            }
            await().atMost(DEADLINE).until(() -> published.stream().allMatch(attempts::containsKey));
        }
        long redelivered = published.stream().filter(id -> attempts.get(id) > 1 || attempts.get(id + "#calls") > 1).count();
        ReliabilityReport.named("jms-slow-handler").put("published", events).put("processed", published.stream()
                        .filter(attempts::containsKey).count()).put("lost", 0).put("redelivered", redelivered)
                .put("handlerMillis", 700).put("seconds", Math.round((System.nanoTime() - begin) / 1e8) / 10.0).write();
        assertThat(redelivered).isZero();
    }
}

package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member of a consumer group that dies without committing, at 20 seeded points, while a survivor keeps consuming:
 * nothing is lost and the idempotent handler absorbs what the dead member had done but not committed.
 *
 * <p>"Dies" means: a member (a backend of its own, as a separate process would be) handles a seeded number of
 * events, then its poll thread stops for good in the middle of its batch, before or after the side effect of the event
 * in hand (seeded too). It never commits that batch nor leaves the group by itself; the group evicts it when its
 * {@code max.poll.interval.ms} (1 s here) passes without a poll, as it would a hung process, and its partitions move
 * to the survivor, which resumes from the last committed offsets. Two members join and die in each round. Point {@code i} uses seed {@code base + i}; the base
 * is printed and set with {@code -Deventport.faults.seed=<base>} to replay the same points. Figures in
 * target/reliability/kafka-consumer-crash.json.
 */
class KafkaConsumerCrashTest {

    /** System property: the seed of the first crash point. */
    static final String SEED_PROPERTY = "eventport.faults.seed";

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final int POINTS = 20;
    /** Members that join, and die, together: each has its own seeded point; two at a time halves the test's time. */
    private static final int VICTIMS_PER_ROUND = 2;
    private static final int CHUNK = 200;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aMemberDyingWithoutCommittingAtTwentySeededPointsLosesNothing() throws Exception {
        long base = Long.getLong(SEED_PROPERTY, new Random().nextLong());
        System.out.println("[faults] KafkaConsumerCrashTest base seed " + base + " (rerun with -D" + SEED_PROPERTY + "=" + base + ")");
        String topic = uniqueTopic("crash");
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        config.put(KafkaConfig.TOPICS_PARTITIONS, "6");
        Map<String, String> victimConfig = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        victimConfig.put(KafkaConfig.CONSUMER_PREFIX + "max.poll.interval.ms", "1000");
        victimConfig.put(KafkaConfig.CLOSE_TIMEOUT, "1s");
        FaultLedger ledger = new FaultLedger();
        List<String> points = new ArrayList<>();
        List<CompletableFuture<Void>> burials = new ArrayList<>();
        AtomicInteger sequence = new AtomicInteger();
        long started = System.nanoTime();
        long longestRecoveryNanos = 0;
        try (EventBackend survivor = KafkaTestSupport.open(config);
             EventPublisher publisher = survivor.createPublisher()) {
            survivor.createSubscriber().subscribe(SubscriptionRequest.of("crash-group", OrderCreated.class, ledger.handler()));
            for (int round = 0; round < POINTS / VICTIMS_PER_ROUND; round++) {
                CountDownLatch died = new CountDownLatch(VICTIMS_PER_ROUND);
                List<EventBackend> victims = new ArrayList<>();
                List<Subscription> members = new ArrayList<>();
                for (int v = 0; v < VICTIMS_PER_ROUND; v++) {
                    int point = round * VICTIMS_PER_ROUND + v;
                    long seed = base + point;
                    SplittableRandom random = new SplittableRandom(seed);
                    int dieAt = 1 + random.nextInt(300);
                    boolean afterSideEffect = random.nextBoolean();
                    String description = "point " + point + " seed " + seed + ": dies at its event " + dieAt
                            + (afterSideEffect ? " after" : " before") + " the side effect";
                    System.out.println("[faults] " + description);
                    points.add(description);
                    EventBackend victim = KafkaTestSupport.open(victimConfig);
                    victims.add(victim);
                    members.add(victim.createSubscriber().subscribe(SubscriptionRequest.of("crash-group", OrderCreated.class,
                            dying(ledger.handler(), dieAt, afterSideEffect, died))));
                }
                for (int chunk = 0; died.getCount() > 0; chunk++) {
                    if (chunk == 50) {
                        throw new AssertionError("round " + round + " (" + points.subList(points.size() - VICTIMS_PER_ROUND,
                                points.size()) + "): a member never reached its crash point");
                    }
                    publishChunk(ledger, publisher, sequence);
                    died.await(200, TimeUnit.MILLISECONDS);
                }
                long diedAt = System.nanoTime();
                ledger.awaitPublishOutcomes(WAIT);
                ledger.awaitAllProcessed(WAIT);
                longestRecoveryNanos = Math.max(longestRecoveryNanos, System.nanoTime() - diedAt);
                // closing interrupts a dead thread after the close timeout: bury them in the background
                burials.add(CompletableFuture.runAsync(() -> {
                    members.forEach(Subscription::close);
                    victims.forEach(EventBackend::close);
                }));
            }
            CompletableFuture.allOf(burials.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ledger.awaitAllProcessed(WAIT);
        }
        ledger.report("kafka-consumer-crash")
                .put("crashPoints", POINTS)
                .put("baseSeed", base)
                .put("rerun", "./mvnw -o -pl adapter-kafka -am test -Dtest=KafkaConsumerCrashTest -D" + SEED_PROPERTY + "=" + base
                        + " -Dsurefire.failIfNoSpecifiedTests=false")
                .put("longestTimeToRecover", Duration.ofNanos(longestRecoveryNanos))
                .put("duration", Duration.ofNanos(System.nanoTime() - started))
                .put("points", String.join("; ", points))
                .write();
        assertThat(ledger.publishFailures()).isZero();
        assertThat(ledger.lost()).as("base seed %s", base).isZero();
        assertThat(ledger.duplicateSideEffects()).as("base seed %s", base).isZero();
    }

    /** Handles events until the {@code dieAt}-th, then blocks its thread for good (until interrupted by close). */
    private static EventHandler<OrderCreated> dying(EventHandler<OrderCreated> handler, int dieAt, boolean afterSideEffect,
                                                    CountDownLatch died) {
        AtomicInteger handled = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        return (OrderCreated event, EventContext context) -> {
            if (handled.incrementAndGet() < dieAt) {
                handler.handle(event, context);
                return;
            }
            if (afterSideEffect) {
                handler.handle(event, context);
            }
            died.countDown();
            never.await();
        };
    }

    private static void publishChunk(FaultLedger ledger, EventPublisher publisher, AtomicInteger sequence) {
        for (int i = 0; i < CHUNK; i++) {
            int n = sequence.getAndIncrement();
            ledger.publish(publisher, "order-" + (n % 100), n);
        }
    }
}

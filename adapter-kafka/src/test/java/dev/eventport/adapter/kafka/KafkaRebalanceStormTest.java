package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rebalance storm: while events stream in, a consumer joins or leaves the group every second for 15 s (one member
 * stays throughout). Nothing is lost, every redelivery is absorbed by the idempotent handler and redelivery stays
 * bounded. The join/leave sequence is seeded ({@code -Deventport.faults.seed}). Figures in
 * target/reliability/kafka-rebalance-storm.json.
 */
class KafkaRebalanceStormTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final Duration STORM = Duration.ofSeconds(15);
    private static final int MAX_CHURNING_MEMBERS = 3;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void membersJoiningAndLeavingEverySecondLoseNothing() throws Exception {
        long seed = Long.getLong(KafkaConsumerCrashTest.SEED_PROPERTY, new Random().nextLong());
        System.out.println("[faults] KafkaRebalanceStormTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        String topic = uniqueTopic("storm");
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        config.put(KafkaConfig.TOPICS_PARTITIONS, "6");
        config.put(KafkaConfig.CONSUMER_PREFIX + "heartbeat.interval.ms", "300");
        FaultLedger ledger = new FaultLedger();
        AtomicInteger sequence = new AtomicInteger();
        AtomicInteger joins = new AtomicInteger();
        AtomicInteger leaves = new AtomicInteger();
        Deque<Subscription> churning = new ArrayDeque<>();
        ScheduledExecutorService storm = Executors.newScheduledThreadPool(2);
        long started = System.nanoTime();
        try (EventBackend stable = KafkaTestSupport.open(config);
             EventBackend churn = KafkaTestSupport.open(config);
             EventSubscriber churnSubscriber = churn.createSubscriber();
             EventPublisher publisher = stable.createPublisher()) {
            stable.createSubscriber().subscribe(SubscriptionRequest.of("storm-group", OrderCreated.class, ledger.handler()));
            storm.scheduleAtFixedRate(() -> {
                for (int i = 0; i < 50; i++) {
                    int n = sequence.getAndIncrement();
                    ledger.publish(publisher, "order-" + (n % 60), n);
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
            storm.scheduleWithFixedDelay(() -> {
                boolean join = churning.isEmpty() || (churning.size() < MAX_CHURNING_MEMBERS && random.nextBoolean());
                if (join) {
                    churning.add(churnSubscriber.subscribe(SubscriptionRequest.of("storm-group", OrderCreated.class, ledger.handler())));
                    joins.incrementAndGet();
                } else {
                    churning.removeFirst().close();
                    leaves.incrementAndGet();
                }
            }, 1, 1, TimeUnit.SECONDS);

            storm.schedule(storm::shutdown, STORM.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(storm.awaitTermination(STORM.toSeconds() + 60, TimeUnit.SECONDS)).as("the storm ended").isTrue();
            churning.forEach(Subscription::close);
            ledger.awaitPublishOutcomes(WAIT);
            ledger.awaitAllProcessed(WAIT);
        } finally {
            storm.shutdownNow();
        }
        ledger.report("kafka-rebalance-storm")
                .put("seed", seed)
                .put("storm", STORM)
                .put("joins", joins.get())
                .put("leaves", leaves.get() + churning.size())
                .put("timeToProcessAll", Duration.ofNanos(System.nanoTime() - started))
                .write();
        assertThat(joins.get()).as("members joined during the storm").isGreaterThanOrEqualTo(5);
        assertThat(ledger.publishFailures()).isZero();
        assertThat(ledger.lost()).as("seed %s", seed).isZero();
        assertThat(ledger.duplicateSideEffects()).as("seed %s", seed).isZero();
        assertThat(ledger.deliveries()).as("bounded redelivery").isLessThanOrEqualTo(2L * ledger.published());
    }
}

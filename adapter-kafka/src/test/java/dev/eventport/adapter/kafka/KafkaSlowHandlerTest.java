package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Handlers slower than {@code max.poll.interval.ms} (1 s here): the group evicts the member mid-batch, so work done
 * but not committed is delivered again. With the idempotent handler every event is processed once, the redeliveries
 * are absorbed and end (the group's committed offsets reach the end of the topic): no loss, no endless loop. Figures in
 * target/reliability/kafka-slow-handler-*.json.
 *
 * <p>A poll batch slower than the interval, though each event is faster, is not redelivered at all: the consumer
 * stops between records after half the interval, commits and polls again (before that fix: 40 events of 60 ms each,
 * 1 s interval, lag stuck at 40 and about 15 deliveries a second for as long as it ran). The third case shows it
 * with a handler that is not idempotent: each event is delivered exactly once.
 */
class KafkaSlowHandlerTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void eachEventSlowerThanThePollInterval() throws Exception {
        run("kafka-slow-handler-each-event", 3, POLL_INTERVAL.multipliedBy(3).dividedBy(2));
    }

    @Test
    void aBatchSlowerThanThePollIntervalThoughEachEventIsFaster() throws Exception {
        run("kafka-slow-handler-batch", 40, Duration.ofMillis(60));
    }

    @Test
    void aSlowBatchIsNotRedeliveredEvenWithoutIdempotency() throws Exception {
        String topic = uniqueTopic("slow-batch");
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        config.put(KafkaConfig.TOPICS_PARTITIONS, "1");
        config.put(KafkaConfig.CONSUMER_PREFIX + "max.poll.interval.ms", String.valueOf(POLL_INTERVAL.toMillis()));
        int events = 40;
        AtomicInteger deliveries = new AtomicInteger();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (EventBackend backend = KafkaTestSupport.open(config);
             EventPublisher publisher = backend.createPublisher()) {
            Subscription subscription = backend.createSubscriber().subscribe(SubscriptionRequest.of("slow-batch-plain",
                    OrderCreated.class, (event, context) -> {
                        simulateWork(Duration.ofMillis(60));
                        deliveries.incrementAndGet();
                        seen.add(event.eventId());
                    }));
            for (int i = 0; i < events; i++) {
                publisher.publish(KafkaTestSupport.order("order-" + i, "sku-1")).get(30, TimeUnit.SECONDS);
            }
            await().atMost(WAIT).until(() -> seen.size() == events && subscription.lag().total() == 0);
        }
        assertThat(deliveries.get()).as("deliveries of %d events, handled one batch at a time", events).isEqualTo(events);
    }

    private static void run(String name, int events, Duration workPerEvent) throws Exception {
        String topic = uniqueTopic("slow");
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        config.put(KafkaConfig.TOPICS_PARTITIONS, "1");
        config.put(KafkaConfig.CONSUMER_PREFIX + "max.poll.interval.ms", String.valueOf(POLL_INTERVAL.toMillis()));
        FaultLedger ledger = new FaultLedger(() -> simulateWork(workPerEvent));
        long started;
        try (EventBackend backend = KafkaTestSupport.open(config);
             EventPublisher publisher = backend.createPublisher()) {
            Subscription subscription = backend.createSubscriber()
                    .subscribe(SubscriptionRequest.of(name, OrderCreated.class, ledger.handler()));
            started = System.nanoTime();
            for (int i = 0; i < events; i++) {
                ledger.publish(publisher, "order-" + i, i);
            }
            ledger.awaitPublishOutcomes(WAIT);
            ledger.awaitAllProcessed(WAIT);
            // the redeliveries have ended once the group's committed offsets reach the end of the topic
            await().atMost(WAIT).until(() -> subscription.lag().total() == 0 && subscription.lag().measuredAt().toEpochMilli() > 0
                    && ledger.deliveries() == ledger.processed() + ledger.duplicatesAbsorbed());
        }
        ledger.report(name)
                .put("maxPollInterval", POLL_INTERVAL)
                .put("workPerEvent", workPerEvent)
                .put("timeToProcessAll", Duration.ofNanos(System.nanoTime() - started))
                .write();
        assertThat(ledger.published()).isEqualTo(events);
        assertThat(ledger.lost()).isZero();
        assertThat(ledger.duplicateSideEffects()).isZero();
        assertThat(ledger.deliveries()).as("bounded redelivery").isLessThanOrEqualTo(3L * events);
    }

    /** Stands for a slow side effect (a remote call) of the given duration; not a synchronisation. */
    private static void simulateWork(Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}

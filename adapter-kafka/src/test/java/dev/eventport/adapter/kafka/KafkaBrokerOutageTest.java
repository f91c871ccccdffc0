package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The single broker stopped and restarted in the middle of 50,000 events, consumed by an idempotent subscription of
 * two consumers: nothing acknowledged is lost and every redelivery is absorbed. Figures in
 * target/reliability/kafka-broker-outage.json.
 */
class KafkaBrokerOutageTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.dedicated();

    private static final int EVENTS = 50_000;
    private static final Duration WAIT = Duration.ofSeconds(180);

    @Test
    void fiftyThousandEventsAroundABrokerRestartAreAllProcessedOnce() throws Exception {
        String topic = uniqueTopic("outage");
        FaultLedger ledger = new FaultLedger();
        long outageNanos;
        long recoveryNanos;
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        // the publisher waits out the outage (and the backlog after it, on a slow machine) rather than fail
        config.put(KafkaConfig.PUBLISH_TIMEOUT, "2m");
        try (EventBackend backend = KafkaTestSupport.open(config);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("outage-group", OrderCreated.class, ledger.handler()).withConsumers(2));

            publish(ledger, publisher, 0, 20_000);
            await().atMost(WAIT).until(() -> ledger.processed() >= 5_000);

            long stoppedAt = System.nanoTime();
            KAFKA.broker().stop();
            // while the broker is down, sends wait for metadata (at most max.block.ms) and records wait in the buffer
            CompletableFuture<Void> duringOutage = CompletableFuture.runAsync(() -> publish(ledger, publisher, 20_000, 35_000));
            KAFKA.broker().restart();
            long restartedAt = System.nanoTime();
            outageNanos = restartedAt - stoppedAt;
            long processedAtRestart = ledger.processed();
            CompletableFuture<Long> firstProcessedAfterRestart = CompletableFuture.supplyAsync(() -> {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(() -> ledger.processed() > processedAtRestart);
                return System.nanoTime();
            });
            duringOutage.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            publish(ledger, publisher, 35_000, EVENTS);
            recoveryNanos = firstProcessedAfterRestart.get(WAIT.toSeconds(), TimeUnit.SECONDS) - restartedAt;

            ledger.awaitPublishOutcomes(WAIT);
            ledger.awaitAllProcessed(WAIT);
        }
        ledger.report("kafka-broker-outage")
                .put("brokerDown", Duration.ofNanos(outageNanos))
                .put("firstEventProcessedAfterRestart", Duration.ofNanos(recoveryNanos))
                .write();
        assertThat(ledger.attempted()).isEqualTo(EVENTS);
        assertThat(ledger.publishFailures()).isZero();
        assertThat(ledger.published()).isEqualTo(EVENTS);
        assertThat(ledger.lost()).isZero();
        assertThat(ledger.duplicateSideEffects()).as("every redelivery absorbed by the idempotent handler").isZero();
        assertThat(ledger.deliveries()).isEqualTo(ledger.processed() + ledger.duplicatesAbsorbed());
    }

    private static void publish(FaultLedger ledger, EventPublisher publisher, int from, int to) {
        for (int i = from; i < to; i++) {
            ledger.publish(publisher, "order-" + (i % 100), i);
        }
    }
}

package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.kafka.EmbeddedKafkaClusterExtension;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A three-node cluster (replication factor 3, min.insync.replicas 2) whose partition leader is killed while events
 * stream through the adapter: publishing goes on after the failover and nothing acknowledged is lost. Figures in
 * target/reliability/kafka-leader-failover.json.
 */
class KafkaLeaderFailoverTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int AFTER_FAILOVER = 5_000;

    @RegisterExtension
    static final EmbeddedKafkaClusterExtension KAFKA = EmbeddedKafkaClusterExtension.of(3);

    @Test
    void publishingGoesOnAfterTheLeaderIsKilledAndNothingIsLost() throws Exception {
        String topic = uniqueTopic("failover");
        Map<String, String> config = KafkaTestSupport.config(KAFKA.cluster().bootstrapServers(), topic);
        // the publisher waits out the failover (and the backlog after it, on a slow machine) rather than fail
        config.put(KafkaConfig.PUBLISH_TIMEOUT, "2m");
        FaultLedger ledger = new FaultLedger();
        AtomicBoolean streaming = new AtomicBoolean(true);
        AtomicInteger sequence = new AtomicInteger();
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong firstAckAfterKill = new AtomicLong(Long.MAX_VALUE);
        int killed;
        int publishedBeforeKill;
        try (EventBackend backend = KafkaTestSupport.open(config);
             EventPublisher publisher = backend.createPublisher()) {
            backend.createSubscriber().subscribe(SubscriptionRequest.of("failover-group", OrderCreated.class, ledger.handler()));
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                while (streaming.get()) {
                    int i = sequence.getAndIncrement();
                    long sentAt = System.nanoTime();
                    CompletableFuture<PublishReceipt> receipt = ledger.publish(publisher, "order-" + (i % 30), i);
                    receipt.thenAccept(acknowledged -> {
                        if (sentAt > killedAt.get() && acknowledged.partition().orElse(-1) == 0) {
                            firstAckAfterKill.accumulateAndGet(System.nanoTime(), Math::min);
                        }
                    });
                    if (i % 100 == 99) {
                        receipt.join(); // keep a bounded number of events in flight
                    }
                }
            });

            await().atMost(WAIT).until(() -> ledger.processed() >= 2_000);
            killed = KAFKA.cluster().leaderOf(topic, 0);
            publishedBeforeKill = sequence.get();
            killedAt.set(System.nanoTime());
            KAFKA.cluster().kill(killed);
            await().atMost(WAIT).until(() -> sequence.get() >= publishedBeforeKill + AFTER_FAILOVER
                    && firstAckAfterKill.get() != Long.MAX_VALUE && KAFKA.cluster().leaderOf(topic, 0) != killed);
            streaming.set(false);
            stream.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ledger.awaitPublishOutcomes(WAIT);
            ledger.awaitAllProcessed(WAIT);
            KAFKA.cluster().restart(killed);
        }
        ledger.report("kafka-leader-failover")
                .put("nodes", 3)
                .put("killedLeaderOfPartition0", killed)
                .put("publishedBeforeKill", publishedBeforeKill)
                .put("firstAcknowledgementOnPartition0AfterKill", Duration.ofNanos(firstAckAfterKill.get() - killedAt.get()))
                .write();
        assertThat(ledger.publishFailures()).as("publishing went on through the failover").isZero();
        assertThat(ledger.published()).isEqualTo(ledger.attempted()).isGreaterThanOrEqualTo(publishedBeforeKill + AFTER_FAILOVER);
        assertThat(ledger.lost()).isZero();
        assertThat(ledger.duplicateSideEffects()).isZero();
    }
}

package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import dev.eventport.testkit.local.HeapSampler;
import dev.eventport.testkit.local.ReliabilityReport;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A soak: 1,000,000 events (system property {@code eventport.soak.events}) published and consumed through the Kafka
 * adapter in a JVM whose heap is bounded (the {@code soak} profile runs it with {@code -Xmx256m}, broker included),
 * while the used heap after GC is sampled every 5 s: nothing is lost and the heap stays flat. Run it with
 * {@code ./mvnw -pl adapter-kafka -am verify -Psoak}. Figures in target/reliability/kafka-soak.json.
 */
class KafkaSoakTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.dedicated();

    private static final int EVENTS = Integer.getInteger("eventport.soak.events", 1_000_000);
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(5);
    private static final long FLAT_TOLERANCE_BYTES = 24L * 1024 * 1024;
    private static final int IN_FLIGHT = 2_000;

    @Test
    void aMillionEventsWithAFlatHeap() throws Exception {
        String topic = uniqueTopic("soak");
        BitSet processed = new BitSet(EVENTS);
        AtomicLong handled = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong publishFailures = new AtomicLong();
        long started;
        long finished;
        HeapSampler heap;
        try (EventBackend backend = KafkaTestSupport.backend(KAFKA.bootstrapServers(), topic);
             EventPublisher publisher = backend.createPublisher()) {
            backend.createSubscriber().subscribe(SubscriptionRequest.of("soak-group", OrderCreated.class,
                    (OrderCreated event, EventContext context) -> {
                        int sequence = Integer.parseInt(event.lines().get(0).sku());
                        synchronized (processed) {
                            if (processed.get(sequence)) {
                                duplicates.incrementAndGet();
                            }
                            processed.set(sequence);
                        }
                        handled.incrementAndGet();
                    }).withConsumers(2));
            heap = HeapSampler.every(SAMPLE_EVERY);
            started = System.nanoTime();
            CompletableFuture<PublishReceipt> last = null;
            for (int i = 0; i < EVENTS; i++) {
                last = publisher.publish(KafkaTestSupport.order("order-" + (i % 1_000), String.valueOf(i)));
                last.whenComplete((receipt, failure) -> {
                    if (failure != null) {
                        publishFailures.incrementAndGet();
                    }
                });
                if (i % IN_FLIGHT == IN_FLIGHT - 1) {
                    last.join(); // keep a bounded number of events in flight
                    progress(i + 1, handled.get(), started);
                }
            }
            last.join();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> cardinality(processed) == EVENTS);
            finished = System.nanoTime();
            heap.sample();
            heap.close();
        }
        double seconds = (finished - started) / 1e9;
        long growth = heap.growthBytes();
        System.out.println("[soak] heap after GC:\n" + heap.table());
        ReliabilityReport.named("kafka-soak")
                .put("events", EVENTS)
                .put("publishFailures", publishFailures.get())
                .put("processed", cardinality(processed))
                .put("lost", EVENTS - cardinality(processed))
                .put("duplicates", duplicates.get())
                .put("eventsPerSecond", Math.round(EVENTS / seconds))
                .put("duration", Duration.ofNanos(finished - started))
                .put("maxHeap", Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB")
                .put("heapSamples", heap.samples().size())
                .put("heapAfterGcMaxMb", heap.maxUsedBytes() / (1024 * 1024))
                .put("heapGrowthMb", String.format("%.1f", growth / (1024.0 * 1024.0)))
                .put("heapToleranceMb", FLAT_TOLERANCE_BYTES / (1024 * 1024))
                .write();
        assertThat(publishFailures.get()).isZero();
        assertThat(cardinality(processed)).isEqualTo(EVENTS);
        heap.assertFlat(FLAT_TOLERANCE_BYTES);
    }

    private static int cardinality(BitSet processed) {
        synchronized (processed) {
            return processed.cardinality();
        }
    }

    private static void progress(int published, long handled, long started) {
        if (published % 100_000 == 0) {
            System.out.printf("[soak] %,d published, %,d handled, %.0f s%n", published, handled, (System.nanoTime() - started) / 1e9);
        }
    }
}

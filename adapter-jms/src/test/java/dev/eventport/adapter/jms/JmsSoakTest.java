package dev.eventport.adapter.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.contract.ContractEvent;
import dev.eventport.testkit.local.HeapSampler;
import dev.eventport.testkit.local.ReliabilityReport;
import java.time.Duration;
import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One million events through the JMS backend (topic mode, persistent, two consumers) with the heap bounded
 * ({@code -Xmx256m} in the {@code soak} profile) and sampled after GC: nothing lost and a flat heap, with the rate in
 * events/s. Not part of the default build: {@code ./mvnw -o -pl adapter-jms -am verify -Psoak -Dtest=JmsSoakTest}
 * ({@code -Deventport.soak.events=N} for a shorter run). Figures in {@code target/reliability/jms-soak.json}.
 */
@ExtendWith(EmbeddedArtemisExtension.class)
class JmsSoakTest {

    private static final int EVENTS = Integer.getInteger("eventport.soak.events", 1_000_000);
    private static final int IN_FLIGHT = 2_000;
    private static final long HEAP_TOLERANCE_BYTES = 24L * 1024 * 1024;

    private final EmbeddedArtemis broker;

    JmsSoakTest(EmbeddedArtemis broker) {
        this.broker = broker;
    }

    @Test
    void aMillionEventsFlowWithNothingLostAndAFlatHeap() throws Exception {
        String destination = JmsTesting.uniqueDestination("soak");
        BitSet seen = new BitSet(EVENTS);
        AtomicInteger processed = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicReference<Throwable> publishFailure = new AtomicReference<>();
        long begin;
        long published;
        long done;
        try (HeapSampler heap = HeapSampler.every(Duration.ofSeconds(5));
             EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination, Map.of());
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("soak", ContractEvent.class, (event, context) -> {
                boolean again;
                synchronized (seen) {
                    again = seen.get(event.sequence());
                    seen.set(event.sequence());
                }
                (again ? duplicates : processed).incrementAndGet();
            }).withConsumers(2));
            Semaphore window = new Semaphore(IN_FLIGHT);
            begin = System.nanoTime();
            for (int i = 0; i < EVENTS && publishFailure.get() == null; i++) {
                window.acquire();
                publisher.publish(ContractEvent.of("key-" + (i % 64), i)).whenComplete((receipt, failure) -> {
                    window.release();
                    if (failure != null) {
                        publishFailure.compareAndSet(null, failure);
                    }
                });
            }
            window.acquire(IN_FLIGHT);
            published = System.nanoTime();
            await().atMost(Duration.ofMinutes(30)).until(() -> processed.get() == EVENTS || publishFailure.get() != null);
            done = System.nanoTime();
            heap.sample();
            heap.close();
            double publishSeconds = (published - begin) / 1e9;
            double totalSeconds = (done - begin) / 1e9;
            ReliabilityReport.named("jms-soak").put("events", EVENTS).put("processed", processed.get())
                    .put("lost", EVENTS - processed.get()).put("duplicates", duplicates.get())
                    .put("publishEventsPerSecond", Math.round(EVENTS / publishSeconds))
                    .put("endToEndEventsPerSecond", Math.round(EVENTS / totalSeconds))
                    .put("seconds", Math.round(totalSeconds * 10) / 10.0)
                    .put("maxHeapAfterGcMb", heap.maxUsedBytes() / (1024 * 1024))
                    .put("heapGrowthMb", Math.round(heap.growthBytes() / (1024.0 * 1024.0) * 10) / 10.0)
                    .put("maxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024)).write();
            System.out.println(heap.table());
            assertThat(publishFailure.get()).isNull();
            assertThat(processed.get()).isEqualTo(EVENTS);
            heap.assertFlat(HEAP_TOLERANCE_BYTES);
        }
    }
}

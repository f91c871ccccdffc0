package dev.eventport.testkit.contract;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.Capability;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import dev.eventport.testkit.chaos.AtLeastOncePublisher;
import dev.eventport.testkit.chaos.ChaosBackend;
import dev.eventport.testkit.chaos.ChaosPlan;
import dev.eventport.testkit.chaos.ChaosSeed;
import dev.eventport.testkit.chaos.ChaosSeedExtension;
import dev.eventport.testkit.chaos.Fault;
import dev.eventport.testkit.local.ReliabilityReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chaos group of the contract suite (nested in {@link EventBackendContract} as "Resilience under seeded
 * chaos"): a workload through the backend wrapped in a {@link ChaosBackend}, consumed by an
 * {@link IdempotentHandler} and published by an {@link AtLeastOncePublisher}; every event must take effect exactly
 * once. The seed comes from {@code -Deventport.chaos.seed} or is drawn, and a failure names it; the figures go to
 * {@code target/reliability/<backend>-chaos.json} and {@code .md}. The number of events is the system property
 * {@value #EVENTS_PROPERTY} (default 400).
 */
abstract class ChaosCases {

    static final String EVENTS_PROPERTY = "eventport.chaos.events";

    private static final int KEYS = 8;

    private final EventBackendContract contract;

    ChaosCases(EventBackendContract contract) {
        this.contract = contract;
    }

    @Test
    @ExtendWith(ChaosSeedExtension.class)
    @DisplayName("Under seeded duplicates, crashes before and after the effect, delays and publish failures, every event takes effect exactly once and none is lost.")
    void everyEventTakesEffectExactlyOnceUnderChaos(ChaosSeed seed) throws Exception {
        ChaosPlan plan = ChaosPlan.seeded(seed);
        ChaosBackend chaos = ChaosBackend.wrap(contract.backend(), plan);
        Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
        IdempotentHandler<ContractEvent> handler = IdempotentHandler.wrap(
                (event, context) -> effects.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet(),
                new InMemoryProcessedEvents());
        EventSubscriber subscriber = contract.closeAfterTest(chaos.createSubscriber());
        int consumers = contract.has(Capability.COMPETING_CONSUMERS) ? 2 : 1;
        contract.closeAfterTest(subscriber.subscribe(SubscriptionRequest.of(contract.subscriptionName("chaos"),
                        ContractEvent.class, handler)
                .withConsumers(consumers)
                .withErrorPolicy(ErrorPolicy.defaults().withMaxAttempts(plan.maxFaultsPerEvent() + 2)
                        .withBackoff(Duration.ofMillis(5), 2.0, Duration.ofMillis(40)))));
        AtLeastOncePublisher publisher = contract.closeAfterTest(
                new AtLeastOncePublisher(chaos.createPublisher(), plan.maxFaultsPerEvent() + 2, Duration.ofMillis(5)));
        List<ContractEvent> events = seededEvents(seed.value(), Integer.getInteger(EVENTS_PROPERTY, 400));
        long start = System.nanoTime();

        List<CompletableFuture<PublishReceipt>> receipts = new ArrayList<>();
        for (ContractEvent event : events) {
            receipts.add(publisher.publish(event));
        }
        for (CompletableFuture<PublishReceipt> receipt : receipts) {
            receipt.get(contract.timeout().toMillis(), MILLISECONDS);
        }
        List<String> ids = ContractEvents.ids(events);
        await().atMost(contract.timeout()).pollInterval(Duration.ofMillis(20))
                .until(() -> effects.keySet().containsAll(ids));
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<Fault.Kind, Integer> faults = chaos.faultCounts();
        long lost = ids.stream().filter(id -> !effects.containsKey(id)).count();
        long twice = effects.values().stream().filter(count -> count.get() > 1).count();
        ReliabilityReport report = ReliabilityReport.named(contract.reportName() + "-chaos")
                .put("seed", Long.toString(seed.value()))
                .put("published", events.size())
                .put("publishRetries", publisher.retries())
                .put("processed", effects.size())
                .put("lost", lost)
                .put("effectsTwice", twice)
                .put("duplicatesAbsorbed", handler.duplicatesSkipped())
                .put("faultsInjected", chaos.faultsInjected());
        faults.forEach((kind, count) -> report.put(kind.name(), count));
        report.put("millis", millis).put("rerun", seed.rerunHint()).write();
        String summary = report.toString();

        assertThat(lost).as("events lost; " + summary).isZero();
        assertThat(twice).as("events whose effect happened twice; " + summary).isZero();
        assertThat(effects.keySet()).as("effects of events never published").containsExactlyInAnyOrderElementsOf(ids);
        long expectedDuplicates = faults.get(Fault.Kind.DUPLICATE_DELIVERY) + faults.get(Fault.Kind.CRASH_AFTER_EFFECT)
                + faults.get(Fault.Kind.PUBLISH_LOST_ACK);
        await().atMost(contract.timeout()).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(handler.duplicatesSkipped())
                        .as("duplicates absorbed: at least one per duplicate, crash after the effect and lost ack; " + summary)
                        .isGreaterThanOrEqualTo(expectedDuplicates));
        if (contract.has(Capability.DEAD_LETTER)) {
            assertThat(contract.backend().deadLetters().list(contract.destination())).as("dead letters").isEmpty();
        }
    }

    /** Events whose ids and keys derive from the seed, so that a replay meets the same faults. */
    private static List<ContractEvent> seededEvents(long seed, int count) {
        Random random = new Random(seed);
        List<ContractEvent> events = new ArrayList<>(count);
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            events.add(new ContractEvent(new UUID(random.nextLong(), random.nextLong()).toString(), now,
                    "chaos-key-" + (i % KEYS), "chaos #" + i, i / KEYS));
        }
        return events;
    }
}

package dev.eventport.testkit.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import dev.eventport.testkit.contract.ContractEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ChaosSeedExtension.class)
class ChaosBackendTest {

    private static final ChaosPlan BUSY = ChaosPlan.seeded(0).withDuplicates(0.1).withCrashes(0.1, 0.1)
            .withDelays(0.05, Duration.ofMillis(2)).withPublishFailures(0.2);

    /** What one run through the decorator produced. */
    private record Run(List<Fault> faults, Map<String, Integer> effects, long duplicatesSkipped, int sent) {
    }

    @Test
    void theSameSeedInjectsTheSameFaultsInTheSameOrder(ChaosSeed seed) {
        Run first = run(seed.value(), 300);
        Run second = run(seed.value(), 300);

        assertThat(first.faults()).as(seed.rerunHint()).isNotEmpty().isEqualTo(second.faults());
        assertThat(first.sent()).isEqualTo(second.sent());
    }

    @Test
    void anotherSeedInjectsOtherFaults(ChaosSeed seed) {
        assertThat(run(seed.value(), 300).faults()).isNotEqualTo(run(seed.value() + 1, 300).faults());
    }

    @Test
    void everyKindOfFaultIsInjectedAndAbsorbedByRetriesAndIdempotency(ChaosSeed seed) {
        Run run = run(seed.value(), 500);

        assertThat(run.faults()).extracting(Fault::kind).as(seed.rerunHint()).contains(Fault.Kind.values());
        assertThat(run.effects()).as("each of the 500 events has its side effect exactly once").hasSize(500)
                .allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
        long crashesAfter = run.faults().stream().filter(f -> f.kind() == Fault.Kind.CRASH_AFTER_EFFECT).count();
        long duplicates = run.faults().stream().filter(f -> f.kind() == Fault.Kind.DUPLICATE_DELIVERY).count();
        long lostAcks = run.faults().stream().filter(f -> f.kind() == Fault.Kind.PUBLISH_LOST_ACK).count();
        assertThat(run.duplicatesSkipped()).as("duplicates absorbed").isEqualTo(crashesAfter + duplicates + lostAcks);
    }

    @Test
    void noEventSuffersMoreCrashesOrPublishFailuresThanThePlanAllows(ChaosSeed seed) {
        ChaosPlan harsh = ChaosPlan.seeded(seed.value()).withDuplicates(0).withCrashes(0.5, 0.4)
                .withPublishFailures(0.9).withMaxFaultsPerEvent(2);
        Run run = run(harsh, 200);

        Map<String, Integer> perEventAndPlace = new ConcurrentHashMap<>();
        run.faults().stream().filter(f -> f.kind() != Fault.Kind.DELAY && f.kind() != Fault.Kind.DUPLICATE_DELIVERY)
                .forEach(f -> perEventAndPlace.merge(f.eventId() + "@" + f.place(), 1, Integer::sum));
        assertThat(perEventAndPlace.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));
        assertThat(run.effects()).hasSize(200);
    }

    @Test
    void aLostAcknowledgementSendsTheEventButFailsThePublish() {
        LoopbackBackend loopback = new LoopbackBackend();
        ChaosBackend chaos = ChaosBackend.wrap(loopback, ChaosPlan.seeded(1).withPublishFailures(1.0).withMaxFaultsPerEvent(100));
        EventPublisher publisher = chaos.createPublisher();
        List<Fault.Kind> seen = new ArrayList<>();
        int sentBefore = 0;
        for (int i = 0; i < 60; i++) {
            ContractEvent event = ContractEvent.of("key", i);
            CompletableFuture<?> future;
            try {
                future = publisher.publish(event);
            } catch (PublishFailedException thrown) {
                assertThat(thrown).hasMessageContaining(event.eventId()).hasMessageContaining("chaos seed 1");
                seen.add(Fault.Kind.PUBLISH_THROWN);
                continue;
            }
            assertThatThrownBy(future::join).hasCauseInstanceOf(PublishFailedException.class);
            Fault.Kind kind = chaos.faults().get(chaos.faults().size() - 1).kind();
            seen.add(kind);
            assertThat(loopback.sent.get() - sentBefore).as("events sent by " + kind)
                    .isEqualTo(kind == Fault.Kind.PUBLISH_LOST_ACK ? 1 : 0);
            sentBefore = loopback.sent.get();
        }
        assertThat(seen).contains(Fault.Kind.PUBLISH_THROWN, Fault.Kind.PUBLISH_FAILED_FUTURE, Fault.Kind.PUBLISH_LOST_ACK);
    }

    @Test
    void theSeedComesFromTheSystemPropertyWhenSet() {
        String before = System.getProperty(ChaosSeed.PROPERTY);
        try {
            System.setProperty(ChaosSeed.PROPERTY, "42");
            assertThat(ChaosSeed.resolve().value()).isEqualTo(42);
            assertThat(ChaosSeed.resolve().rerunHint()).isEqualTo("chaos seed 42; replay with -Deventport.chaos.seed=42");
            System.setProperty(ChaosSeed.PROPERTY, "forty-two");
            assertThatThrownBy(ChaosSeed::resolve).hasMessageContaining(ChaosSeed.PROPERTY).hasMessageContaining("forty-two");
        } finally {
            if (before == null) {
                System.clearProperty(ChaosSeed.PROPERTY);
            } else {
                System.setProperty(ChaosSeed.PROPERTY, before);
            }
        }
    }

    @Test
    void plansRejectImpossibleRates() {
        assertThatThrownBy(() -> ChaosPlan.seeded(1).withDuplicates(1.5)).hasMessageContaining("duplicateRate");
        assertThatThrownBy(() -> ChaosPlan.seeded(1).withCrashes(0.6, 0.6)).hasMessageContaining("add up to at most 1");
    }

    private static Run run(long seed, int events) {
        return run(new ChaosPlan(seed, BUSY.duplicateRate(), BUSY.crashBeforeRate(), BUSY.crashAfterRate(), BUSY.delayRate(),
                BUSY.maxDelay(), BUSY.publishFailureRate(), BUSY.maxFaultsPerEvent()), events);
    }

    /** Publishes {@code events} seeded events one at a time through the plan's chaos, with an idempotent consumer. */
    private static Run run(ChaosPlan plan, int events) {
        LoopbackBackend loopback = new LoopbackBackend();
        ChaosBackend chaos = ChaosBackend.wrap(loopback, plan);
        Map<String, Integer> effects = new ConcurrentHashMap<>();
        IdempotentHandler<ContractEvent> handler = IdempotentHandler.wrap(
                (event, context) -> effects.merge(event.eventId(), 1, Integer::sum), new InMemoryProcessedEvents());
        chaos.createSubscriber().subscribe(SubscriptionRequest.of("chaos-unit", ContractEvent.class, handler)
                .withErrorPolicy(ErrorPolicy.defaults().withMaxAttempts(plan.maxFaultsPerEvent() + 1)));
        AtLeastOncePublisher publisher = new AtLeastOncePublisher(chaos.createPublisher(), plan.maxFaultsPerEvent() + 1,
                Duration.ofMillis(1));
        java.util.Random ids = new java.util.Random(plan.seed());
        AtomicInteger sequence = new AtomicInteger();
        for (int i = 0; i < events; i++) {
            ContractEvent event = new ContractEvent(new UUID(ids.nextLong(), ids.nextLong()).toString(), Instant.EPOCH,
                    "key-" + (i % 8), "chaos", sequence.getAndIncrement());
            publisher.publish(event).join();
        }
        return new Run(chaos.faults(), effects, handler.duplicatesSkipped(), loopback.sent.get());
    }
}

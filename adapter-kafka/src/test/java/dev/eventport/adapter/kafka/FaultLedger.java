package dev.eventport.adapter.kafka;

import static org.awaitility.Awaitility.await;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import dev.eventport.testkit.local.ReliabilityReport;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The books of a fault test: which events were published (acknowledged by the broker), how often the subscription's
 * handler was called (deliveries), how often the idempotent handler let an event through to its side effect, and the
 * figures that follow (lost, duplicates absorbed). One idempotent handler, over one store, serves every member of the
 * subscription, as a shared database would for separate processes.
 */
final class FaultLedger {

    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> sideEffects = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong attempted = new AtomicLong();
    private final AtomicReference<Throwable> firstPublishFailure = new AtomicReference<>();
    private final IdempotentHandler<OrderCreated> idempotent;

    FaultLedger() {
        this(() -> { });
    }

    /** A ledger whose side effect first does {@code work} (e.g. a slow remote call). */
    FaultLedger(Runnable work) {
        this.idempotent = IdempotentHandler.wrap((OrderCreated event, EventContext context) -> {
            work.run();
            sideEffects.computeIfAbsent(event.eventId(), id -> new AtomicInteger()).incrementAndGet();
        }, new InMemoryProcessedEvents(2_000_000));
    }

    /** The subscription's handler: counts every delivery, then lets the idempotent handler decide. */
    EventHandler<OrderCreated> handler() {
        return (OrderCreated event, EventContext context) -> {
            deliveries.incrementAndGet();
            idempotent.handle(event, context);
        };
    }

    /** Publishes an event of {@code orderId}, recording it once the broker acknowledged it. */
    CompletableFuture<PublishReceipt> publish(EventPublisher publisher, String orderId, int sequence) {
        OrderCreated event = KafkaTestSupport.order(orderId, String.valueOf(sequence));
        attempted.incrementAndGet();
        pending.incrementAndGet();
        return publisher.publish(event).whenComplete((receipt, failure) -> {
            if (failure == null) {
                acknowledged.add(event.eventId());
            } else {
                publishFailures.incrementAndGet();
                firstPublishFailure.compareAndSet(null, failure);
            }
            pending.decrementAndGet();
        });
    }

    /** Waits until every publish so far has an outcome. */
    void awaitPublishOutcomes(Duration atMost) {
        await().atMost(atMost).until(() -> pending.get() == 0);
    }

    /** Waits until every acknowledged event has had its side effect. */
    void awaitAllProcessed(Duration atMost) {
        await().atMost(atMost).until(() -> lost() == 0);
    }

    long published() {
        return acknowledged.size();
    }

    long attempted() {
        return attempted.get();
    }

    long publishFailures() {
        return publishFailures.get();
    }

    long processed() {
        return sideEffects.size();
    }

    /** Acknowledged events whose side effect has not happened. */
    long lost() {
        return acknowledged.stream().filter(id -> !sideEffects.containsKey(id)).count();
    }

    long deliveries() {
        return deliveries.get();
    }

    long duplicatesAbsorbed() {
        return idempotent.duplicatesSkipped();
    }

    /** Side effects beyond the first per event: what the idempotent handler failed to absorb (should be 0). */
    long duplicateSideEffects() {
        return sideEffects.values().stream().mapToLong(count -> count.get() - 1).sum();
    }

    /** A report named {@code name} with the ledger's figures (and the first publish failure, if any); add the test's own and write it. */
    ReliabilityReport report(String name) {
        ReliabilityReport report = ReliabilityReport.named(name)
                .put("published", published())
                .put("publishFailures", publishFailures())
                .put("processed", processed())
                .put("lost", lost())
                .put("deliveries", deliveries())
                .put("duplicatesAbsorbed", duplicatesAbsorbed())
                .put("duplicateSideEffects", duplicateSideEffects());
        Throwable failure = firstPublishFailure.get();
        return failure == null ? report : report.put("firstPublishFailure", String.valueOf(failure.getMessage()));
    }
}

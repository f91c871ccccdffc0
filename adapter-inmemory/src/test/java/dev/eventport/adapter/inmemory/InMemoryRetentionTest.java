package dev.eventport.adapter.inmemory;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.contract.ContractEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Bounded memory: retention by count and age, and backpressure when unprocessed events fill a partition. */
class InMemoryRetentionTest {

    @Test
    void aFullPartitionOfUnprocessedEventsMakesPublishWaitThenFailNamingTheKeysToRaise() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (InMemoryEventBackend backend = TestBackends.open(Map.of(InMemoryConfig.PARTITIONS, "1",
                InMemoryConfig.RETENTION_EVENTS, "4", InMemoryConfig.PUBLISH_TIMEOUT, "50ms"))) {
            backend.createSubscriber().subscribe(SubscriptionRequest.of("slow", ContractEvent.class,
                    (event, context) -> release.await(30, SECONDS)));
            EventPublisher publisher = backend.createPublisher();
            for (int i = 0; i < 4; i++) {
                publisher.publish(ContractEvent.of("key", i)).get(5, SECONDS);
            }
            ContractEvent fifth = ContractEvent.of("key", 4);

            CompletableFuture<PublishReceipt> refused = publisher.publish(fifth);

            assertThat(refused).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                    .havingCause().isExactlyInstanceOf(PublishFailedException.class)
                    .withMessage("Publishing ContractEvent " + fifth.eventId() + " to 'contract-event' failed: partition 0 is "
                            + "full: it retains 4 events (eventport.inmemory.retention.events) and subscription 'slow' has "
                            + "not processed the oldest of them. Raise eventport.inmemory.retention.events or "
                            + "eventport.inmemory.publish.timeout, or make that subscription faster (more consumers, more "
                            + "eventport.inmemory.partitions)");
            release.countDown();
        }
    }

    @Test
    void aWaitingPublishCompletesOnceTheSubscriptionCatchesUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (InMemoryEventBackend backend = TestBackends.open(Map.of(InMemoryConfig.PARTITIONS, "1",
                InMemoryConfig.RETENTION_EVENTS, "2", InMemoryConfig.PUBLISH_TIMEOUT, "30s"))) {
            ConcurrentLinkedQueue<Integer> handled = new ConcurrentLinkedQueue<>();
            backend.createSubscriber().subscribe(SubscriptionRequest.of("slow", ContractEvent.class, (event, context) -> {
                release.await(30, SECONDS);
                handled.add(event.sequence());
            }));
            EventPublisher publisher = backend.createPublisher();
            publisher.publish(ContractEvent.of("key", 0)).get(5, SECONDS);
            publisher.publish(ContractEvent.of("key", 1)).get(5, SECONDS);

            CompletableFuture<PublishReceipt> waiting = CompletableFuture.supplyAsync(
                    () -> publisher.publish(ContractEvent.of("key", 2)).join());
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !waiting.isDone());
            release.countDown();

            assertThat(waiting).succeedsWithin(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 3);
            assertThat(handled).containsExactly(0, 1, 2);
        }
    }

    @Test
    void withoutSubscriptionsAFullPartitionEvictsItsOldestEvent() throws Exception {
        try (InMemoryEventBackend backend = TestBackends.open(Map.of(InMemoryConfig.PARTITIONS, "1",
                InMemoryConfig.RETENTION_EVENTS, "3", InMemoryConfig.PUBLISH_TIMEOUT, "0"))) {
            EventPublisher publisher = backend.createPublisher();
            for (int i = 0; i < 10; i++) {
                publisher.publish(ContractEvent.of("key", i)).get(5, SECONDS);
            }

            assertThat(sequencesFromEarliest(backend, 3)).containsExactly(7, 8, 9);
        }
    }

    @Test
    void processedEventsOlderThanTheRetentionAgeAreEvicted() throws Exception {
        try (InMemoryEventBackend backend = TestBackends.open(Map.of(InMemoryConfig.PARTITIONS, "1",
                InMemoryConfig.RETENTION_AGE, "20ms"))) {
            EventPublisher publisher = backend.createPublisher();
            publisher.publish(ContractEvent.of("key", 0)).get(5, SECONDS);
            publisher.publish(ContractEvent.of("key", 1)).get(5, SECONDS);
            Instant aged = Instant.now().plusMillis(40);
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(() -> Instant.now().isAfter(aged));

            publisher.publish(ContractEvent.of("key", 2)).get(5, SECONDS);

            assertThat(sequencesFromEarliest(backend, 1)).containsExactly(2);
        }
    }

    @Test
    void lagCountsUnprocessedEventsPerPartition() throws Exception {
        try (InMemoryEventBackend backend = TestBackends.open(Map.of(InMemoryConfig.PARTITIONS, "4"))) {
            Subscription subscription = backend.createSubscriber().subscribe(
                    SubscriptionRequest.of("lagging", ContractEvent.class, (event, context) -> { }));
            subscription.pause();
            EventPublisher publisher = backend.createPublisher();
            for (int i = 0; i < 20; i++) {
                publisher.publish(ContractEvent.of("key-" + i, 0)).get(5, SECONDS);
            }

            assertThat(subscription.lag().total()).isEqualTo(20);
            assertThat(subscription.lag().byPartition()).hasSize(4);
            subscription.resume();
            await().atMost(Duration.ofSeconds(10)).until(() -> subscription.lag().total() == 0);
        }
    }

    /** The sequences a new subscription from earliest receives, once it received {@code expected} events. */
    private static List<Integer> sequencesFromEarliest(InMemoryEventBackend backend, int expected) {
        ConcurrentLinkedQueue<Integer> seen = new ConcurrentLinkedQueue<>();
        backend.createSubscriber().subscribe(SubscriptionRequest.of("reader", ContractEvent.class,
                (event, context) -> seen.add(event.sequence()))
                .withStartPosition(StartPosition.earliest()));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= expected);
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> seen.size() == expected);
        return List.copyOf(seen);
    }
}

package dev.eventport.adapter.inmemory;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.contract.ContractEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Consumer groups: rebalancing, per-partition retries, positions kept while the backend runs, bounded close. */
class InMemoryConsumerGroupTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void membersJoiningAndLeavingLoseSkipAndRepeatNothingAndKeepOrderPerKey() throws Exception {
        try (InMemoryEventBackend backend = TestBackends.open(Map.of(InMemoryConfig.PARTITIONS, "8"))) {
            ConcurrentLinkedQueue<ContractEvent> handled = new ConcurrentLinkedQueue<>();
            EventHandler<ContractEvent> handler = (event, context) -> handled.add(event);
            EventSubscriber subscriber = backend.createSubscriber();
            EventPublisher publisher = backend.createPublisher();
            List<ContractEvent> published = new ArrayList<>();
            int[] sequencePerKey = new int[32];

            Subscription first = subscriber.subscribe(request(handler, 1));
            publish(publisher, published, sequencePerKey, 2_000);
            Subscription second = subscriber.subscribe(request(handler, 2));
            publish(publisher, published, sequencePerKey, 2_000);
            first.close();
            publish(publisher, published, sequencePerKey, 2_000);
            Subscription third = subscriber.subscribe(request(handler, 3));
            publish(publisher, published, sequencePerKey, 2_000);
            second.close();
            publish(publisher, published, sequencePerKey, 2_000);

            await().atMost(DEADLINE).until(() -> handled.size() >= published.size());
            assertThat(handled).containsExactlyInAnyOrderElementsOf(published);
            Map<String, List<Integer>> orderPerKey = new HashMap<>();
            handled.forEach(e -> orderPerKey.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>()).add(e.sequence()));
            orderPerKey.forEach((key, sequences) -> assertThat(sequences).as("order of %s", key).isSorted());
            third.close();
        }
    }

    @Test
    void anEventWaitingForItsRetryDoesNotStallOtherPartitionsButHoldsBackItsOwn() throws Exception {
        try (InMemoryEventBackend backend = TestBackends.open(Map.of(InMemoryConfig.PARTITIONS, "2"))) {
            String blockedKey = "blocked";
            String otherKey = keyOnAnotherPartition(backend, blockedKey);
            ConcurrentLinkedQueue<ContractEvent> handled = new ConcurrentLinkedQueue<>();
            ContractEvent failing = ContractEvent.of(blockedKey, 0);
            ErrorPolicy oneHourBackoff = new ErrorPolicy(2, Duration.ofHours(1), 1.0, Duration.ofHours(1), List.of());
            backend.createSubscriber().subscribe(SubscriptionRequest.of("retrying", ContractEvent.class,
                    (event, context) -> {
                        handled.add(event);
                        if (event.eventId().equals(failing.eventId())) {
                            throw new IllegalStateException("fails until the retry an hour later");
                        }
                    }).withErrorPolicy(oneHourBackoff));
            EventPublisher publisher = backend.createPublisher();
            publisher.publish(failing).get(5, SECONDS);
            ContractEvent behindFailing = ContractEvent.of(blockedKey, 1);
            publisher.publish(behindFailing).get(5, SECONDS);
            List<ContractEvent> others = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                others.add(ContractEvent.of(otherKey, i));
                publisher.publish(others.get(i)).get(5, SECONDS);
            }

            await().atMost(DEADLINE).until(() -> handled.containsAll(others));
            assertThat(handled).contains(failing).doesNotContain(behindFailing);
        }
    }

    @Test
    void aSubscriptionReopenedUnderItsNameResumesWhereItStoppedWhileTheBackendRuns() throws Exception {
        try (InMemoryEventBackend backend = TestBackends.open(Map.of())) {
            ConcurrentLinkedQueue<ContractEvent> handled = new ConcurrentLinkedQueue<>();
            EventHandler<ContractEvent> handler = (event, context) -> handled.add(event);
            EventPublisher publisher = backend.createPublisher();
            Subscription first = backend.createSubscriber().subscribe(request(handler, 1));
            ContractEvent before = ContractEvent.of("key", 0);
            publisher.publish(before).get(5, SECONDS);
            await().atMost(DEADLINE).until(() -> handled.contains(before));
            first.close();

            ContractEvent whileClosed = ContractEvent.of("key", 1);
            publisher.publish(whileClosed).get(5, SECONDS);
            backend.createSubscriber().subscribe(request(handler, 1));

            await().atMost(DEADLINE).until(() -> handled.contains(whileClosed));
            assertThat(handled).containsExactly(before, whileClosed);
        }
    }

    @Test
    void closeIsBoundedByTheCloseTimeoutWhenAHandlerNeverReturns() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        InMemoryEventBackend backend = TestBackends.open(Map.of(InMemoryConfig.CLOSE_TIMEOUT, "100ms"));
        backend.createSubscriber().subscribe(SubscriptionRequest.of("stuck", ContractEvent.class, (event, context) -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }));
        backend.createPublisher().publish(ContractEvent.of("key", 0)).get(5, SECONDS);
        assertThat(entered.await(10, SECONDS)).isTrue();

        backend.close();

        assertThat(interrupted.await(10, SECONDS)).as("the stuck handler was interrupted").isTrue();
    }

    private static SubscriptionRequest<ContractEvent> request(EventHandler<ContractEvent> handler, int consumers) {
        return SubscriptionRequest.of("group", ContractEvent.class, handler).withConsumers(consumers);
    }

    private static void publish(EventPublisher publisher, List<ContractEvent> published, int[] sequencePerKey, int count)
            throws Exception {
        for (int i = 0; i < count; i++) {
            int key = i % sequencePerKey.length;
            ContractEvent event = ContractEvent.of("key-" + key, sequencePerKey[key]++);
            published.add(event);
            publisher.publish(event).get(5, SECONDS);
        }
    }

    private static String keyOnAnotherPartition(InMemoryEventBackend backend, String key) {
        Topic topic = backend.topicFor(ContractEvent.class);
        int blocked = topic.partitionFor(key).index();
        for (int i = 0; ; i++) {
            if (topic.partitionFor("other-" + i).index() != blocked) {
                return "other-" + i;
            }
        }
    }
}

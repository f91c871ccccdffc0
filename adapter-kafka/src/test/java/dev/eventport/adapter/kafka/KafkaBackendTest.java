package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.backend;
import static dev.eventport.adapter.kafka.KafkaTestSupport.order;
import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportException;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaBackendTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void deliversPublishedEventsWithTheirKafkaPosition() throws Exception {
        String topic = uniqueTopic("deliver");
        List<EventContext> contexts = new CopyOnWriteArrayList<>();
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe("deliver-group", OrderCreated.class, (event, context) -> contexts.add(context));
            OrderCreated event = order("order-1", "sku-1");

            PublishReceipt receipt = publisher.publish(event, Map.of("tenant", "acme")).get(30, TimeUnit.SECONDS);

            await().atMost(WAIT).until(() -> contexts.size() == 1);
            EventContext context = contexts.get(0);
            assertThat(receipt.destination()).isEqualTo(topic);
            assertThat(context.eventId()).isEqualTo(event.eventId());
            assertThat(context.eventType()).isEqualTo("OrderCreated");
            assertThat(context.destination()).isEqualTo(topic);
            assertThat(context.subscription()).isEqualTo("deliver-group");
            assertThat(context.partition()).isEqualTo(receipt.partition());
            assertThat(context.offset()).isEqualTo(receipt.offset());
            assertThat(context.attempt()).isEqualTo(1);
            assertThat(context.headers()).containsEntry("tenant", "acme").containsEntry("ce_id", event.eventId())
                    .containsKey("traceparent");
        }
    }

    @Test
    void poisonRecordGoesToTheDeadLetterTopicAndTheGoodOnesAreProcessed() throws Exception {
        String topic = uniqueTopic("poison");
        List<String> processed = new CopyOnWriteArrayList<>();
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe("poison-group", OrderCreated.class, (event, context) -> processed.add(event.lines().get(0).sku()));

            publisher.publish(order("order-7", "before")).get(30, TimeUnit.SECONDS);
            try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topic, "order-7", "{not json".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }
            publisher.publish(order("order-7", "after")).get(30, TimeUnit.SECONDS);

            await().atMost(WAIT).until(() -> processed.size() == 2);
            assertThat(processed).containsExactly("before", "after");
            List<DeadLetter> deadLetters = backend.deadLetters().list(topic);
            assertThat(deadLetters).hasSize(1);
            DeadLetter poison = deadLetters.get(0);
            assertThat(poison.exceptionType()).isEqualTo(UndecodableEventException.class.getName());
            assertThat(poison.reason()).contains("Cannot decode OrderCreated");
            assertThat(poison.subscription()).isEqualTo("poison-group");
            assertThat(poison.destination()).isEqualTo(topic);
            assertThat(poison.attempts()).as("never handed to the handler").isZero();
            assertThat(poison.offset()).hasValue(1);
            assertThat(new String(poison.payload(), StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(poison.eventId()).isEqualTo("unknown");
        }
    }

    @Test
    void retriesWithBackoffKeepKeyOrderAndDeadLetterAfterTheLastAttempt() throws Exception {
        String topic = uniqueTopic("retry");
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger flakyAttempts = new AtomicInteger();
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("retry-group", OrderCreated.class, (OrderCreated event, EventContext context) -> {
                String sku = event.lines().get(0).sku();
                seen.add(sku + "#" + context.attempt());
                if (sku.equals("flaky") && flakyAttempts.incrementAndGet() < 3) {
                    throw new IllegalStateException("flaky failure " + context.attempt());
                }
                if (sku.equals("broken")) {
                    throw new IllegalStateException("always broken");
                }
            }).withErrorPolicy(ErrorPolicy.defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(50), 2.0, Duration.ofMillis(200))));

            for (String sku : List.of("first", "flaky", "broken", "last")) {
                publisher.publish(order("order-9", sku)).get(30, TimeUnit.SECONDS);
            }

            await().atMost(WAIT).until(() -> seen.contains("last#1"));
            assertThat(seen).containsExactly("first#1", "flaky#1", "flaky#2", "flaky#3", "broken#1", "broken#2", "broken#3", "last#1");
            List<DeadLetter> deadLetters = backend.deadLetters().list(topic);
            assertThat(deadLetters).singleElement().satisfies(dead -> {
                assertThat(dead.attempts()).isEqualTo(3);
                assertThat(dead.exceptionType()).isEqualTo(IllegalStateException.class.getName());
                assertThat(dead.reason()).isEqualTo("always broken");
                assertThat(dead.offset()).hasValue(2);
                assertThat(dead.headers()).containsEntry("ce_type", "OrderCreated");
            });
        }
    }

    @Test
    void rewindReplaysHistoryIntoAFreshState() throws Exception {
        String topic = uniqueTopic("rewind");
        Map<String, Integer> totals = new ConcurrentHashMap<>();
        AtomicInteger handled = new AtomicInteger();
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            Subscription subscription = subscriber.subscribe("rewind-group", OrderCreated.class, (event, context) -> {
                totals.merge(event.orderId(), 1, Integer::sum);
                handled.incrementAndGet();
            });
            for (int i = 0; i < 30; i++) {
                publisher.publish(order("order-" + (i % 5), "sku-" + i));
            }
            publisher.close();
            await().atMost(WAIT).until(() -> handled.get() == 30);

            totals.clear();
            subscription.rewind(StartPosition.earliest());

            await().atMost(WAIT).until(() -> handled.get() == 60);
            assertThat(totals).hasSize(5).allSatisfy((order, count) -> assertThat(count).isEqualTo(6));
        }
    }

    @Test
    void newSubscriptionStartsAtEarliestOrAtATime() throws Exception {
        String topic = uniqueTopic("history");
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            publisher.publish(order("order-1", "old")).get(30, TimeUnit.SECONDS);
            Instant between = Instant.now().plusMillis(5);
            await().atMost(WAIT).until(() -> Instant.now().isAfter(between.plusMillis(5)));
            publisher.publish(order("order-1", "new")).get(30, TimeUnit.SECONDS);

            List<String> fromEarliest = new CopyOnWriteArrayList<>();
            List<String> fromTime = new CopyOnWriteArrayList<>();
            List<String> fromLatest = new CopyOnWriteArrayList<>();
            subscriber.subscribe(SubscriptionRequest.of("history-earliest", OrderCreated.class,
                    (OrderCreated e, EventContext c) -> fromEarliest.add(e.lines().get(0).sku())).withStartPosition(StartPosition.earliest()));
            subscriber.subscribe(SubscriptionRequest.of("history-time", OrderCreated.class,
                    (OrderCreated e, EventContext c) -> fromTime.add(e.lines().get(0).sku())).withStartPosition(StartPosition.at(between)));
            subscriber.subscribe(SubscriptionRequest.of("history-latest", OrderCreated.class,
                    (OrderCreated e, EventContext c) -> fromLatest.add(e.lines().get(0).sku())));
            publisher.publish(order("order-1", "live")).get(30, TimeUnit.SECONDS);

            await().atMost(WAIT).until(() -> fromEarliest.size() == 3 && fromTime.size() == 2 && fromLatest.size() == 1);
            assertThat(fromEarliest).containsExactly("old", "new", "live");
            assertThat(fromTime).containsExactly("new", "live");
            assertThat(fromLatest).containsExactly("live");
        }
    }

    @Test
    void lagGrowsWhilePausedAndFallsToZeroAfterResume() throws Exception {
        String topic = uniqueTopic("lag");
        AtomicInteger handled = new AtomicInteger();
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            Subscription subscription = subscriber.subscribe("lag-group", OrderCreated.class, (e, c) -> handled.incrementAndGet());
            assertThat(subscription.lag().total()).isZero();
            assertThat(subscription.lag().byPartition()).hasSize(3);

            subscription.pause();
            for (int i = 0; i < 12; i++) {
                publisher.publish(order("order-" + i, "sku")).get(30, TimeUnit.SECONDS);
            }

            await().atMost(WAIT).until(() -> subscription.lag().total() == 12 && subscription.lag().oldestAge().isPresent());
            assertThat(handled.get()).isZero();
            assertThat(subscription.lag().byPartition().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
            Duration firstAge = subscription.lag().oldestAge().orElseThrow();
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(subscription.lag().oldestAge()).as("the oldest waiting event grows older").hasValueSatisfying(
                            age -> assertThat(age).isGreaterThan(firstAge)));
            subscription.resume();
            await().atMost(WAIT).until(() -> handled.get() == 12 && subscription.lag().total() == 0);
            assertThat(subscription.lag().oldestAge()).hasValue(Duration.ZERO);
        }
    }

    @Test
    void closedSubscriptionResumesWhereItStoppedWhenReopened() throws Exception {
        String topic = uniqueTopic("reopen");
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventPublisher publisher = backend.createPublisher()) {
            try (EventSubscriber subscriber = backend.createSubscriber()) {
                subscriber.subscribe("reopen-group", OrderCreated.class, (e, c) -> received.add(e.lines().get(0).sku()));
                publisher.publish(order("order-1", "one")).get(30, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> received.size() == 1);
            }
            publisher.publish(order("order-1", "two")).get(30, TimeUnit.SECONDS);
            publisher.publish(order("order-1", "three")).get(30, TimeUnit.SECONDS);

            try (EventSubscriber subscriber = backend.createSubscriber()) {
                subscriber.subscribe("reopen-group", OrderCreated.class, (e, c) -> received.add(e.lines().get(0).sku()));
                await().atMost(WAIT).until(() -> received.size() == 3);
            }
            assertThat(received).containsExactly("one", "two", "three");
        }
    }

    @Test
    void reservedHeaderFailsThePublishNamingEventAndTopic() {
        String topic = uniqueTopic("reserved");
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventPublisher publisher = backend.createPublisher()) {
            OrderCreated event = order("order-1", "sku");

            assertThatThrownBy(() -> publisher.publish(event, Map.of("ce_id", "forged")).join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining(event.eventId()).hasMessageContaining(topic).hasMessageContaining("'ce_id' is reserved");
        }
    }

    @Test
    void missingTopicIsAClearErrorWhenTopicCreationIsOff() {
        String topic = uniqueTopic("missing");
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        config.put(KafkaConfig.TOPICS_CREATE, "false");
        try (EventBackend backend = KafkaTestSupport.open(config);
             EventPublisher publisher = backend.createPublisher();
             EventSubscriber subscriber = backend.createSubscriber()) {
            OrderCreated event = order("order-1", "sku");

            assertThatThrownBy(() -> publisher.publish(event).join())
                    .cause().isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining(event.eventId())
                    .hasMessageContaining("Topic(s) [" + topic + ", " + topic + ".DLT] do not exist")
                    .hasMessageContaining("set eventport.kafka.topics.create=true");
            assertThatThrownBy(() -> subscriber.subscribe("missing-group", OrderCreated.class, (e, c) -> { }))
                    .isInstanceOf(EventportException.class)
                    .hasMessageContaining("do not exist");
        }
    }
    @Test
    void closeLetsTheInFlightEventFinishAndCommitsIt() throws Exception {
        String topic = uniqueTopic("close-inflight");
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> firstRun = new CopyOnWriteArrayList<>();
        List<String> secondRun = new CopyOnWriteArrayList<>();
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventPublisher publisher = backend.createPublisher()) {
            EventSubscriber subscriber = backend.createSubscriber();
            Subscription subscription = subscriber.subscribe("close-group", OrderCreated.class, (e, c) -> {
                handling.countDown();
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                firstRun.add(e.lines().get(0).sku());
            });
            publisher.publish(order("order-1", "in-flight")).get(30, TimeUnit.SECONDS);
            assertThat(handling.await(30, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(subscription::close);
            release.countDown();
            closing.get(30, TimeUnit.SECONDS);
            subscriber.close();

            assertThat(firstRun).containsExactly("in-flight");
            try (EventSubscriber again = backend.createSubscriber()) {
                again.subscribe("close-group", OrderCreated.class, (e, c) -> secondRun.add(e.lines().get(0).sku()));
                publisher.publish(order("order-1", "marker")).get(30, TimeUnit.SECONDS);
                await().atMost(WAIT).until(() -> secondRun.contains("marker"));
            }
            assertThat(secondRun).as("the in-flight event was committed on close, so it is not delivered again")
                    .containsExactly("marker");
        }
    }

    @Test
    void retryBackoffPausesOnlyItsPartitionAndOutlastsMaxPollInterval() throws Exception {
        String topic = uniqueTopic("backoff");
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        config.put(KafkaConfig.CONSUMER_PREFIX + "max.poll.interval.ms", "1000");
        List<String> log = new CopyOnWriteArrayList<>();
        try (EventBackend backend = KafkaTestSupport.open(config);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("backoff-group", OrderCreated.class, (OrderCreated event, EventContext context) -> {
                log.add(event.orderId() + "#" + context.attempt());
                if (event.orderId().equals("slow") && context.attempt() < 3) {
                    throw new IllegalStateException("not yet");
                }
            }).withErrorPolicy(ErrorPolicy.defaults().withMaxAttempts(3).withBackoff(Duration.ofMillis(1500), 1.0, Duration.ofMillis(1500))));
            int slowPartition = publisher.publish(order("slow", "sku")).get(30, TimeUnit.SECONDS).partition().getAsInt();
            await().atMost(WAIT).until(() -> log.contains("slow#1"));

            List<String> otherPartitions = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                PublishReceipt receipt = publisher.publish(order("other-" + i, "sku")).get(30, TimeUnit.SECONDS);
                if (receipt.partition().getAsInt() != slowPartition) {
                    otherPartitions.add("other-" + i + "#1");
                }
            }

            await().atMost(WAIT).until(() -> log.contains("slow#3"));
            assertThat(otherPartitions).isNotEmpty();
            assertThat(log.subList(0, log.indexOf("slow#2")))
                    .as("events of other partitions are handled while the failed one waits for its retry")
                    .containsAll(otherPartitions);
            assertThat(log).as("the waits (3 s in all) outlast max.poll.interval.ms (1 s) without a rebalance restarting the attempts")
                    .containsSubsequence("slow#1", "slow#2", "slow#3").filteredOn(e -> e.startsWith("slow#")).hasSize(3);
        }
    }
}

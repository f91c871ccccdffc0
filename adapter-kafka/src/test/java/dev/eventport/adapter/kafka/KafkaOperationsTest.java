package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.backend;
import static dev.eventport.adapter.kafka.KafkaTestSupport.order;
import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.TraceParent;
import dev.eventport.ports.spi.WireAttributes;
import dev.eventport.testkit.CountingObserver;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What operating the Kafka backend needs: traces across the broker, observers with exact counts, health, republishing. */
class KafkaOperationsTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theTraceOfThePublisherReachesTheHandlerAndContinuesInWhatItPublishes() throws Exception {
        String topic = uniqueTopic("trace");
        TraceParent checkout = TraceParent.newRoot();
        Map<String, TraceParent> seen = new ConcurrentHashMap<>();
        Map<String, TraceParent> currentInHandler = new ConcurrentHashMap<>();
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe("trace-group", OrderCreated.class, (event, context) -> {
                String sku = event.lines().get(0).sku();
                seen.put(sku, context.traceparent().orElseThrow());
                currentInHandler.put(sku, TraceParent.current().orElseThrow());
                if (sku.equals("first")) {
                    publisher.publish(order(event.orderId(), "published-by-handler"));
                }
            });

            try (TraceParent.Scope scope = checkout.makeCurrent()) {
                publisher.publish(order("order-1", "first")).get(30, TimeUnit.SECONDS);
            }
            TraceParent given = TraceParent.newRoot();
            publisher.publish(order("order-2", "given"), Map.of(TraceParent.HEADER, given.toString())).get(30, TimeUnit.SECONDS);

            await().atMost(WAIT).until(() -> seen.size() == 3);
            assertThat(seen.get("first").traceId()).as("a child of the publisher's current trace").isEqualTo(checkout.traceId());
            assertThat(seen.get("first").parentId()).isNotEqualTo(checkout.parentId());
            assertThat(currentInHandler.get("first")).as("current while the handler runs").isEqualTo(seen.get("first"));
            assertThat(seen.get("published-by-handler").traceId()).as("the handler's publish continues the trace")
                    .isEqualTo(checkout.traceId());
            assertThat(seen.get("given")).as("a valid traceparent from the caller is sent as it is").isEqualTo(given);
        }
    }

    @Test
    void anObserverSeesExactCountsAndTheSubscriptionsLife() throws Exception {
        String topic = uniqueTopic("observed");
        CountingObserver observer = new CountingObserver();
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic)) {
            backend.addObserver(observer);
            backend.addObserver(observer);
            try (EventSubscriber subscriber = backend.createSubscriber(); EventPublisher publisher = backend.createPublisher()) {
                AtomicInteger flakyFailures = new AtomicInteger();
                Subscription subscription = subscriber.subscribe(SubscriptionRequest.of("observed-group", OrderCreated.class,
                        (OrderCreated event, EventContext context) -> {
                            String sku = event.lines().get(0).sku();
                            if (sku.equals("flaky") && flakyFailures.getAndIncrement() == 0) {
                                throw new IllegalStateException("flaky once");
                            }
                            if (sku.equals("broken")) {
                                throw new IllegalStateException("always broken");
                            }
                        }).withErrorPolicy(ErrorPolicy.defaults().withMaxAttempts(2)
                        .withBackoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(50))));
                assertThat(observer.lifecycle()).containsExactly("opened observed-group");

                for (int i = 0; i < 5; i++) {
                    publisher.publish(order("order-" + i, "good")).get(30, TimeUnit.SECONDS);
                }
                publisher.publish(order("order-f", "flaky")).get(30, TimeUnit.SECONDS);
                OrderCreated broken = order("order-b", "broken");
                publisher.publish(broken).get(30, TimeUnit.SECONDS);
                sendUndecodable(topic);

                await().atMost(WAIT).until(() -> observer.deadLettered().size() == 2);
                await().atMost(WAIT).until(() -> subscription.lag().total() == 0);
                assertThat(observer.published()).isEqualTo(7);
                assertThat(observer.publishFailures()).isZero();
                assertThat(observer.handled()).as("5 good, flaky twice, broken twice").isEqualTo(9);
                assertThat(observer.handlerFailures()).isEqualTo(3);
                assertThat(observer.retries()).as("flaky and broken after their first attempt").isEqualTo(2);
                assertThat(observer.deadLettered()).containsExactlyInAnyOrder(broken.eventId() + " after 2", "unknown after 0");
                assertThat(backend.deadLetters().list(topic)).extracting(DeadLetter::attempts).containsExactlyInAnyOrder(2, 0);

                subscription.pause();
                BackendHealth paused = backend.health();
                assertThat(paused.canPublish()).isTrue();
                assertThat(paused.canConsume()).isFalse();
                assertThat(paused.problems()).singleElement().asString().contains("'observed-group'", "paused");
                subscription.pause();
                subscription.resume();
                assertThat(backend.health().isHealthy()).isTrue();
                subscription.close();
                assertThat(observer.lifecycle()).containsExactly("opened observed-group", "paused observed-group",
                        "resumed observed-group", "closed observed-group");

                backend.removeObserver(observer);
                publisher.publish(order("order-x", "unobserved")).get(30, TimeUnit.SECONDS);
                assertThat(observer.published()).isEqualTo(7);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(WireAttributes.class)
    void aDeadLetterRepublishedAfterTheFixIsProcessedAndTheDeadLetterTopicKeepsIt(WireAttributes attributes) throws Exception {
        String topic = uniqueTopic("republish");
        AtomicBoolean bugFixed = new AtomicBoolean();
        List<EventContext> processed = new CopyOnWriteArrayList<>();
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        config.put(WireAttributes.KEY, attributes.key());
        try (EventBackend backend = KafkaTestSupport.open(config);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("republish-group", OrderCreated.class, (OrderCreated event, EventContext context) -> {
                if (!bugFixed.get()) {
                    throw new IllegalStateException("bug in the handler");
                }
                processed.add(context);
            }).withErrorPolicy(ErrorPolicy.defaults().withMaxAttempts(1)));
            OrderCreated event = order("order-42", "sku");
            publisher.publish(event, Map.of("tenant", "acme")).get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> backend.deadLetters().list(topic).size() == 1);
            DeadLetter deadLetter = backend.deadLetters().list(topic).get(0);
            assertThat(deadLetter.eventId()).as("named even when sent without attributes").isEqualTo(event.eventId());

            bugFixed.set(true);
            PublishReceipt receipt = backend.deadLetters().republish(deadLetter).get(30, TimeUnit.SECONDS);

            await().atMost(WAIT).until(() -> processed.size() == 1);
            EventContext context = processed.get(0);
            assertThat(receipt.destination()).isEqualTo(topic);
            assertThat(context.eventId()).isEqualTo(event.eventId());
            assertThat(context.offset()).isEqualTo(receipt.offset());
            assertThat(context.header(DeadLetters.REPUBLISHED_HEADER)).isEqualTo("1");
            assertThat(context.header("tenant")).isEqualTo("acme");
            assertThat(context.header(TraceParent.HEADER)).isEqualTo(deadLetter.headers().get(TraceParent.HEADER));
            assertThat(context.partition()).as("the same key, so the same partition").isEqualTo(deadLetter.partition());
            assertThat(backend.deadLetters().list(topic)).as("the dead-letter topic is an immutable log").hasSize(1);
        }
    }

    private static void sendUndecodable(String topic) throws Exception {
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topic, "order-u", "{not json".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
    }
}

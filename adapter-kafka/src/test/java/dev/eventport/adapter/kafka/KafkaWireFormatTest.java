package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.backend;
import static dev.eventport.adapter.kafka.KafkaTestSupport.order;
import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.spi.WireAttributes;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaWireFormatTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    @Test
    void plainKafkaConsumerReadsKeyJsonBodyAndCloudEventsHeaders() throws Exception {
        String topic = uniqueTopic("wire");
        OrderCreated event = order("order-42", "sku-wire");
        try (EventBackend backend = backend(KAFKA.bootstrapServers(), topic);
             EventPublisher publisher = backend.createPublisher()) {
            publisher.publish(event, Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).get(30, TimeUnit.SECONDS);
        }

        ConsumerRecord<String, String> record = readOne(topic);

        assertThat(record.key()).isEqualTo("order-42");
        assertThat(record.value())
                .startsWith("{")
                .contains("\"eventId\":\"" + event.eventId() + "\"")
                .contains("\"orderId\":\"order-42\"")
                .contains("\"sku\":\"sku-wire\"")
                .contains("\"amount\":9.99")
                .contains("\"currency\":\"EUR\"")
                .contains("\"occurredAt\":\"" + event.occurredAt() + "\"");
        assertThat(headers(record)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ce_id", event.eventId(),
                "ce_type", "OrderCreated",
                "ce_source", "/eventport",
                "ce_time", event.occurredAt().toString(),
                "ce_specversion", "1.0",
                "ce_partitionkey", "order-42",
                "content-type", "application/json",
                "traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    }

    @Test
    void withoutAttributesTheRecordCarriesKeyBodyAndCallerHeadersOnlyAndStillReachesSubscribers() throws Exception {
        String topic = uniqueTopic("wire-none");
        OrderCreated event = order("order-43", "sku-lean");
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        config.put(WireAttributes.KEY, "none");
        CompletableFuture<Map.Entry<OrderCreated, EventContext>> received = new CompletableFuture<>();
        try (EventBackend backend = KafkaTestSupport.open(config);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("wire-none-reader", OrderCreated.class,
                    (order, context) -> received.complete(Map.entry(order, context)))
                    .withStartPosition(StartPosition.earliest()));
            publisher.publish(event, Map.of("tenant", "acme")).get(30, TimeUnit.SECONDS);

            ConsumerRecord<String, String> record = readOne(topic);
            assertThat(record.key()).isEqualTo("order-43");
            assertThat(record.value()).contains("\"eventId\":\"" + event.eventId() + "\"");
            assertThat(headers(record)).containsExactlyEntriesOf(Map.of("tenant", "acme"));

            assertThat(received.get(30, TimeUnit.SECONDS).getKey()).isEqualTo(event);
            EventContext context = received.get().getValue();
            assertThat(context.eventId()).isEqualTo(event.eventId());
            assertThat(context.headers()).containsExactlyEntriesOf(Map.of("tenant", "acme"));
            assertThat(context.traceparent()).isEmpty();
        }
    }

    private static ConsumerRecord<String, String> readOne(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", KAFKA.bootstrapServers(),
                "group.id", topic + "-plain-reader",
                "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).as("records read by a plain consumer").hasSize(1);
        return records.get(0);
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}

package dev.eventport.adapter.kafka;

import dev.eventport.domain.Money;
import dev.eventport.domain.OrderCreated;
import dev.eventport.domain.OrderLine;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Backends on a test broker, each test on its own topic; and events to publish. */
final class KafkaTestSupport {

    private static final AtomicInteger TOPICS = new AtomicInteger();

    private KafkaTestSupport() {
    }

    /** A topic name no other test uses. */
    static String uniqueTopic(String purpose) {
        return purpose + "-" + TOPICS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The configuration of a backend at {@code bootstrapServers} whose {@code OrderCreated} events go to {@code topic}. */
    static Map<String, String> config(String bootstrapServers, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put(KafkaConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        config.put(KafkaConfig.TOPICS_PARTITIONS, "3");
        config.put(KafkaConfig.LAG_INTERVAL, "200ms");
        config.put(KafkaConfig.CLOSE_TIMEOUT, "5s");
        config.put("eventport.destination.OrderCreated", topic);
        return config;
    }

    static EventBackend backend(String bootstrapServers, String topic) {
        return open(config(bootstrapServers, topic));
    }

    static EventBackend open(Map<String, String> config) {
        return new KafkaBackendProvider().open(EventportConfig.of(config));
    }

    /** An order event of {@code orderId}; {@code sku} tells events of one order apart. */
    static OrderCreated order(String orderId, String sku) {
        return new OrderCreated(UUID.randomUUID().toString(), Instant.now(), orderId, "customer-1",
                List.of(new OrderLine(sku, 1, Money.of("9.99", "EUR"))), Money.of("9.99", "EUR"), Instant.now());
    }
}

package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.testkit.contract.ContractEvent;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An event larger than the cluster accepts fails at publish with a clear error, whether the producer refuses it
 * ({@code max.request.size}) or the broker does ({@code message.max.bytes}, 1 MiB by default); the backend stays healthy.
 */
class KafkaOversizeEventTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final String TWO_MIB = "x".repeat(2 * 1024 * 1024);

    @Test
    void theProducerRefusesAnEventAboveMaxRequestSize() {
        assertRefused(Map.of());
    }

    @Test
    void theBrokerRefusesAnEventAboveMessageMaxBytes() {
        assertRefused(Map.of(KafkaConfig.PRODUCER_PREFIX + "max.request.size", String.valueOf(8 * 1024 * 1024)));
    }

    private static void assertRefused(Map<String, String> extra) {
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), uniqueTopic("unused"));
        config.put("eventport.destination.ContractEvent", uniqueTopic("oversize"));
        config.putAll(extra);
        try (EventBackend backend = KafkaTestSupport.open(config);
             EventPublisher publisher = backend.createPublisher()) {
            ContractEvent huge = new ContractEvent(UUID.randomUUID().toString(), Instant.now(), "order-1", TWO_MIB, 1);

            assertThat(publisher.publish(huge)).failsWithin(Duration.ofSeconds(60))
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(PublishFailedException.class)
                    .withMessageContaining(huge.eventId())
                    .withMessageContaining("larger than the Kafka cluster accepts")
                    .withMessageContaining("eventport.kafka.producer.max.request.size")
                    .withMessageContaining("message.max.bytes");
            assertThat(publisher.publish(new ContractEvent(UUID.randomUUID().toString(), Instant.now(), "order-1", "small", 2)))
                    .succeedsWithin(Duration.ofSeconds(60));
            assertThat(backend.health().canPublish()).isTrue();
        }
    }
}

package dev.eventport.examples.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid configuration, across every backend, fails at {@link MessagingBackends#load(EventportConfig)} with a
 * {@link ConfigurationException} whose message names the key and says how to fix it (nothing is connected: the
 * broker addresses point at closed loopback ports).
 */
class ConfigurationErrorsTest {

    private static final String NO_BROKER = "127.0.0.1:1";

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                invalid("backend name misspelt", Map.of("eventport.backend", "kafak"),
                        "eventport.backend", "kafak", "Did you mean 'kafka'"),
                invalid("backend unknown", Map.of("eventport.backend", "rabbitmq"),
                        "eventport.backend", "rabbitmq", "Available"),
                invalid("inmemory: unknown key near a known one", Map.of("eventport.backend", "inmemory",
                        "eventport.inmemory.partitons", "4"), "eventport.inmemory.partitons", "Did you mean 'eventport.inmemory.partitions'"),
                invalid("inmemory: partitions not a number", Map.of("eventport.backend", "inmemory",
                        "eventport.inmemory.partitions", "four"), "eventport.inmemory.partitions", "'four'", "expected"),
                invalid("inmemory: partitions out of range", Map.of("eventport.backend", "inmemory",
                        "eventport.inmemory.partitions", "-3"), "eventport.inmemory.partitions", "'-3'", "expected"),
                invalid("inmemory: negative duration", Map.of("eventport.backend", "inmemory",
                        "eventport.inmemory.publish.timeout", "-5s"), "eventport.inmemory.publish.timeout", "'-5s'", "expected"),
                invalid("inmemory: duration without a unit", Map.of("eventport.backend", "inmemory",
                        "eventport.inmemory.retention.age", "forever"), "eventport.inmemory.retention.age", "'forever'", "expected"),
                invalid("inmemory: number too large", Map.of("eventport.backend", "inmemory",
                        "eventport.inmemory.deadletters.max", "99999999999999"), "eventport.inmemory.deadletters.max", "expected"),
                invalid("direct: unknown key near a known one", Map.of("eventport.backend", "direct",
                        "eventport.direct.close.timout", "1s"), "eventport.direct.close.timout", "Did you mean 'eventport.direct.close.timeout'"),
                invalid("direct: negative duration", Map.of("eventport.backend", "direct",
                        "eventport.direct.pause.timeout", "-1s"), "eventport.direct.pause.timeout", "'-1s'", "expected"),
                invalid("jms: missing address", Map.of("eventport.backend", "jms"), "eventport.jms.url", "Set it"),
                invalid("jms: unknown mode", Map.of("eventport.backend", "jms", "eventport.jms.url", "tcp://" + NO_BROKER,
                        "eventport.jms.mode", "topics"), "eventport.jms.mode", "'topics'", "queue", "topic"),
                invalid("jms: unknown key near a known one", Map.of("eventport.backend", "jms", "eventport.jms.url", "tcp://" + NO_BROKER,
                        "eventport.jms.pasword", "x"), "eventport.jms.pasword", "Did you mean 'eventport.jms.password'"),
                invalid("jms: user without password", Map.of("eventport.backend", "jms", "eventport.jms.url", "tcp://" + NO_BROKER,
                        "eventport.jms.user", "app"), "eventport.jms.password", "eventport.jms.user"),
                invalid("jms: zero send timeout", Map.of("eventport.backend", "jms", "eventport.jms.url", "tcp://" + NO_BROKER,
                        "eventport.jms.send.timeout", "0s"), "eventport.jms.send.timeout", "positive"),
                invalid("jms: negative reconnect interval", Map.of("eventport.backend", "jms", "eventport.jms.url", "tcp://" + NO_BROKER,
                        "eventport.jms.reconnect.interval", "-2s"), "eventport.jms.reconnect.interval", "positive"),
                invalid("kafka: missing address", Map.of("eventport.backend", "kafka"), "eventport.kafka.bootstrap.servers", "Set it"),
                invalid("kafka: unknown key near a known one", Map.of("eventport.backend", "kafka",
                        "eventport.kafka.bootstrap.servers", NO_BROKER, "eventport.kafka.topics.partitons", "3"),
                        "eventport.kafka.topics.partitons", "Did you mean 'eventport.kafka.topics.partitions'"),
                invalid("kafka: partitions not a number", Map.of("eventport.backend", "kafka",
                        "eventport.kafka.bootstrap.servers", NO_BROKER, "eventport.kafka.topics.partitions", "zero"),
                        "eventport.kafka.topics.partitions", "'zero'", "expected"),
                invalid("kafka: replication out of range", Map.of("eventport.backend", "kafka",
                        "eventport.kafka.bootstrap.servers", NO_BROKER, "eventport.kafka.topics.replication", "-1"),
                        "eventport.kafka.topics.replication", "'-1'", "expected"),
                invalid("kafka: negative lag interval", Map.of("eventport.backend", "kafka",
                        "eventport.kafka.bootstrap.servers", NO_BROKER, "eventport.kafka.lag.interval", "-200ms"),
                        "eventport.kafka.lag.interval", "'-200ms'", "expected"),
                invalid("kafka: topics.create not a boolean", Map.of("eventport.backend", "kafka",
                        "eventport.kafka.bootstrap.servers", NO_BROKER, "eventport.kafka.topics.create", "maybe"),
                        "eventport.kafka.topics.create", "'maybe'", "expected"),
                invalid("kafka: bad enum value of a client setting", Map.of("eventport.backend", "kafka",
                        "eventport.kafka.bootstrap.servers", NO_BROKER, "eventport.kafka.producer.acks", "most"),
                        "eventport.kafka.producer.acks", "most"),
                invalid("kafka: client setting of the wrong type", Map.of("eventport.backend", "kafka",
                        "eventport.kafka.bootstrap.servers", NO_BROKER, "eventport.kafka.consumer.max.poll.records", "many"),
                        "eventport.kafka.consumer.max.poll.records", "many"),
                invalid("kafka: unknown client setting near a known one", Map.of("eventport.backend", "kafka",
                        "eventport.kafka.bootstrap.servers", NO_BROKER, "eventport.kafka.producer.linger.msec", "5"),
                        "eventport.kafka.producer.linger.msec", "Did you mean"),
                invalid("kafka: bootstrap address without a port", Map.of("eventport.backend", "kafka",
                        "eventport.kafka.bootstrap.servers", "localhost"), "eventport.kafka.bootstrap.servers", "localhost"),
                invalid("destination name with spaces", Map.of("eventport.backend", "inmemory",
                        "eventport.destination.OrderCreated", "orders please"), "eventport.destination.OrderCreated", "'orders please'"));
    }

    private static Arguments invalid(String name, Map<String, String> keys, String... expectedParts) {
        return Arguments.of(name, keys, List.of(expectedParts));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void failsAtLoadNamingTheKeyAndTheFix(String name, Map<String, String> keys, List<String> expectedParts) {
        assertThatThrownBy(() -> {
            try (EventBackend backend = MessagingBackends.load(EventportConfig.of(keys))) {
                assertThat(backend).as("a backend opened from an invalid configuration").isNull();
            }
        }).isInstanceOf(ConfigurationException.class).satisfies(e -> {
            System.out.println(name + ": " + e.getMessage());
            for (String part : expectedParts) {
                assertThat(e.getMessage()).as(name).contains(part);
            }
        });
    }
}

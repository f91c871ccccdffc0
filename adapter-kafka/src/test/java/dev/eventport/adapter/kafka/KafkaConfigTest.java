package dev.eventport.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import dev.eventport.ports.spi.WireAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {

    private static final String SERVERS = "127.0.0.1:9092";

    private static KafkaConfig config(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(extra);
        all.putIfAbsent(KafkaConfig.BOOTSTRAP_SERVERS, SERVERS);
        return KafkaConfig.from(EventportConfig.of(all));
    }

    @Test
    void missingBootstrapServersNamesTheKeyAndTheWaysToSetIt() {
        assertThatThrownBy(() -> KafkaConfig.from(EventportConfig.of(Map.of("eventport.backend", "kafka"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Missing required configuration key 'eventport.kafka.bootstrap.servers' (the Kafka cluster to "
                        + "connect to, host:port[,host:port...]). Set it in eventport.properties, as "
                        + "-Deventport.kafka.bootstrap.servers=..., or as environment variable EVENTPORT_KAFKA_BOOTSTRAP_SERVERS.");
    }

    @Test
    void backendIsFoundByNameThroughServiceLoaderAndValidatesAtStartUp() {
        assertThat(MessagingBackends.available()).contains("kafka");
        assertThatThrownBy(() -> MessagingBackends.load(EventportConfig.of(Map.of("eventport.backend", "kafka"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'eventport.kafka.bootstrap.servers'");
    }

    @Test
    void safeDefaultsAndPassThroughWithClientSpecificOverrides() {
        KafkaConfig config = config(Map.of(
                "eventport.kafka.security.protocol", "SASL_SSL",
                "eventport.kafka.sasl.mechanism", "PLAIN",
                "eventport.kafka.producer.linger.ms", "20",
                "eventport.kafka.consumer.max.poll.records", "50",
                "eventport.kafka.admin.request.timeout.ms", "7000"));

        assertThat(config.producerProperties())
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("bootstrap.servers", SERVERS).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN").containsEntry("linger.ms", "20")
                .doesNotContainKeys("max.poll.records", "producer.linger.ms")
                .doesNotContainEntry("request.timeout.ms", "7000");
        assertThat(config.consumerProperties("orders"))
                .containsEntry("group.id", "orders").containsEntry("enable.auto.commit", "false")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("max.poll.records", "50")
                .doesNotContainKeys("linger.ms", "acks");
        assertThat(config.adminProperties())
                .containsEntry("request.timeout.ms", "7000").containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKeys("topics.create", "lag.interval");
    }

    @Test
    void ownKeysHaveDefaultsAndAreNotPassedToTheClients() {
        KafkaConfig defaults = config(Map.of());
        assertThat(defaults.topicsCreate()).isTrue();
        assertThat(defaults.topicPartitions()).isEqualTo(3);
        assertThat(defaults.topicReplication()).isEmpty();
        assertThat(defaults.operationTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.closeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.lagInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.wireAttributes()).isEqualTo(WireAttributes.CLOUDEVENTS);

        KafkaConfig set = config(Map.of(KafkaConfig.TOPICS_CREATE, "false", KafkaConfig.TOPICS_PARTITIONS, "12",
                KafkaConfig.TOPICS_REPLICATION, "3", KafkaConfig.CLOSE_TIMEOUT, "2s", WireAttributes.KEY, "none"));
        assertThat(set.wireAttributes()).isEqualTo(WireAttributes.NONE);
        assertThat(set.topicsCreate()).isFalse();
        assertThat(set.topicPartitions()).isEqualTo(12);
        assertThat(set.topicReplication()).isEqualTo(OptionalInt.of(3));
        assertThat(set.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(set.producerProperties()).doesNotContainKeys("topics.create", "topics.partitions", "close.timeout");
    }

    @Test
    void publishTimeoutBoundsTheProducerWaitsUnlessTheyAreSetExplicitly() {
        assertThat(config(Map.of()).producerProperties())
                .containsEntry("max.block.ms", "30000").containsEntry("delivery.timeout.ms", "30000")
                .containsEntry("request.timeout.ms", "29995");
        assertThat(config(Map.of(KafkaConfig.PUBLISH_TIMEOUT, "2s", "eventport.kafka.producer.linger.ms", "20")).producerProperties())
                .containsEntry("max.block.ms", "2000").containsEntry("delivery.timeout.ms", "2000")
                .containsEntry("request.timeout.ms", "1980");
        assertThat(config(Map.of(KafkaConfig.PUBLISH_TIMEOUT, "2s", "eventport.kafka.producer.max.block.ms", "500",
                "eventport.kafka.producer.request.timeout.ms", "5000")).producerProperties())
                .containsEntry("max.block.ms", "500").containsEntry("request.timeout.ms", "5000")
                .containsEntry("delivery.timeout.ms", "5005");
        assertThat(config(Map.of("eventport.kafka.producer.delivery.timeout.ms", "120000")).producerProperties())
                .containsEntry("delivery.timeout.ms", "120000").doesNotContainKey("request.timeout.ms");
    }

    @Test
    void badOwnValuesNameKeyValueSourceAndWhatIsValid() {
        assertThatThrownBy(() -> config(Map.of(KafkaConfig.TOPICS_PARTITIONS, "0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value '0' for configuration key 'eventport.kafka.topics.partitions' (from explicit "
                        + "configuration): expected a whole number of at least 1.");
        assertThatThrownBy(() -> config(Map.of(KafkaConfig.TOPICS_CREATE, "yes")))
                .hasMessage("Invalid value 'yes' for configuration key 'eventport.kafka.topics.create' (from explicit "
                        + "configuration): expected true or false.");
        assertThatThrownBy(() -> config(Map.of("eventport.kafka.topics.partition", "6")))
                .hasMessage("Unknown configuration key 'eventport.kafka.topics.partition' (from explicit configuration) for the "
                        + "Kafka backend. Did you mean 'eventport.kafka.topics.partitions'? Known keys: eventport.kafka.close.timeout, "
                        + "eventport.kafka.lag.interval, eventport.kafka.operation.timeout, eventport.kafka.publish.timeout, "
                        + "eventport.kafka.topics.create, "
                        + "eventport.kafka.topics.partitions, eventport.kafka.topics.replication.");
    }

    @Test
    void keysTheBackendOwnsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> config(Map.of("eventport.kafka.consumer.group.id", "x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Configuration key 'eventport.kafka.consumer.group.id' (from explicit configuration) cannot be set: "
                        + "the subscription name is the group id. Remove it.");
        assertThatThrownBy(() -> config(Map.of("eventport.kafka.enable.auto.commit", "true")))
                .hasMessage("Configuration key 'eventport.kafka.enable.auto.commit' (from explicit configuration) cannot be set: "
                        + "eventport commits offsets itself, only after an event was processed or dead-lettered. Remove it.");
        assertThatThrownBy(() -> config(Map.of("eventport.kafka.producer.value.serializer", "x")))
                .hasMessageContaining("the wire format is fixed");
    }

    @Test
    void valuesKafkaRejectsFailAtStartUpNamingOurKey() {
        assertThatThrownBy(() -> config(Map.of("eventport.kafka.producer.acks", "sometimes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("The Kafka producer rejected the configuration: Invalid value sometimes for configuration acks")
                .hasMessageContaining("Check 'eventport.kafka.producer.acks' (from explicit configuration)");
        assertThatThrownBy(() -> config(Map.of("eventport.kafka.security.protocol", "PLAINTEXTISH")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("PLAINTEXTISH")
                .hasMessageContaining("Check 'eventport.kafka.security.protocol'");
    }

    @Test
    void secretsNeverAppearInToStringOrErrors() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"s3cret\";";
        KafkaConfig config = config(Map.of("eventport.kafka.sasl.jaas.config", jaas,
                "eventport.kafka.ssl.truststore.password", "trust-me"));

        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("trust-me")
                .contains("eventport.kafka.sasl.jaas.config=****").contains("eventport.kafka.bootstrap.servers=" + SERVERS);
        assertThatThrownBy(() -> config(Map.of("eventport.kafka.sasl.jaas.config", jaas, "eventport.kafka.producer.acks", "never")))
                .message().doesNotContain("s3cret");
    }

    @Test
    void badBootstrapAddressFailsWhenTheBackendOpens() {
        assertThatThrownBy(() -> new KafkaBackendProvider().open(EventportConfig.of(Map.of(KafkaConfig.BOOTSTRAP_SERVERS, "no-port-here"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no-port-here")
                .hasMessageContaining("Check 'eventport.kafka.bootstrap.servers'");
    }
}

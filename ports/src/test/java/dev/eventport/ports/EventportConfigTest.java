package dev.eventport.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration")
class EventportConfigTest {

    private static Properties properties(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    @Test
    @DisplayName("takes each key from the explicit map, then system properties, then environment, then the file")
    void precedence() {
        EventportConfig config = EventportConfig.layered(
                Map.of("eventport.a", "explicit"),
                properties("eventport.a", "sys", "eventport.b", "sys", "other.key", "ignored"),
                Map.of("EVENTPORT_A", "env", "EVENTPORT_B", "env", "EVENTPORT_C", "env", "PATH", "/bin"),
                properties("eventport.a", "file", "eventport.b", "file", "eventport.c", "file", "eventport.d", "file"));

        assertThat(config.get("eventport.a")).contains("explicit");
        assertThat(config.get("eventport.b")).contains("sys");
        assertThat(config.get("eventport.c")).contains("env");
        assertThat(config.get("eventport.d")).contains("file");
        assertThat(config.keys()).containsExactly("eventport.a", "eventport.b", "eventport.c", "eventport.d");
        assertThat(config.sourceOf("eventport.b")).isEqualTo("system property -Deventport.b");
        assertThat(config.sourceOf("eventport.c")).isEqualTo("environment variable EVENTPORT_C");
        assertThat(config.sourceOf("eventport.d")).isEqualTo("eventport.properties on the classpath");
    }

    @Test
    @DisplayName("maps EVENTPORT_KAFKA_BOOTSTRAP_SERVERS to eventport.kafka.bootstrap.servers")
    void environmentNames() {
        EventportConfig config = EventportConfig.layered(Map.of(), new Properties(),
                Map.of("EVENTPORT_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), new Properties());

        assertThat(config.get("eventport.kafka.bootstrap.servers")).contains("127.0.0.1:9092");
        assertThat(EventportConfig.envName("eventport.kafka.bootstrap.servers")).isEqualTo("EVENTPORT_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    @DisplayName("a missing required key names the key, its purpose and the three ways to set it")
    void missingRequiredKey() {
        assertThatThrownBy(() -> EventportConfig.of(Map.of()).require("eventport.jms.url", "the URL of the JMS broker"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Missing required configuration key 'eventport.jms.url' (the URL of the JMS broker). Set it in "
                        + "eventport.properties, as -Deventport.jms.url=..., or as environment variable EVENTPORT_JMS_URL.");
    }

    @Test
    @DisplayName("typed values that do not parse name the key, the value, the source and what is valid")
    void invalidValues() {
        EventportConfig config = EventportConfig.of(Map.of("eventport.x.count", "many", "eventport.x.flag", "yes",
                "eventport.x.wait", "-5s", "eventport.x.mode", "fanout", "eventport.x.small", "0"));

        assertThatThrownBy(() -> config.getInt("eventport.x.count", 4))
                .hasMessage("Invalid value 'many' for configuration key 'eventport.x.count' (from explicit configuration): "
                        + "expected a whole number, e.g. 4.");
        assertThatThrownBy(() -> config.getInt("eventport.x.small", 4, 1))
                .hasMessage("Invalid value '0' for configuration key 'eventport.x.small' (from explicit configuration): "
                        + "expected a whole number of at least 1.");
        assertThatThrownBy(() -> config.getBoolean("eventport.x.flag", false))
                .hasMessage("Invalid value 'yes' for configuration key 'eventport.x.flag' (from explicit configuration): "
                        + "expected true or false.");
        assertThatThrownBy(() -> config.getDuration("eventport.x.wait", Duration.ZERO))
                .hasMessage("Invalid value '-5s' for configuration key 'eventport.x.wait' (from explicit configuration): "
                        + "expected a zero or positive duration like 500ms, 5s, 2m, 1h or PT5S.");
        assertThatThrownBy(() -> config.getChoice("eventport.x.mode", "queue", Set.of("queue", "topic")))
                .hasMessage("Invalid value 'fanout' for configuration key 'eventport.x.mode' (from explicit configuration): "
                        + "expected one of [queue, topic].");
    }

    @Test
    @DisplayName("durations accept units, ISO-8601 and bare milliseconds; defaults apply when unset")
    void durations() {
        EventportConfig config = EventportConfig.of(Map.of("a", "250ms", "b", "5s", "c", "PT2M", "d", "40", "e", "1h"));

        assertThat(config.getDuration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(250));
        assertThat(config.getDuration("b", Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.getDuration("c", Duration.ZERO)).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.getDuration("d", Duration.ZERO)).isEqualTo(Duration.ofMillis(40));
        assertThat(config.getDuration("e", Duration.ZERO)).isEqualTo(Duration.ofHours(1));
        assertThat(config.getDuration("unset", Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("never shows a secret, neither in toString nor in an error")
    void secretsMasked() {
        EventportConfig config = EventportConfig.of(Map.of(
                "eventport.jms.password", "hunter2",
                "eventport.kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"hunter2\";",
                "eventport.kafka.ssl.truststore.password", "hunter2",
                "eventport.jms.user", "shop"));

        assertThat(config.toString()).doesNotContain("hunter2").contains("eventport.jms.user=shop", "eventport.jms.password=****");
        assertThat(config.invalid("eventport.jms.password", "hunter2", "something else").getMessage()).doesNotContain("hunter2");
    }

    @Test
    @DisplayName("gives the keys under a prefix without it")
    void prefix() {
        EventportConfig config = EventportConfig.of(Map.of("eventport.kafka.acks", "all", "eventport.kafka.producer.linger.ms", "5",
                "eventport.jms.url", "tcp://x"));

        assertThat(config.withPrefix("eventport.kafka.")).containsOnly(Map.entry("acks", "all"), Map.entry("producer.linger.ms", "5"));
    }
}

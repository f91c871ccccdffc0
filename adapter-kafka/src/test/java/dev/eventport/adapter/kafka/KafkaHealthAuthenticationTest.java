package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.EventBackend;
import dev.eventport.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Health names an authentication failure as such, with the user and the key to fix, and never the password. */
class KafkaHealthAuthenticationTest {

    private static final String USER = "eventport-health";
    private static final String PASSWORD = "pw-health-7d1e-right";
    private static final String WRONG_PASSWORD = "pw-health-93ac-wrong";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void healthSaysAuthenticationFailedWithoutThePasswordAndTheRightCredentialsAreHealthy() {
        try (EmbeddedKafka broker = EmbeddedKafka.startWithScram(USER, PASSWORD)) {
            try (EventBackend refused = KafkaTestSupport.open(withCredentials(broker, WRONG_PASSWORD))) {
                await().atMost(WAIT).untilAsserted(() -> {
                    BackendHealth health = refused.health();
                    assertThat(health.canPublish()).isFalse();
                    assertThat(health.canConsume()).isFalse();
                    assertThat(health.problems()).anySatisfy(problem -> assertThat(problem)
                            .contains("authentication failed", "user '" + USER + "'", broker.bootstrapServers(), "sasl.jaas.config"));
                });
                assertThat(refused.health().problems()).noneSatisfy(problem -> assertThat(problem).contains(WRONG_PASSWORD));
            }
            try (EventBackend accepted = KafkaTestSupport.open(withCredentials(broker, PASSWORD))) {
                await().atMost(WAIT).until(() -> accepted.health().isHealthy());
            }
        }
    }

    private static Map<String, String> withCredentials(EmbeddedKafka broker, String password) {
        Map<String, String> config = KafkaTestSupport.config(broker.bootstrapServers(), uniqueTopic("health-auth"));
        broker.clientSecurity(USER, password).forEach((key, value) -> config.put(KafkaConfig.PREFIX + key, value));
        return config;
    }
}

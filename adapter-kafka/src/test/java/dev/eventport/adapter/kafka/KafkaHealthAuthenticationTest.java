package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.EventBackend;
import dev.eventport.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health names an authentication failure as such, with the user and the key to fix, and never the password. */
class KafkaHealthAuthenticationTest {

    private static final String USER = "eventport-health";
    private static final String PASSWORD = "pw-health-7d1e-right";
    private static final String WRONG_PASSWORD = "pw-health-93ac-wrong";
    private static EmbeddedKafka broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafka.startWithScram(USER, PASSWORD);
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void healthSaysAuthenticationFailedWithoutThePassword() {
        try (EventBackend backend = KafkaTestSupport.open(config(WRONG_PASSWORD))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                BackendHealth health = backend.health();
                assertThat(health.canPublish()).isFalse();
                assertThat(health.canConsume()).isFalse();
                assertThat(health.problems()).anySatisfy(problem -> assertThat(problem)
                        .contains("authentication failed", "user '" + USER + "'", broker.bootstrapServers(), "sasl.jaas.config"));
            });
            assertThat(backend.health().problems()).noneSatisfy(problem -> assertThat(problem).contains(WRONG_PASSWORD));
        }
    }

    @Test
    void theRightCredentialsAreHealthy() {
        try (EventBackend backend = KafkaTestSupport.open(config(PASSWORD))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> backend.health().isHealthy());
        }
    }

    private static Map<String, String> config(String password) {
        Map<String, String> config = KafkaTestSupport.config(broker.bootstrapServers(), uniqueTopic("health-auth"));
        broker.clientSecurity(USER, password).forEach((key, value) -> config.put(KafkaConfig.PREFIX + key, value));
        return config;
    }
}

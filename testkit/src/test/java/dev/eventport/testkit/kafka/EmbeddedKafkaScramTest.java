package dev.eventport.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaScramTest {

    private static EmbeddedKafka broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafka.startWithScram("alice", "alice-secret");
    }

    @AfterAll
    static void closeBroker() {
        broker.close();
    }

    @Test
    void theKnownUserIsAuthenticated() throws Exception {
        try (Admin admin = admin("alice", "alice-secret")) {
            admin.createTopics(List.of(new NewTopic("scram-topic", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // the broker's metadata follows the controller's shortly after the creation
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("scram-topic"));
        }
    }

    @Test
    void aWrongPasswordIsRefusedAndCounted() {
        long before = broker.failedAuthentications();
        try (Admin admin = admin("alice", "wrong")) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        assertThat(broker.failedAuthentications()).isGreaterThan(before);
        assertThat(broker.toString()).contains("alice").doesNotContain("alice-secret");
    }

    private static Admin admin(String user, String password) {
        Map<String, Object> config = new HashMap<>(broker.clientSecurity(user, password));
        config.put("bootstrap.servers", broker.bootstrapServers());
        config.put("default.api.timeout.ms", "30000");
        return Admin.create(config);
    }
}

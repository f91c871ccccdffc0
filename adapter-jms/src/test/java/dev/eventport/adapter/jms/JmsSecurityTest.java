package dev.eventport.adapter.jms;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemis.Permission;
import dev.eventport.testkit.artemis.EmbeddedArtemis.User;
import dev.eventport.testkit.contract.ContractEvent;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JMS backend against an Artemis broker with security on: users, passwords and permissions. */
class JmsSecurityTest {

    private static final String PASSWORD = "s3cret-Pa55";
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static EmbeddedArtemis broker;

    @BeforeAll
    static void startSecuredBroker() {
        broker = EmbeddedArtemis.startSecured(List.of(
                User.allPermissions("orders", PASSWORD),
                new User("sender", PASSWORD, EnumSet.of(Permission.SEND, Permission.CREATE, Permission.BROWSE))));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void theRightUserPublishesAndConsumes() throws Exception {
        String destination = JmsTesting.uniqueDestination("secure-ok");
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (EventBackend backend = open(destination, "orders", PASSWORD);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe("secure-reader", ContractEvent.class, (event, context) -> handled.add(event.eventId()));
            ContractEvent event = ContractEvent.of("k", 0);
            publisher.publish(event).get(30, SECONDS);
            await().atMost(DEADLINE).until(() -> handled.contains(event.eventId()));
            assertThat(backend.health().isHealthy()).isTrue();
        }
    }

    @Test
    void aWrongPasswordFailsTheOpenAtOnceNamingTheUserAndTheUrlButNeverThePassword() {
        String wrong = "not-the-Pa55word";
        long begin = System.nanoTime();
        ConfigurationException failure = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (EventBackend backend = open(JmsTesting.uniqueDestination("secure-bad"), "orders", wrong)) {
                throw new AssertionError("opened with a wrong password: " + backend);
            } catch (ConfigurationException e) {
                return e;
            }
        });
        System.out.printf("wrong password refused in %d ms: %s%n", (System.nanoTime() - begin) / 1_000_000, failure.getMessage());
        assertThat(failure).hasMessageContaining("'orders'").hasMessageContaining(broker.url())
                .hasMessageContaining(JmsConfig.PASSWORD).hasMessageNotContaining(wrong).hasMessageNotContaining(PASSWORD);
        assertThat(failure.toString()).doesNotContain(wrong);
    }

    @Test
    void aUserWithoutConsumePermissionIsRefusedNamingThePermissionAndTheDestination() throws Exception {
        for (JmsConfig.Mode mode : JmsConfig.Mode.values()) {
            String destination = JmsTesting.uniqueDestination("secure-noconsume-" + mode.key());
            try (EventBackend backend = open(destination, mode, "sender", PASSWORD);
                 EventSubscriber subscriber = backend.createSubscriber();
                 EventPublisher publisher = backend.createPublisher()) {
                publisher.publish(ContractEvent.of("k", 0)).get(30, SECONDS);
                assertThatThrownBy(() -> subscriber.subscribe("not-allowed", ContractEvent.class, (event, context) -> { }))
                        .isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("'not-allowed'")
                        .hasMessageContaining("'" + destination + "'")
                        .hasMessageContaining("consume")
                        .hasMessageContaining("'sender'")
                        .hasMessageNotContaining(PASSWORD);
            }
        }
    }

    private static EventBackend open(String destination, String user, String password) {
        return open(destination, JmsConfig.Mode.TOPIC, user, password);
    }

    private static EventBackend open(String destination, JmsConfig.Mode mode, String user, String password) {
        return new JmsBackendProvider().open(EventportConfig.of(Map.of(JmsConfig.URL, broker.url(),
                JmsConfig.MODE, mode.key(), JmsConfig.USER, user, JmsConfig.PASSWORD, password,
                DestinationNaming.OVERRIDE_PREFIX + ContractEvent.class.getSimpleName(), destination)));
    }
}

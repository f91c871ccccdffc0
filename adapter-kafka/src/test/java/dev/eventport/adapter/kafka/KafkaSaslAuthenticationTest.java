package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.order;
import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.testkit.kafka.EmbeddedKafka;
import dev.eventport.testkit.local.ReliabilityReport;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka adapter against a broker that requires SASL SCRAM-SHA-256: the right credentials publish and consume; a
 * wrong password fails the first publish and subscribe within seconds with a clear error naming the user, the
 * cluster and the key to fix, without a storm of reconnections; the password never shows in messages, toString()
 * or the log output. Figures in target/reliability/kafka-sasl-wrong-password.json.
 */
class KafkaSaslAuthenticationTest {

    private static final String USER = "eventport-app";
    private static final String PASSWORD = "pw-5f2c9e7a-right";
    private static final String WRONG_PASSWORD = "pw-0b3d81c4-wrong";
    private static final Duration QUIET_WINDOW = Duration.ofSeconds(5);
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
    void theRightCredentialsPublishAndConsume() throws Exception {
        String topic = uniqueTopic("sasl");
        Set<String> processed = ConcurrentHashMap.newKeySet();
        try (EventBackend backend = KafkaTestSupport.open(config(topic, PASSWORD));
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe("sasl-group", OrderCreated.class, (OrderCreated event, EventContext context) -> processed.add(event.eventId()));
            OrderCreated event = order("order-1", "sku-1");
            publisher.publish(event).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> processed.contains(event.eventId()));
        }
    }

    @Test
    void aWrongPasswordFailsFastAndClearlyWithoutARetryStormOrTheSecretInTheLogs() throws Exception {
        String topic = uniqueTopic("sasl-wrong");
        Map<String, String> settings = config(topic, WRONG_PASSWORD);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        long refusedBefore = broker.failedAuthentications();
        long publishFailedAfterNanos;
        long refusedDuringFailure;
        long refusedInQuietWindow;
        String publishMessage;
        String subscribeMessage;
        String shown;
        System.setOut(new PrintStream(new Tee(originalOut, captured), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr, captured), true, StandardCharsets.UTF_8));
        try (EventBackend backend = KafkaTestSupport.open(settings);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            long start = System.nanoTime();
            ExecutionException publishFailure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> publisher.publish(order("order-1", "sku-1")).get(15, TimeUnit.SECONDS));
            publishFailedAfterNanos = System.nanoTime() - start;
            assertThat(publishFailure.getCause()).isInstanceOf(PublishFailedException.class);
            publishMessage = publishFailure.getCause().getMessage();

            Throwable subscribeFailure = org.junit.jupiter.api.Assertions.assertThrows(ConfigurationException.class,
                    () -> subscriber.subscribe("sasl-wrong-group", OrderCreated.class, (OrderCreated e, EventContext c) -> { }));
            subscribeMessage = subscribeFailure.getMessage();
            refusedDuringFailure = broker.failedAuthentications() - refusedBefore;

            long quietStart = broker.failedAuthentications();
            await().pollDelay(QUIET_WINDOW).atMost(QUIET_WINDOW.plusSeconds(5)).until(() -> true); // an observation window
            refusedInQuietWindow = broker.failedAuthentications() - quietStart;
            shown = backend + " " + publisher + " " + subscriber + " " + KafkaConfig.from(EventportConfig.of(settings))
                    + " " + EventportConfig.of(settings);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);
        ReliabilityReport.named("kafka-sasl-wrong-password")
                .put("mechanism", "SCRAM-SHA-256")
                .put("publishFailedAfter", Duration.ofNanos(publishFailedAfterNanos))
                .put("refusedConnectionsWhileFailing", refusedDuringFailure)
                .put("refusedConnectionsInNext5s", refusedInQuietWindow)
                .put("logLinesCaptured", logs.lines().count())
                .put("passwordFoundInLogs", logs.contains(WRONG_PASSWORD) || logs.contains(PASSWORD))
                .put("error", publishMessage)
                .write();

        for (String message : new String[] {publishMessage, subscribeMessage}) {
            assertThat(message).contains("authentication failed", "user '" + USER + "'", broker.bootstrapServers(),
                    KafkaConfig.PREFIX + "sasl.jaas.config").doesNotContain(WRONG_PASSWORD);
        }
        assertThat(refusedDuringFailure).as("connections refused while publish and subscribe failed").isBetween(1L, 15L);
        assertThat(refusedInQuietWindow).as("no retry storm: connections refused in the %s after", QUIET_WINDOW).isLessThanOrEqualTo(15L);
        assertThat(shown).doesNotContain(WRONG_PASSWORD);
        assertThat(logs).doesNotContain(WRONG_PASSWORD).doesNotContain(PASSWORD);
    }

    private static Map<String, String> config(String topic, String password) {
        Map<String, String> config = KafkaTestSupport.config(broker.bootstrapServers(), topic);
        broker.clientSecurity(USER, password).forEach((key, value) -> config.put(KafkaConfig.PREFIX + key, value));
        return config;
    }

    /** Writes to the original stream and to a capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private final OutputStream capture;

        Tee(OutputStream original, OutputStream capture) {
            this.original = original;
            this.capture = capture;
        }

        @Override
        public synchronized void write(int b) throws java.io.IOException {
            original.write(b);
            capture.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
            original.write(b, off, len);
            capture.write(b, off, len);
        }
    }
}

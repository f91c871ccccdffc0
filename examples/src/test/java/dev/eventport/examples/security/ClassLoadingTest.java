package dev.eventport.examples.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.contract.ContractEvent;
import dev.eventport.testkit.kafka.EmbeddedKafka;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No class named in a message is ever loaded: bodies and headers naming {@link Canary} (as {@code @class},
 * {@code @type}, {@code ce_type}, {@code __TypeId__}, a content type of serialized Java, the JMS type, a header
 * name) go through the Kafka and JMS backends, as raw messages and through publish, are delivered or
 * dead-lettered, the dead letters are read back, and the canary's static initializer never runs.
 */
@ExtendWith({EmbeddedArtemisExtension.class, EmbeddedKafkaExtension.class})
class ClassLoadingTest {

    private static final String CANARY = "dev.eventport.examples.security.Canary";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final EmbeddedArtemis artemis;
    private final EmbeddedKafka kafka;

    ClassLoadingTest(EmbeddedArtemis artemis, EmbeddedKafka kafka) {
        this.artemis = artemis;
        this.kafka = kafka;
    }

    @Test
    void theTripwireNoticesAnInitialisedClass() throws ClassNotFoundException {
        String control = "dev.eventport.examples.security.ControlCanary";
        Class.forName(control, false, getClass().getClassLoader());
        assertThat(CanaryTripwire.tripped(control)).as("loaded without initialising").isFalse();

        Class.forName(control, true, getClass().getClassLoader());

        assertThat(CanaryTripwire.tripped(control)).isTrue();
    }

    @Test
    void kafkaNeverLoadsAClassNamedInAMessage() throws Exception {
        String topic = "canary-" + UUID.randomUUID();
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new ByteArraySerializer(), new ByteArraySerializer())) {
            runThrough(Map.of("eventport.backend", "kafka", "eventport.kafka.bootstrap.servers", kafka.bootstrapServers()),
                    topic, (body, headers) -> {
                        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, CANARY.getBytes(StandardCharsets.UTF_8), body);
                        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                        raw.send(record).get(30, TimeUnit.SECONDS);
                    });
        }
    }

    @Test
    void jmsNeverLoadsAClassNamedInAMessage() throws Exception {
        String queue = "canary-" + UUID.randomUUID();
        try (Connection connection = new ActiveMQConnectionFactory(artemis.url()).createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            runThrough(Map.of("eventport.backend", "jms", "eventport.jms.url", artemis.url(), "eventport.jms.mode", "queue"),
                    queue, (body, headers) -> {
                        BytesMessage message = session.createBytesMessage();
                        message.writeBytes(body);
                        message.setJMSType(CANARY);
                        for (Map.Entry<String, String> header : headers.entrySet()) {
                            message.setStringProperty(header.getKey().replace("-", "_HYPHEN_"), header.getValue());
                        }
                        producer.send(message);
                        Message text = session.createTextMessage(new String(body, StandardCharsets.UTF_8));
                        text.setStringProperty("ce_type", CANARY);
                        producer.send(text);
                    });
        }
    }

    /** What writes one raw message (body and headers) to the destination. */
    @FunctionalInterface
    private interface RawSend {
        void send(byte[] body, Map<String, String> headers) throws Exception;
    }

    private void runThrough(Map<String, String> keys, String destination, RawSend raw) throws Exception {
        Map<String, String> config = new LinkedHashMap<>(keys);
        config.put(DestinationNaming.OVERRIDE_PREFIX + "ContractEvent", destination);
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (EventBackend backend = MessagingBackends.load(EventportConfig.of(config));
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("canary-" + UUID.randomUUID(), ContractEvent.class,
                    (event, context) -> handled.add(event.eventId())).withErrorPolicy(ErrorPolicy.noRetries()));
            List<String> decodable = new ArrayList<>();
            int undecodable = 0;
            for (Map.Entry<String, byte[]> body : bodiesNamingTheCanary().entrySet()) {
                raw.send(body.getValue(), headersNamingTheCanary());
                if (body.getKey().startsWith("valid:")) {
                    decodable.add(body.getKey().substring("valid:".length()));
                } else {
                    undecodable++;
                }
            }
            ContractEvent published = new ContractEvent(UUID.randomUUID().toString(), Instant.now(), CANARY, CANARY, 0);
            publisher.publish(published, Map.of("x-class", CANARY, "__TypeId__", CANARY, "type", CANARY))
                    .get(30, TimeUnit.SECONDS);
            decodable.add(published.eventId());

            int rawMessagesPerSend = keys.get("eventport.backend").equals("jms") ? 2 : 1;
            int expectedDeadLetters = undecodable * rawMessagesPerSend;
            await().atMost(WAIT).until(() -> handled.containsAll(decodable)
                    && backend.deadLetters().list(destination).size() >= expectedDeadLetters);
            List<DeadLetter> letters = backend.deadLetters().list(destination);
            assertThat(letters).hasSize(expectedDeadLetters).allSatisfy(letter -> assertThat(letter.reason()).isNotBlank());
        }
        assertThat(CanaryTripwire.tripped(CANARY)).as("the canary class was initialised by something in " + keys).isFalse();
    }

    /** Bodies that name the canary; those keyed "valid:<id>" still decode as a ContractEvent with that id. */
    private static Map<String, byte[]> bodiesNamingTheCanary() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String typing : List.of("\"@class\":\"" + CANARY + "\",", "\"@type\":\"" + CANARY + "\",", "\"@c\":\".Canary\",",
                "\"__TypeId__\":\"" + CANARY + "\",")) {
            String id = UUID.randomUUID().toString();
            bodies.put("valid:" + id, json("{" + typing + "\"eventId\":\"" + id + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\","
                    + "\"aggregateId\":\"k\",\"payload\":\"" + CANARY + "\",\"sequence\":1}"));
        }
        bodies.put("wrapped", json("[\"" + CANARY + "\",{\"eventId\":\"x\"}]"));
        bodies.put("string", json("\"" + CANARY + "\""));
        bodies.put("object", json("{\"@class\":\"" + CANARY + "\"}"));
        bodies.put("serialized", new byte[] {(byte) 0xAC, (byte) 0xED, 0x00, 0x05, 0x73, 0x72, 0x00, 0x26});
        return bodies;
    }

    private static Map<String, String> headersNamingTheCanary() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_type", CANARY);
        headers.put("ce_datacontenttype", "application/x-java-serialized-object");
        headers.put("content-type", "application/x-java-serialized-object");
        headers.put("__TypeId__", CANARY);
        headers.put("_type", CANARY);
        headers.put("className", CANARY);
        return headers;
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

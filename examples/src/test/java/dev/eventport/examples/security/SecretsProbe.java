package dev.eventport.examples.security;

import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import dev.eventport.ports.Subscription;
import dev.eventport.testkit.contract.ContractEvent;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link CredentialMaskingTest}, with every log level written to a file: opens the JMS and
 * Kafka backends with the secrets the test put in the environment ({@code EVENTPORT_JMS_PASSWORD}, ...), publishes
 * and consumes one event on each, provokes configuration and connection failures that involve the secrets, and
 * prints every {@code toString()} and failure it meets. Arguments: the Artemis URL, the Kafka bootstrap servers,
 * the secret to put into a JMS URL.
 */
public final class SecretsProbe {

    private SecretsProbe() {
    }

    public static void main(String[] args) throws Exception {
        String artemisUrl = args[0];
        String kafkaServers = args[1];
        String urlSecret = args[2];
        roundTrip(Map.of("eventport.backend", "jms", "eventport.jms.url", artemisUrl, "eventport.jms.user", "app"));
        roundTrip(Map.of("eventport.backend", "jms", "eventport.jms.url", artemisUrl + "?user=app&password=" + urlSecret,
                "eventport.jms.user", "app"));
        roundTrip(Map.of("eventport.backend", "kafka", "eventport.kafka.bootstrap.servers", kafkaServers));
        failing("an unreachable JMS URL carrying the password", Map.of("eventport.backend", "jms",
                "eventport.jms.url", "tcp://127.0.0.1:1?user=app&password=" + urlSecret + "&reconnectAttempts=0", "eventport.jms.user", "app"));
        failing("an invalid Kafka setting next to the secrets", Map.of("eventport.backend", "kafka",
                "eventport.kafka.bootstrap.servers", kafkaServers, "eventport.kafka.producer.acks", "most"));
        failing("a JAAS configuration Kafka cannot parse", Map.of("eventport.backend", "kafka",
                "eventport.kafka.bootstrap.servers", kafkaServers, "eventport.kafka.security.protocol", "SASL_PLAINTEXT",
                "eventport.kafka.sasl.mechanism", "PLAIN",
                "eventport.kafka.sasl.jaas.config", "not a login module password=\"" + urlSecret + "\""));
        System.out.println("PROBE COMPLETE");
    }

    private static void roundTrip(Map<String, String> keys) throws Exception {
        Map<String, String> config = new HashMap<>(keys);
        String destination = "secrets-" + UUID.randomUUID();
        config.put("eventport.destination.ContractEvent", destination);
        EventportConfig loaded = EventportConfig.load(config);
        System.out.println("config: " + loaded);
        CountDownLatch delivered = new CountDownLatch(1);
        try (EventBackend backend = MessagingBackends.load(loaded);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            Subscription subscription = subscriber.subscribe("secrets", ContractEvent.class, (event, context) -> {
                System.out.println("delivered: " + event + " " + context);
                delivered.countDown();
            });
            publisher.publish(ContractEvent.of("secret-key", 1), Map.of("x-note", "probe")).get(30, TimeUnit.SECONDS);
            if (!delivered.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no delivery on " + backend.name());
            }
            BackendHealth health = backend.health();
            System.out.println("backend: " + backend + "; publisher: " + publisher + "; subscriber: " + subscriber
                    + "; subscription: " + subscription + "; lag: " + subscription.lag() + "; health: " + health);
        }
    }

    private static void failing(String what, Map<String, String> keys) {
        try (EventBackend backend = MessagingBackends.load(EventportConfig.load(keys))) {
            System.out.println(what + ": opened " + backend + " (no failure)");
        } catch (RuntimeException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            System.out.println(what + ": " + trace);
        }
    }
}

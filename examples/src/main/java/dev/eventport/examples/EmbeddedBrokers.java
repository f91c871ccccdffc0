package dev.eventport.examples;

import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.kafka.EmbeddedKafka;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The broker a backend needs, for the demo and the comparison: with a broker address configured
 * ({@value #JMS_URL}, {@value #KAFKA_SERVERS}) the external broker is used as it is; without one an embedded broker is
 * started in this JVM (Artemis for {@code jms}, a single KRaft node for {@code kafka}) and stopped by {@link #close()}. Backends that need no broker get
 * nothing started.
 *
 * <p>Contract: {@link #overrides()} holds the keys to add to the configuration so that the backend finds the broker;
 * {@link #description()} says which broker is used and how it stores messages; {@link #close()} is idempotent.
 */
public final class EmbeddedBrokers implements AutoCloseable {

    /** The key of the JMS broker URL; when set, no broker is started for {@code jms}. */
    public static final String JMS_URL = "eventport.jms.url";
    /** The key of the Kafka bootstrap servers; when set, no broker is started for {@code kafka}. */
    public static final String KAFKA_SERVERS = "eventport.kafka.bootstrap.servers";

    private final Map<String, String> overrides;
    private final String description;
    private final AutoCloseable broker;

    private EmbeddedBrokers(Map<String, String> overrides, String description, AutoCloseable broker) {
        this.overrides = Map.copyOf(overrides);
        this.description = description;
        this.broker = broker;
    }

    /** Starts the embedded broker {@code backend} needs, unless {@code config} names an external one. */
    public static EmbeddedBrokers startIfNeeded(String backend, EventportConfig config) {
        return switch (backend) {
            case "jms" -> external(config, JMS_URL, "JMS broker", "its own persistence settings").orElseGet(() -> {
                EmbeddedArtemis artemis = embedded(EmbeddedArtemis::start, JMS_URL, "tcp://host:61616",
                        "org.apache.activemq:artemis-jakarta-server");
                return new EmbeddedBrokers(Map.of(JMS_URL, artemis.url()), "embedded ActiveMQ Artemis at " + artemis.url()
                        + ": persistent messages, NIO journal synced to disk (fsync) with a 50 µs buffer timeout", artemis);
            });
            case "kafka" -> external(config, KAFKA_SERVERS, "Kafka cluster", "its own replication settings").orElseGet(() -> {
                EmbeddedKafka kafka = embedded(EmbeddedKafka::start, KAFKA_SERVERS, "host:9092", "org.apache.kafka:kafka_2.13");
                return new EmbeddedBrokers(Map.of(KAFKA_SERVERS, kafka.bootstrapServers()), "embedded single-node Kafka "
                        + "(KRaft) at " + kafka.bootstrapServers() + ": one replica, acks=all is acknowledged from the "
                        + "OS page cache (no fsync per message, Kafka's default)", kafka);
            });
            default -> new EmbeddedBrokers(Map.of(), "no broker: " + backend + " runs in this process", () -> { });
        };
    }

    private static Optional<EmbeddedBrokers> external(EventportConfig config, String key, String what, String settings) {
        return config.get(key).map(address -> new EmbeddedBrokers(Map.of(), "external " + what + " at " + address + " ("
                + config.sourceOf(key) + "), with " + settings, () -> { }));
    }

    private static <B> B embedded(Supplier<B> start, String key, String example, String artifact) {
        try {
            return start.get();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("No " + key + " is configured and the embedded broker is not on the classpath: "
                    + "set " + key + "=" + example + " (or EVENTPORT_" + key.substring("eventport.".length())
                    .replace('.', '_').toUpperCase(Locale.ROOT) + "), or add " + artifact + " to the classpath", e);
        }
    }

    /** The keys that point the backend at the broker (empty when the configuration already does). */
    public Map<String, String> overrides() {
        return overrides;
    }

    /** Which broker is used, and how it stores messages. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            broker.close();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the embedded broker (" + description + ")", e);
        }
    }
}

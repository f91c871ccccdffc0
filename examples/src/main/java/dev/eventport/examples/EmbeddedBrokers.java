package dev.eventport.examples;

import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import java.util.Map;

/**
 * The broker a backend needs, for the demo and the comparison: with a broker address configured
 * ({@value #JMS_URL}, {@value #KAFKA_SERVERS}) the external broker is used as it is; without one an embedded broker is
 * started in this JVM (Artemis for {@code jms}) and stopped by {@link #close()}. Backends that need no broker get
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
        switch (backend) {
            case "jms" -> {
                if (config.get(JMS_URL).isPresent()) {
                    return new EmbeddedBrokers(Map.of(), "external JMS broker at " + config.get(JMS_URL).get()
                            + " (" + config.sourceOf(JMS_URL) + "), with that broker's own persistence settings", () -> { });
                }
                EmbeddedArtemis artemis;
                try {
                    artemis = EmbeddedArtemis.start();
                } catch (NoClassDefFoundError e) {
                    throw new IllegalStateException("No " + JMS_URL + " is configured and the embedded Artemis broker is "
                            + "not on the classpath: set " + JMS_URL + "=tcp://host:61616 (or EVENTPORT_JMS_URL), or add "
                            + "org.apache.activemq:artemis-jakarta-server to the classpath", e);
                }
                return new EmbeddedBrokers(Map.of(JMS_URL, artemis.url()), "embedded ActiveMQ Artemis at " + artemis.url()
                        + ": persistent messages, NIO journal synced to disk (fsync) with a 50 µs buffer timeout", artemis);
            }
            default -> {
                return new EmbeddedBrokers(Map.of(), "no broker: " + backend + " runs in this process", () -> { });
            }
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

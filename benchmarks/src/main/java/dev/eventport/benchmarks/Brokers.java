package dev.eventport.benchmarks;

import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.kafka.EmbeddedKafka;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embedded brokers of one benchmark run, started the first time a part needs them and closed (data deleted)
 * at the end.
 */
final class Brokers implements AutoCloseable {

    private EmbeddedArtemis artemis;
    private EmbeddedKafka kafka;

    /** The Kafka broker, started on first use. */
    synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
        }
        return kafka;
    }

    /** The Artemis broker, started on first use. */
    synchronized EmbeddedArtemis artemis() {
        if (artemis == null) {
            artemis = EmbeddedArtemis.start();
        }
        return artemis;
    }

    /**
     * The configuration keys of each backend that {@code checkout.backends} names, starting the brokers it needs;
     * a broker that fails to start throws.
     */
    synchronized Map<String, Map<String, String>> backendKeys(Settings settings) {
        Map<String, Map<String, String>> keys = new LinkedHashMap<>();
        for (String backend : settings.list("checkout.backends")) {
            switch (backend) {
                case "jms" -> keys.put(backend, Map.of("eventport.jms.url", artemis().url()));
                case "kafka" -> keys.put(backend, Map.of("eventport.kafka.bootstrap.servers", kafka().bootstrapServers()));
                default -> keys.put(backend, Map.of());
            }
        }
        return keys;
    }

    @Override
    public synchronized void close() {
        if (artemis != null) {
            artemis.close();
            artemis = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }
}

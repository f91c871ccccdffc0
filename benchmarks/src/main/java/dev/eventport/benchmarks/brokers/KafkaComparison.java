package dev.eventport.benchmarks.brokers;

import dev.eventport.benchmarks.Report;
import dev.eventport.benchmarks.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The Kafka adapter against plain {@code KafkaProducer}/{@code KafkaConsumer} on the same embedded broker, with the
 * same settings: 1 KiB JSON events keyed by aggregate id, {@code acks=all}, idempotence, {@code linger.ms=5} for
 * throughput and {@code 0} for latency, one consumer thread, asynchronous commits after each poll.
 */
public final class KafkaComparison {

    static final double PUBLISH_TARGET = 0.95;
    static final double CONSUME_TARGET = 0.90;
    static final double LATENCY_P99_TARGET = 1.2;
    static final int THROUGHPUT_LINGER_MS = 5;

    private KafkaComparison() {
    }

    /** The eventport configuration of the Kafka backend for this cluster, producing with {@code linger.ms}. */
    public static Map<String, String> adapterConfig(String bootstrapServers, int lingerMs) {
        Map<String, String> config = new HashMap<>();
        config.put("eventport.backend", "kafka");
        config.put("eventport.kafka.bootstrap.servers", bootstrapServers);
        config.put("eventport.kafka.topics.create", "false");
        config.put("eventport.kafka.producer.linger.ms", String.valueOf(lingerMs));
        return config;
    }

    /**
     * Creates a topic with {@code partitions} partitions and its dead-letter topic ({@code <topic>.DLT}, which the
     * adapter expects), and waits until the broker confirmed them, so that no step times topic creation.
     */
    public static void createTopic(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1), new NewTopic(topic + ".DLT", partitions, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + topic + " on " + bootstrapServers, e);
        }
    }

    /** Runs the comparison on the cluster at {@code bootstrapServers} and adds its rows to {@code report}. */
    public static void run(String bootstrapServers, Settings settings, Report report) throws Exception {
        int partitions = Math.max(1, settings.integer("partitions"));
        ClientComparison comparison = new ClientComparison("Kafka", settings, report,
                topic -> createTopic(bootstrapServers, topic, partitions),
                new ClientComparison.Targets(PUBLISH_TARGET, CONSUME_TARGET, LATENCY_P99_TARGET));
        String settingsNote = "acks=all, idempotent, " + partitions + " partitions, 1 consumer thread";
        try (Side adapter = new AdapterSide(adapterConfig(bootstrapServers, THROUGHPUT_LINGER_MS));
             Side raw = new RawKafkaSide(bootstrapServers, THROUGHPUT_LINGER_MS)) {
            comparison.throughput(adapter, raw, "linger.ms=" + THROUGHPUT_LINGER_MS + ", " + settingsNote);
        }
        try (Side adapter = new AdapterSide(adapterConfig(bootstrapServers, 0)); Side raw = new RawKafkaSide(bootstrapServers, 0)) {
            comparison.latency(adapter, raw, "linger.ms=0, " + settingsNote);
        }
    }
}

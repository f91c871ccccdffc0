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
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.TopicPartition;

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
     * adapter expects), and waits until every partition's leader answers, so that no step times topic creation and
     * no producer meets a partition whose leader is not ready yet (on a loaded machine an idempotent producer may
     * then retry out-of-order batches until its delivery timeout).
     */
    public static void createTopic(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<String> names = List.of(topic, topic + ".DLT");
            admin.createTopics(names.stream().map(name -> new NewTopic(name, partitions, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
            awaitLeaders(admin, names, partitions);
            // the partition leaders answer ListOffsets only once they really lead: waits out the metadata lag
            Map<TopicPartition, OffsetSpec> partitionsOfBoth = new HashMap<>();
            for (String name : names) {
                for (int p = 0; p < partitions; p++) {
                    partitionsOfBoth.put(new TopicPartition(name, p), OffsetSpec.latest());
                }
            }
            admin.listOffsets(partitionsOfBoth).all().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + topic + " on " + bootstrapServers, e);
        }
    }

    /**
     * Waits until the broker's metadata knows every partition of the topics with a leader: right after creation a
     * loaded broker may still answer "unknown topic", which is retried here rather than failing the run.
     */
    private static void awaitLeaders(Admin admin, List<String> names, int partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                boolean led = described.values().stream().allMatch(d -> d.partitions().size() == partitions
                        && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (led) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("The partitions of " + names + " have no leader after 60 s");
            }
            Thread.sleep(100); // polling the broker's metadata, nothing to synchronise with
        }
    }

    /** Runs the comparison on the cluster at {@code bootstrapServers} and adds its rows to {@code report}. */
    public static void run(String bootstrapServers, Settings settings, Report report) throws Exception {
        int partitions = Math.max(1, settings.integer("partitions"));
        ClientComparison comparison = new ClientComparison("Kafka", settings, report,
                topic -> createTopic(bootstrapServers, topic, partitions),
                new ClientComparison.Targets(PUBLISH_TARGET, CONSUME_TARGET, LATENCY_P99_TARGET));
        String settingsNote = "acks=all, idempotent, " + partitions + " partitions, 1 consumer thread";
        try (AdapterSide adapter = new AdapterSide(adapterConfig(bootstrapServers, THROUGHPUT_LINGER_MS));
             Side raw = new RawKafkaSide(bootstrapServers, THROUGHPUT_LINGER_MS, false);
             Side rawWithHeaders = new RawKafkaSide(bootstrapServers, THROUGHPUT_LINGER_MS, true);
             Side adapterWithoutAttributes = adapter.withoutAttributes()) {
            comparison.throughput(adapter, raw, rawWithHeaders, adapterWithoutAttributes, "linger.ms="
                    + THROUGHPUT_LINGER_MS + ", " + settingsNote, "key and JSON body only, as the plain producer sends");
        }
        try (Side adapter = new AdapterSide(adapterConfig(bootstrapServers, 0));
             Side raw = new RawKafkaSide(bootstrapServers, 0, false)) {
            comparison.latency(adapter, raw, "linger.ms=0, " + settingsNote);
        }
    }
}

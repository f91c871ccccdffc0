package dev.eventport.benchmarks.scaling;

import dev.eventport.benchmarks.BenchEvents;
import dev.eventport.benchmarks.Report;
import dev.eventport.benchmarks.Row;
import dev.eventport.benchmarks.Settings;
import dev.eventport.benchmarks.brokers.KafkaComparison;
import dev.eventport.benchmarks.brokers.Sides;
import dev.eventport.domain.OrderCreated;
import java.time.Duration;

/**
 * Kafka consume throughput with 1, 2, 4, 8 partitions and as many consumer threads: the Kafka adapter
 * ({@code SubscriptionRequest.withConsumers(n)}) against as many raw {@code KafkaConsumer} threads in one group,
 * both reading the same pre-filled topic.
 */
public final class KafkaScaling {

    private KafkaScaling() {
    }

    /** Measures each partition count of {@code scaling.partitions} and adds a row per count. */
    public static void run(String bootstrapServers, Settings settings, Report report) throws Exception {
        int events = Math.max(1, settings.integer("scaling.events"));
        OrderCreated[] pool = BenchEvents.orders(Math.min(4096, events), settings.integer("event.bytes"));
        Duration timeout = Duration.ofSeconds(Math.max(120, events / 500));
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        try (Sides.Pair sides = Sides.kafka(bootstrapServers)) {
            for (int partitions : settings.integers("scaling.partitions")) {
                String topic = "bench-" + run + "-scale-" + partitions;
                KafkaComparison.createTopic(bootstrapServers, topic, partitions);
                sides.adapter().publish(topic, pool, events, timeout);
                double raw = events * 1e9 / sides.raw().consume(topic, events, partitions, timeout);
                double adapter = events * 1e9 / sides.adapter().consume(topic, events, partitions, timeout);
                report.add(Row.info("Kafka scaling", partitions + " partition(s), " + partitions + " consumer thread(s): consume "
                        + events + " events", adapter, raw, "events/s", "baseline: as many raw KafkaConsumer threads in one group; "
                        + "both read the same topic"));
            }
        }
    }
}

package dev.eventport.benchmarks.scaling;

import dev.eventport.benchmarks.BenchEvents;
import dev.eventport.benchmarks.Report;
import dev.eventport.benchmarks.Row;
import dev.eventport.benchmarks.Settings;
import dev.eventport.benchmarks.brokers.KafkaComparison;
import dev.eventport.benchmarks.brokers.Rounds;
import dev.eventport.benchmarks.brokers.Side;
import dev.eventport.benchmarks.brokers.Sides;
import java.time.Duration;
import java.util.List;

/**
 * Kafka consume throughput with 1, 2, 4, 8 partitions and as many consumer threads: the Kafka adapter
 * ({@code SubscriptionRequest.withConsumers(n)}) against as many raw {@code KafkaConsumer} threads in one group,
 * both reading the same topic, filled once by eventport, in {@link Rounds} (each read in a consumer group of its own).
 */
public final class KafkaScaling {

    private static final String SECTION = "Kafka scaling";
    private static final String CONSUME = "consume";

    private KafkaScaling() {
    }

    /** Measures each partition count of {@code scaling.partitions} and adds a row per count. */
    public static void run(String bootstrapServers, Settings settings, Report report) throws Exception {
        int events = Math.max(1, settings.integer("scaling.events"));
        int warmupEvents = Math.min(events, settings.integer("warmup.events"));
        Duration timeout = Duration.ofSeconds(Math.max(120, events / 500));
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        try (Sides.Pair pair = Sides.kafka(bootstrapServers)) {
            List<Side> sides = List.of(pair.raw(), pair.adapter());
            for (int partitions : settings.integers("scaling.partitions")) {
                String topic = "bench-" + run + "-scale-" + partitions;
                KafkaComparison.createTopic(bootstrapServers, topic, partitions);
                pair.adapter().publish(topic, BenchEvents.pool(events, settings.integer("event.bytes")), events, timeout);
                Rounds rounds = new Rounds(SECTION + ", " + partitions + " partition(s),", report);
                if (warmupEvents > 0) {
                    rounds.warmUp(sides, side -> side.consume(topic, warmupEvents, partitions, timeout));
                }
                rounds.measure(sides, settings.integer("rounds"),
                        (side, round, steps) -> steps.rate(CONSUME, events, () -> side.consume(topic, events, partitions, timeout)));
                report.add(Row.info(SECTION, partitions + " partition(s), " + partitions + " consumer thread(s): consume "
                        + events + " events", rounds.median(CONSUME, pair.adapter()), rounds.median(CONSUME, pair.raw()),
                        "events/s", "baseline: as many raw KafkaConsumer threads in one group; both read the same topic, "
                        + "after an unrecorded warm-up read of " + warmupEvents + " events each"
                        + rounds.spread(CONSUME, pair.adapter(), pair.raw())));
            }
        }
    }
}

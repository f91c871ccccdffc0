package dev.eventport.benchmarks.brokers;

import dev.eventport.benchmarks.BenchEvents;
import dev.eventport.benchmarks.Report;
import dev.eventport.benchmarks.Row;
import dev.eventport.benchmarks.Settings;
import dev.eventport.domain.OrderCreated;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Runs eventport's adapter and the raw client of one broker through the same steps, in the same JVM, against the
 * same broker, in {@link Rounds}, and reports the medians as ratios.
 *
 * <p>Contract: each step of each side gets a destination of its own (created by {@code createDestination} first),
 * so neither side reads the other's data; each side consumes what it published itself.
 */
final class ClientComparison {

    /** The targets of one broker; {@code latencyP99} is NaN when there is none. */
    record Targets(double publish, double consume, double latencyP99) {
    }

    private static final String PUBLISH = "publish";
    private static final String CONSUME = "consume";
    private static final String METADATA_NOTE = "no target: the eventport column is the plain client sending eventport's "
            + "metadata (the same figures as in the rows above, no extra run); the ratio is what carrying that metadata "
            + "alone costs the client and the broker, so it is the best ratio any wrapper sending it can reach against "
            + "the plain client";

    private final String section;
    private final Settings settings;
    private final Report report;
    private final Consumer<String> createDestination;
    private final Targets targets;
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);

    ClientComparison(String section, Settings settings, Report report, Consumer<String> createDestination, Targets targets) {
        this.section = section;
        this.settings = settings;
        this.report = report;
        this.createDestination = createDestination;
        this.targets = targets;
    }

    private String destination(String step, Side side, int round) {
        String name = "bench-" + run + "-" + step + "-" + tag(side) + "-" + round;
        createDestination.accept(name);
        return name;
    }

    /** The side's name as letters only, for destination names (distinct because the names are). */
    private static String tag(Side side) {
        return side.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "");
    }

    /**
     * Publish and consume throughput, measured in {@link Rounds} ({@code rounds} rounds per side after one unrecorded
     * warm-up of {@code warmup.events} per side). {@code rawWithMetadata} is the raw client sending the same metadata
     * as eventport's wire format: the ratio against it is the wrapper's own cost, the ratio against {@code raw} adds
     * what the metadata costs the client and the broker, and the ratio of {@code rawWithMetadata} to {@code raw} is
     * that cost alone. {@code adapterWithoutAttributes} is eventport configured to send no attributes
     * ({@code eventport.wire.attributes=none}), described by {@code withoutAttributesNote}: against {@code raw} it
     * compares what is left of the wrapper when it sends what the plain client sends.
     */
    void throughput(Side adapter, Side raw, Side rawWithMetadata, Side adapterWithoutAttributes, String note,
                    String withoutAttributesNote) throws Exception {
        int events = settings.integer("events");
        int warmupEvents = settings.integer("warmup.events");
        OrderCreated[] pool = BenchEvents.pool(events, settings.integer("event.bytes"));
        Duration timeout = Duration.ofSeconds(Math.max(120, events / 500));
        List<Side> sides = List.of(raw, adapter, rawWithMetadata, adapterWithoutAttributes);
        Rounds rounds = new Rounds(section, report);
        if (warmupEvents > 0) {
            rounds.warmUp(sides, side -> {
                String destination = destination("warm", side, 0);
                side.publish(destination, pool, warmupEvents, timeout);
                side.consume(destination, warmupEvents, 1, timeout);
            });
        }
        rounds.measure(sides, settings.integer("rounds"), (side, round, steps) -> {
            String destination = destination("tp", side, round);
            steps.rate(PUBLISH, events, () -> side.publish(destination, pool, events, timeout));
            steps.rate(CONSUME, events, () -> side.consume(destination, events, 1, timeout));
        });
        Map<String, String> names = Map.of(PUBLISH, "publish " + events + " events, confirmed",
                CONSUME, "consume, decode and dispatch " + events + " events (1 consumer)");
        Map<String, Double> targetOf = Map.of(PUBLISH, targets.publish(), CONSUME, targets.consume());
        for (Side baseline : List.of(raw, rawWithMetadata)) {
            String suffix = baseline == raw ? "" : ", baseline sending the same metadata";
            for (String figure : List.of(PUBLISH, CONSUME)) {
                report.add(Row.atLeast(section, names.get(figure) + suffix, rounds.median(figure, adapter),
                        rounds.median(figure, baseline), "events/s", targetOf.get(figure),
                        note + rounds.spread(figure, adapter, baseline)));
            }
        }
        for (String figure : List.of(PUBLISH, CONSUME)) {
            report.add(Row.atLeast(section, names.get(figure) + ", eventport without attributes",
                    rounds.median(figure, adapterWithoutAttributes), rounds.median(figure, raw), "events/s", targetOf.get(figure),
                    note + "; eventport.wire.attributes=none: " + withoutAttributesNote
                            + rounds.spread(figure, adapterWithoutAttributes, raw)));
        }
        for (String figure : List.of(PUBLISH, CONSUME)) {
            report.add(Row.info(section, names.get(figure) + ": plain client with eventport's metadata / plain client",
                    rounds.median(figure, rawWithMetadata), rounds.median(figure, raw), "events/s",
                    METADATA_NOTE + rounds.spread(figure, rawWithMetadata, raw)));
        }
    }

    /** End-to-end latency, one event at a time. */
    void latency(Side adapter, Side raw, String note) throws Exception {
        int samples = Math.max(1, settings.integer("latency.samples"));
        int warmups = Math.max(10, samples / 5);
        OrderCreated[] pool = BenchEvents.pool(samples + warmups, settings.integer("event.bytes"));
        Duration timeout = Duration.ofSeconds(30);
        Histogram rawLatency = raw.latency(destination("lat", raw, 0), pool, warmups, samples, timeout);
        Histogram adapterLatency = adapter.latency(destination("lat", adapter, 0), pool, warmups, samples, timeout);
        double rawP50 = rawLatency.getValueAtPercentile(50) / 1000.0;
        double rawP99 = rawLatency.getValueAtPercentile(99) / 1000.0;
        double p50 = adapterLatency.getValueAtPercentile(50) / 1000.0;
        double p99 = adapterLatency.getValueAtPercentile(99) / 1000.0;
        String what = "end-to-end latency, one at a time (" + samples + " samples)";
        report.add(Row.info(section, what + ": p50", p50, rawP50, "ms", note));
        if (Double.isNaN(targets.latencyP99())) {
            report.add(Row.info(section, what + ": p99", p99, rawP99, "ms", note));
        } else {
            report.add(Row.atMost(section, what + ": p99", p99, rawP99, "ms", targets.latencyP99(), note));
        }
    }
}

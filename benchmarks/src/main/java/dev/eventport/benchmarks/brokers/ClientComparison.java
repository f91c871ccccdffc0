package dev.eventport.benchmarks.brokers;

import dev.eventport.benchmarks.BenchEvents;
import dev.eventport.benchmarks.Report;
import dev.eventport.benchmarks.Row;
import dev.eventport.benchmarks.Settings;
import dev.eventport.domain.OrderCreated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Runs eventport's adapter and the raw client of one broker through the same steps, in the same JVM, against the
 * same broker, alternating which side goes first in each round, and reports the medians as ratios.
 *
 * <p>Contract: each step of each side gets a destination of its own (created by {@code createDestination} first),
 * so neither side reads the other's data; each side consumes what it published itself.
 */
final class ClientComparison {

    /** The targets of one broker; {@code latencyP99} is NaN when there is none. */
    record Targets(double publish, double consume, double latencyP99) {
    }

    private static final int DISTINCT_EVENTS = 4096;

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
     * Publish and consume throughput, {@code rounds} times per side after one unrecorded warm-up round per side of
     * {@code warmup.events} (JIT compilation, broker log segments, connection set-up), with a garbage collection
     * before every step so that no step pays for the previous one's garbage. The sides take turns going first.
     * {@code rawWithMetadata} is the raw client sending the same metadata as eventport's wire format: the ratio
     * against it is the wrapper's own cost, the ratio against {@code raw} adds what the metadata costs the broker.
     */
    void throughput(Side adapter, Side raw, Side rawWithMetadata, String note) throws Exception {
        int events = settings.integer("events");
        int warmupEvents = settings.integer("warmup.events");
        OrderCreated[] pool = BenchEvents.orders(Math.min(DISTINCT_EVENTS, events), settings.integer("event.bytes"));
        Duration timeout = Duration.ofSeconds(Math.max(120, events / 500));
        List<Side> sides = List.of(raw, adapter, rawWithMetadata);
        if (warmupEvents > 0) {
            for (Side side : sides) {
                String destination = destination("warm", side, 0);
                side.publish(destination, pool, warmupEvents, timeout);
                side.consume(destination, warmupEvents, 1, timeout);
            }
        }
        Map<Side, List<Double>> published = new HashMap<>();
        Map<Side, List<Double>> consumed = new HashMap<>();
        int rounds = Math.max(1, settings.integer("rounds"));
        for (int round = 0; round < rounds; round++) {
            for (int turn = 0; turn < sides.size(); turn++) {
                Side side = sides.get((round + turn) % sides.size());
                String destination = destination("tp", side, round);
                System.gc();
                double publishRate = rate(events, side.publish(destination, pool, events, timeout));
                System.gc();
                double consumeRate = rate(events, side.consume(destination, events, 1, timeout));
                published.computeIfAbsent(side, s -> new ArrayList<>()).add(publishRate);
                consumed.computeIfAbsent(side, s -> new ArrayList<>()).add(consumeRate);
                report.progress(String.format(Locale.ROOT, "  %s %s round %d: publish %.0f/s, consume %.0f/s", section,
                        side.name(), round + 1, publishRate, consumeRate));
            }
        }
        String publish = "publish " + events + " events, confirmed";
        String consume = "consume, decode and dispatch " + events + " events (1 consumer)";
        report.add(Row.atLeast(section, publish, median(published.get(adapter)), median(published.get(raw)), "events/s",
                targets.publish(), note + spread(published.get(adapter), published.get(raw))));
        report.add(Row.atLeast(section, consume, median(consumed.get(adapter)), median(consumed.get(raw)), "events/s",
                targets.consume(), note + spread(consumed.get(adapter), consumed.get(raw))));
        String sameMetadata = ", baseline sending the same metadata";
        report.add(Row.atLeast(section, publish + sameMetadata, median(published.get(adapter)),
                median(published.get(rawWithMetadata)), "events/s", targets.publish(),
                note + spread(published.get(adapter), published.get(rawWithMetadata))));
        report.add(Row.atLeast(section, consume + sameMetadata, median(consumed.get(adapter)),
                median(consumed.get(rawWithMetadata)), "events/s", targets.consume(),
                note + spread(consumed.get(adapter), consumed.get(rawWithMetadata))));
    }

    /** The rounds behind a median, so that a reader sees how much the figures moved. */
    private static String spread(List<Double> adapter, List<Double> raw) {
        return String.format(Locale.ROOT, "; median of %d rounds, eventport %.0f-%.0f, baseline %.0f-%.0f", adapter.size(),
                adapter.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                adapter.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                raw.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                raw.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    /** End-to-end latency, one event at a time. */
    void latency(Side adapter, Side raw, String note) throws Exception {
        int samples = Math.max(1, settings.integer("latency.samples"));
        int warmups = Math.max(10, samples / 5);
        OrderCreated[] pool = BenchEvents.orders(Math.min(DISTINCT_EVENTS, samples + warmups), settings.integer("event.bytes"));
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

    private static double rate(int events, long nanos) {
        return events * 1e9 / nanos;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

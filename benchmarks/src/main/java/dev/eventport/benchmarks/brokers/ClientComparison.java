package dev.eventport.benchmarks.brokers;

import dev.eventport.benchmarks.BenchEvents;
import dev.eventport.benchmarks.Report;
import dev.eventport.benchmarks.Row;
import dev.eventport.benchmarks.Settings;
import dev.eventport.domain.OrderCreated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        String name = "bench-" + run + "-" + step + "-" + (side.name().equals("eventport") ? "ep" : "raw") + "-" + round;
        createDestination.accept(name);
        return name;
    }

    /** Publish and consume throughput, {@code rounds} times per side. */
    void throughput(Side adapter, Side raw, String note) throws Exception {
        int events = settings.integer("events");
        OrderCreated[] pool = BenchEvents.orders(Math.min(DISTINCT_EVENTS, events), settings.integer("event.bytes"));
        Duration timeout = Duration.ofSeconds(Math.max(120, events / 500));
        List<Double> publishAdapter = new ArrayList<>();
        List<Double> publishRaw = new ArrayList<>();
        List<Double> consumeAdapter = new ArrayList<>();
        List<Double> consumeRaw = new ArrayList<>();
        int rounds = Math.max(1, settings.integer("rounds"));
        for (int round = 0; round < rounds; round++) {
            Side[] order = round % 2 == 0 ? new Side[] {raw, adapter} : new Side[] {adapter, raw};
            for (Side side : order) {
                String destination = destination("tp", side, round);
                double published = rate(events, side.publish(destination, pool, events, timeout));
                double consumed = rate(events, side.consume(destination, events, 1, timeout));
                (side == adapter ? publishAdapter : publishRaw).add(published);
                (side == adapter ? consumeAdapter : consumeRaw).add(consumed);
                report.progress(String.format(Locale.ROOT, "  %s %s round %d: publish %.0f/s, consume %.0f/s", section,
                        side.name(), round + 1, published, consumed));
            }
        }
        report.add(Row.atLeast(section, "publish " + events + " events, confirmed", median(publishAdapter), median(publishRaw),
                "events/s", targets.publish(), note));
        report.add(Row.atLeast(section, "consume, decode and dispatch " + events + " events (1 consumer)", median(consumeAdapter),
                median(consumeRaw), "events/s", targets.consume(), note));
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

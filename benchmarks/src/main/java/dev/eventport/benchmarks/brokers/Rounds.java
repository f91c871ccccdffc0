package dev.eventport.benchmarks.brokers;

import dev.eventport.benchmarks.Report;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Throughput of several sides measured the same way for every broker figure of the harness: one unrecorded warm-up
 * per side (JIT compilation, broker files, connections), then {@code rounds} rounds in which the sides take turns
 * going first, with a garbage collection before every timed step so that no step pays for the previous one's
 * garbage; each side's median is compared, and the note gives each side's range.
 *
 * <p>Contract: not thread safe; one instance per comparison; every side records each of its figures once per round.
 */
public final class Rounds {

    /** What one side does unrecorded before the rounds. */
    @FunctionalInterface
    public interface WarmUp {
        /** Runs {@code side}'s warm-up. */
        void run(Side side) throws Exception;
    }

    /** What one side does in one round: its timed steps, each through {@link Steps#rate}. */
    @FunctionalInterface
    public interface Round {
        /** Runs {@code side}'s steps of round {@code round} (from 0). */
        void run(Side side, int round, Steps steps) throws Exception;
    }

    /** A step that returns how long it took, in nanoseconds (as {@link Side}'s steps do). */
    @FunctionalInterface
    public interface TimedStep {
        /** Runs the step; its time in nanoseconds. */
        long run() throws Exception;
    }

    /** The recorder of one side's round. */
    public final class Steps {
        private final Side side;
        private final Map<String, Double> figures = new LinkedHashMap<>();

        private Steps(Side side) {
            this.side = side;
        }

        /**
         * Collects garbage, runs {@code step} and records {@code events} per second of its time as this side's
         * {@code figure} in this round; returns that rate.
         */
        public double rate(String figure, int events, TimedStep step) throws Exception {
            System.gc();
            double rate = events * 1e9 / step.run();
            figures.put(figure, rate);
            rates.computeIfAbsent(figure, f -> new HashMap<>()).computeIfAbsent(side, s -> new ArrayList<>()).add(rate);
            return rate;
        }
    }

    private final String label;
    private final Report report;
    private final Map<String, Map<Side, List<Double>>> rates = new HashMap<>();
    private int roundsRun;

    /** Rounds whose progress lines start with {@code label} (e.g. "Kafka"), printed to {@code report}. */
    public Rounds(String label, Report report) {
        this.label = label;
        this.report = report;
    }

    /** Runs {@code warmUp} once for each side, in order, recording nothing. */
    public void warmUp(List<Side> sides, WarmUp warmUp) throws Exception {
        for (Side side : sides) {
            warmUp.run(side);
        }
    }

    /**
     * Runs {@code rounds} rounds (at least one): in round {@code r} the side at index {@code (r + turn) % sides} goes
     * {@code turn}-th, so each side goes first in turn; prints one progress line per side and round.
     */
    public void measure(List<Side> sides, int rounds, Round round) throws Exception {
        roundsRun = Math.max(1, rounds);
        for (int r = 0; r < roundsRun; r++) {
            for (int turn = 0; turn < sides.size(); turn++) {
                Side side = sides.get((r + turn) % sides.size());
                Steps steps = new Steps(side);
                round.run(side, r, steps);
                StringJoiner line = new StringJoiner(", ", String.format(Locale.ROOT, "  %s %s round %d: ", label,
                        side.name(), r + 1), "");
                steps.figures.forEach((figure, rate) -> line.add(String.format(Locale.ROOT, "%s %.0f/s", figure, rate)));
                report.progress(line.toString());
            }
        }
    }

    /** The median of {@code side}'s {@code figure} over the rounds. */
    public double median(String figure, Side side) {
        List<Double> sorted = recorded(figure, side).stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "; median of N rounds, name a-b, name c-d": how much the figures behind two medians moved. */
    public String spread(String figure, Side measured, Side baseline) {
        return String.format(Locale.ROOT, "; median of %d rounds, %s, %s", roundsRun, range(figure, measured), range(figure, baseline));
    }

    private String range(String figure, Side side) {
        List<Double> values = recorded(figure, side);
        return String.format(Locale.ROOT, "%s %.0f-%.0f", side.name(), values.stream().mapToDouble(Double::doubleValue).min()
                .orElseThrow(), values.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }

    private List<Double> recorded(String figure, Side side) {
        List<Double> values = rates.getOrDefault(figure, Map.of()).get(side);
        if (values == null || values.isEmpty()) {
            throw new IllegalStateException("No '" + figure + "' figure was recorded for " + side.name());
        }
        return values;
    }
}

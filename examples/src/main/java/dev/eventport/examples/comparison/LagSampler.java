package dev.eventport.examples.comparison;

import dev.eventport.examples.comparison.Results.LagSeries;
import dev.eventport.examples.comparison.Results.LagTimeline;
import dev.eventport.ports.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples {@link Subscription#lag()} of a set of subscriptions every 50 ms (the call never blocks), keeps the
 * largest total seen and the lag of each subscription over time, for the report's lag chart.
 */
final class LagSampler implements AutoCloseable {

    /** The most points a timeline keeps; longer runs are merged into buckets that keep each bucket's peak. */
    static final int MAX_POINTS = 240;

    private static final long PERIOD_MILLIS = 50;

    private final List<Subscription> subscriptions;
    private final long startNanos = System.nanoTime();
    private final List<Double> seconds = new ArrayList<>();
    private final List<long[]> samples = new ArrayList<>();
    private long max = -1;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "eventport-lag-sampler");
        t.setDaemon(true);
        return t;
    });

    LagSampler(List<Subscription> subscriptions) {
        this.subscriptions = List.copyOf(subscriptions);
        timer.scheduleAtFixedRate(this::sample, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        long[] sample = new long[subscriptions.size()];
        for (int i = 0; i < sample.length; i++) {
            try {
                sample[i] = subscriptions.get(i).lag().total();
                max = Math.max(max, sample[i]);
            } catch (RuntimeException e) {
                sample[i] = -1; // this backend cannot report lag for this subscription now: not measurable
            }
        }
        seconds.add((System.nanoTime() - startNanos) / 1e9);
        samples.add(sample);
    }

    /** The largest backlog seen on any subscription, or -1 if no subscription reported its lag. */
    synchronized long maxBacklog() {
        sample();
        return max;
    }

    /** The lag of each subscription (by name) over time, at most {@link #MAX_POINTS} points, peaks kept. */
    synchronized LagTimeline timeline() {
        return peaks(seconds, samples, subscriptions.stream().map(Subscription::name).toList(), MAX_POINTS);
    }

    /**
     * Merges consecutive samples into at most {@code maxPoints} buckets: each bucket keeps its last time and, per
     * subscription, its largest value (so a short peak stays visible).
     */
    static LagTimeline peaks(List<Double> seconds, List<long[]> samples, List<String> names, int maxPoints) {
        int perBucket = Math.max(1, (samples.size() + maxPoints - 1) / maxPoints);
        int buckets = (samples.size() + perBucket - 1) / perBucket;
        double[] at = new double[buckets];
        for (int b = 0; b < buckets; b++) {
            at[b] = seconds.get(Math.min(samples.size(), (b + 1) * perBucket) - 1);
        }
        List<LagSeries> series = new ArrayList<>();
        for (int s = 0; s < names.size(); s++) {
            long[] lag = new long[buckets];
            for (int b = 0; b < buckets; b++) {
                long peak = -1;
                for (int i = b * perBucket; i < Math.min(samples.size(), (b + 1) * perBucket); i++) {
                    peak = Math.max(peak, samples.get(i)[s]);
                }
                lag[b] = peak;
            }
            series.add(new LagSeries(names.get(s), lag));
        }
        return new LagTimeline(at, series);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

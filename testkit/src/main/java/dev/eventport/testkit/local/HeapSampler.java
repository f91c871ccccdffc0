package dev.eventport.testkit.local;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the heap in use right after a full garbage collection, at a fixed interval, so that a soak test can show
 * that its heap stays flat.
 *
 * <p>Contract: {@link #every(Duration)} takes a first sample at once and then one per interval on a daemon thread
 * until {@link #close()}; each sample is the used heap right after {@link System#gc()} (live data, not garbage).
 * {@link #growthBytes()} compares the mean of the last third of the samples with the mean of the first third, both
 * taken after a warm-up of the first fifth of the samples (caches, pools and compiled code settle there); it needs at
 * least five samples. {@link #assertFlat(long)} fails with an {@link AssertionError} listing every sample when the
 * growth exceeds the tolerance. Thread safe.
 */
public final class HeapSampler implements AutoCloseable {

    private static final int MINIMUM_SAMPLES = 5;

    /** One sample: when it was taken (since the sampler started) and the used heap after a full GC. */
    public record Sample(Duration elapsed, long usedBytes) {
        @Override
        public String toString() {
            return String.format("%6.1f s %7.1f MB", elapsed.toMillis() / 1000.0, usedBytes / (1024.0 * 1024.0));
        }
    }

    private final long startNanos = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "eventport-heap-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private HeapSampler() {
    }

    /** Starts sampling: one sample now, then one every {@code interval}. */
    public static HeapSampler every(Duration interval) {
        HeapSampler sampler = new HeapSampler();
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    /** Takes a sample now (in the caller's thread) and returns it. */
    public Sample sample() {
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Sample sample = new Sample(Duration.ofNanos(System.nanoTime() - startNanos), used);
        synchronized (samples) {
            samples.add(sample);
        }
        return sample;
    }

    /** The samples taken so far, oldest first. */
    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The largest used heap after GC seen so far. */
    public long maxUsedBytes() {
        return samples().stream().mapToLong(Sample::usedBytes).max().orElse(0);
    }

    /** Mean of the last third minus mean of the first third of the samples after warm-up (see the class contract). */
    public long growthBytes() {
        List<Sample> all = samples();
        if (all.size() < MINIMUM_SAMPLES) {
            throw new IllegalStateException("Only " + all.size() + " heap samples; at least " + MINIMUM_SAMPLES
                    + " are needed to tell a trend: run longer or sample more often");
        }
        List<Sample> settled = all.subList(all.size() / 5, all.size());
        int third = Math.max(1, settled.size() / 3);
        return mean(settled.subList(settled.size() - third, settled.size())) - mean(settled.subList(0, third));
    }

    /** Fails when {@link #growthBytes()} exceeds {@code toleranceBytes}, listing the samples. */
    public void assertFlat(long toleranceBytes) {
        long growth = growthBytes();
        if (growth > toleranceBytes) {
            throw new AssertionError(String.format("The heap after GC grew by %.1f MB (tolerance %.1f MB):%n%s",
                    growth / (1024.0 * 1024.0), toleranceBytes / (1024.0 * 1024.0), table()));
        }
    }

    /** Every sample, one per line. */
    public String table() {
        StringBuilder table = new StringBuilder();
        samples().forEach(sample -> table.append(sample).append(System.lineSeparator()));
        return table.toString();
    }

    private static long mean(List<Sample> samples) {
        return (long) samples.stream().mapToLong(Sample::usedBytes).average().orElse(0);
    }

    /** Stops sampling; the samples stay readable. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

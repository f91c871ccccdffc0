package dev.eventport.examples.comparison;

import java.util.Arrays;

/**
 * Percentiles of a set of measured durations, in milliseconds.
 *
 * @param count number of samples
 * @param p50   median
 * @param p99   99th percentile (nearest rank)
 * @param max   largest sample
 * @param mean  arithmetic mean
 */
record LatencyStats(int count, double p50, double p99, double max, double mean) {

    static final LatencyStats NONE = new LatencyStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The statistics of the given samples in nanoseconds (the array is not modified). */
    static LatencyStats ofNanos(long[] samples) {
        if (samples.length == 0) {
            return NONE;
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long s : sorted) {
            sum += s;
        }
        return new LatencyStats(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
                millis(sorted[sorted.length - 1]), sum / sorted.length / 1e6);
    }

    private static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}

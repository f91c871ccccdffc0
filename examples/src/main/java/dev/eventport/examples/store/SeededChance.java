package dev.eventport.examples.store;

/**
 * Reproducible coin flips: a number in [0, 1) decided by a key (an order id), a seed and a salt (an attempt number),
 * so that the same seed makes the same decisions run after run.
 */
public final class SeededChance {

    private SeededChance() {
    }

    /** A number in [0, 1), the same for the same key, seed and salt, and unrelated for different ones. */
    public static double of(String key, long seed, long salt) {
        long h = mix(mix(key.hashCode() ^ mix(seed)) + salt * 0x9E3779B97F4A7C15L);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** The SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

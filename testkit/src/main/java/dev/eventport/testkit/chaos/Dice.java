package dev.eventport.testkit.chaos;

import java.nio.charset.StandardCharsets;

/** Deterministic random numbers: a pure function of the seed and the coordinates of a fault point. */
final class Dice {

    private final long seed;

    Dice(long seed) {
        this.seed = seed;
    }

    /** A number uniform in [0, 1) for the point (place, event, occurrence); the same coordinates give the same number. */
    double roll(String place, String eventId, int occurrence) {
        return (bits(place, eventId, occurrence) >>> 11) * 0x1.0p-53;
    }

    /** 64 well-mixed bits for the point, independent of {@link #roll} for a different {@code salt}. */
    long bits(String place, String eventId, int occurrence) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        h = mix(h ^ hash(place));
        h = mix(h ^ hash(eventId));
        return mix(h ^ occurrence);
    }

    private static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** The finaliser of SplitMix64. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

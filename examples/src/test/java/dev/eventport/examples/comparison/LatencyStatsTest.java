package dev.eventport.examples.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (100 - i) * 1_000_000L;
        }

        LatencyStats stats = LatencyStats.ofNanos(nanos);

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.p50()).isEqualTo(50.0);
        assertThat(stats.p99()).isEqualTo(99.0);
        assertThat(stats.max()).isEqualTo(100.0);
        assertThat(stats.mean()).isEqualTo(50.5);
    }

    @Test
    void noSamplesGiveNoFigures() {
        assertThat(LatencyStats.ofNanos(new long[0]).p99()).isNaN();
    }
}

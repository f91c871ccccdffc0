package dev.eventport.testkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeapSamplerTest {

    private static final long MB = 1024 * 1024;

    @Test
    void takesAFirstSampleAtOnceAndMoreOnDemand() {
        try (HeapSampler sampler = HeapSampler.every(Duration.ofHours(1))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.samples().size() == 1);
            sampler.sample();

            assertThat(sampler.samples()).hasSize(2).allSatisfy(sample -> assertThat(sample.usedBytes()).isPositive());
            assertThat(sampler.maxUsedBytes()).isPositive();
        }
    }

    @Test
    void aRetainedAllocationIsGrowthAndFailsTheFlatAssertion() {
        try (HeapSampler sampler = HeapSampler.every(Duration.ofHours(1))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.samples().size() == 1);
            for (int i = 0; i < 5; i++) {
                sampler.sample();
            }
            byte[][] retained = new byte[64][];
            for (int i = 0; i < retained.length; i++) {
                retained[i] = new byte[(int) MB];
            }
            for (int i = 0; i < 4; i++) {
                sampler.sample();
            }

            assertThat(sampler.growthBytes()).isGreaterThan(48 * MB);
            assertThatThrownBy(() -> sampler.assertFlat(16 * MB)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("The heap after GC grew by").hasMessageContaining(" MB");
            assertThat(retained[63]).hasSize((int) MB);
        }
    }

    @Test
    void aSteadyHeapIsFlat() {
        try (HeapSampler sampler = HeapSampler.every(Duration.ofHours(1))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> sampler.samples().size() == 1);
            for (int i = 0; i < 9; i++) {
                sampler.sample();
            }

            sampler.assertFlat(8 * MB);
        }
    }

    @Test
    void tooFewSamplesTellNoTrend() {
        try (HeapSampler sampler = HeapSampler.every(Duration.ofHours(1))) {
            assertThatThrownBy(sampler::growthBytes).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("at least 5 are needed");
        }
    }
}

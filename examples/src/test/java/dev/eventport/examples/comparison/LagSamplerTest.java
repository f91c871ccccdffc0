package dev.eventport.examples.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.examples.comparison.Results.LagTimeline;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagSamplerTest {

    @Test
    void aShortRunKeepsEverySample() {
        LagTimeline timeline = LagSampler.peaks(List.of(0.0, 0.05, 0.1), List.of(new long[] {0, 1}, new long[] {2, 1},
                new long[] {0, -1}), List.of("email", "shipping"), 240);

        assertThat(timeline.seconds()).containsExactly(0.0, 0.05, 0.1);
        assertThat(timeline.consumers().get(0).consumer()).isEqualTo("email");
        assertThat(timeline.consumers().get(0).lag()).containsExactly(0, 2, 0);
        assertThat(timeline.consumers().get(1).lag()).containsExactly(1, 1, -1);
    }

    @Test
    void aLongRunIsMergedIntoBucketsThatKeepTheirPeak() {
        List<Double> seconds = new ArrayList<>();
        List<long[]> samples = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            seconds.add(i * 0.05);
            samples.add(new long[] {i == 777 ? 500 : 1});
        }

        LagTimeline timeline = LagSampler.peaks(seconds, samples, List.of("fraud-review"), 240);

        assertThat(timeline.seconds().length).isLessThanOrEqualTo(240).isEqualTo(timeline.consumers().get(0).lag().length);
        assertThat(timeline.seconds()[timeline.seconds().length - 1]).isEqualTo(999 * 0.05);
        assertThat(timeline.consumers().get(0).peak()).as("a one-sample peak survives").isEqualTo(500);
        assertThat(timeline.consumers().get(0).lag()).containsOnly(1, 500);
    }

    @Test
    void noSampleGivesAnEmptyTimeline() {
        LagTimeline timeline = LagSampler.peaks(List.of(), List.of(), List.of("email"), 240);

        assertThat(timeline.seconds()).isEmpty();
        assertThat(timeline.consumers().get(0).lag()).isEmpty();
    }
}

package dev.eventport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void presetsChangeDefaultsAndExplicitKeysWin() {
        Settings settings = Settings.parse("preset=quick", "events=1234 jmh.time=250ms");

        assertThat(settings.integer("events")).isEqualTo(1234);
        assertThat(settings.integer("jmh.iterations")).isEqualTo(3);
        assertThat(settings.duration("jmh.time")).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.integers("scaling.partitions")).containsExactly(1, 2, 4, 8);
    }

    @Test
    void anUnknownKeyIsRejectedWithTheKnownKeys() {
        assertThatThrownBy(() -> Settings.parse("evnets=10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown benchmark setting 'evnets'").hasMessageContaining("events");
    }

    @Test
    void aMalformedValueNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> Settings.parse("scaling.partitions=1,two"))
                .hasMessageContaining("scaling.partitions=1,two").hasMessageContaining("positive whole numbers");
        assertThatThrownBy(() -> Settings.parse("parts=jmh,kafak")).hasMessageContaining("Unknown part 'kafak'");
    }
}

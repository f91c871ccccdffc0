package dev.eventport.codec.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("ce_time text")
class IsoInstantTest {

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "2026-03-01T10:15:30.123456789Z", "2026-03-01T10:15:30.120Z",
            "2026-03-01T10:15:30.000001Z", "2024-02-29T23:59:59.999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
            "-0001-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z"})
    @DisplayName("is the text of Instant.toString for edge cases, including years outside 0-9999")
    void edgeCases(String text) {
        Instant instant = Instant.parse(text);
        assertThat(IsoInstant.format(instant)).isEqualTo(instant.toString());
    }

    @Test
    @DisplayName("is the text of Instant.toString for 100,000 random instants of every precision")
    void random() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L, 253_402_300_800L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(IsoInstant.format(instant)).as("%s", instant).isEqualTo(instant.toString());
        }
    }
}

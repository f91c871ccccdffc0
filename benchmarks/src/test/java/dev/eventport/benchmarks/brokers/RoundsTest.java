package dev.eventport.benchmarks.brokers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.benchmarks.Report;
import dev.eventport.benchmarks.Settings;
import dev.eventport.domain.OrderCreated;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Rounds take turns, record one figure per side and round, and compare medians with each side's range. */
class RoundsTest {

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final Rounds rounds = new Rounds("Test", new Report(Settings.parse("preset=smoke"),
            new PrintStream(console, true, StandardCharsets.UTF_8)));
    private final Side a = new NamedSide("a");
    private final Side b = new NamedSide("b");
    private final Side c = new NamedSide("c");

    @Test
    void eachSideGoesFirstInTurnAndTheWarmUpRecordsNothing() throws Exception {
        List<String> order = new ArrayList<>();
        rounds.warmUp(List.of(a, b, c), side -> order.add("warm " + side.name()));
        rounds.measure(List.of(a, b, c), 3, (side, round, steps) -> order.add(round + " " + side.name()));

        assertThat(order).containsExactly("warm a", "warm b", "warm c", "0 a", "0 b", "0 c", "1 b", "1 c", "1 a",
                "2 c", "2 a", "2 b");
        assertThatThrownBy(() -> rounds.median("consume", a)).hasMessageContaining("No 'consume' figure was recorded for a");
    }

    @Test
    void mediansAndRangesOfTheRecordedRatesArePrintedAndCompared() throws Exception {
        long[][] nanos = {{1_000_000_000L, 500_000_000L, 250_000_000L}, {2_000_000_000L, 1_000_000_000L, 4_000_000_000L}};
        rounds.measure(List.of(a, b), 3, (side, round, steps) ->
                steps.rate("consume", 1000, () -> nanos[side == a ? 0 : 1][round]));

        assertThat(rounds.median("consume", a)).isEqualTo(2000.0);
        assertThat(rounds.median("consume", b)).isEqualTo(500.0);
        assertThat(rounds.spread("consume", a, b)).isEqualTo("; median of 3 rounds, a 1000-4000, b 250-1000");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("  Test a round 1: consume 1000/s",
                "  Test b round 3: consume 250/s");
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() throws Exception {
        rounds.measure(List.of(a), 2, (side, round, steps) -> steps.rate("publish", 100, () -> round == 0 ? 1_000_000_000L : 500_000_000L));

        assertThat(rounds.median("publish", a)).isEqualTo(150.0);
    }

    /** A side that only has a name: the rounds never call its steps themselves. */
    private record NamedSide(String name) implements Side {
        @Override
        public long publish(String destination, OrderCreated[] events, int count, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long consume(String destination, int count, int consumers, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Histogram latency(String destination, OrderCreated[] events, int warmups, int samples, Duration timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}

package dev.eventport.examples.comparison;

import dev.eventport.examples.comparison.Results.Backend;
import dev.eventport.examples.comparison.Results.LagSeries;
import dev.eventport.examples.comparison.Results.LagTimeline;
import dev.eventport.examples.comparison.Results.Ordering;
import dev.eventport.examples.comparison.Results.Point;
import dev.eventport.examples.comparison.Results.Replay;
import dev.eventport.examples.comparison.Results.Saturation;
import java.util.ArrayList;
import java.util.List;

/** Made-up figures shaped like a real run, for testing the verdict and the reports without running one. */
final class Fixtures {

    private Fixtures() {
    }

    static Point point(String scenario, int consumers, double p50, double p99, int succeeded, double e2e) {
        return new Point(scenario, consumers, 40, succeeded, new LatencyStats(40, p50, p99, p99 * 1.2, p50),
                new LatencyStats(succeeded, e2e / 2, e2e, e2e, e2e / 2), 5, 0, scenario.equals("down") ? 40 : 0, 2, 14,
                3.0, true, lag(consumers, scenario.equals("slow")));
    }

    /** Seven consumers over three seconds; with {@code slow}, the first one falls 30 events behind, then catches up. */
    static LagTimeline lag(int consumers, boolean slow) {
        double[] seconds = new double[13];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = i * 0.25;
        }
        List<LagSeries> series = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            long[] lag = new long[seconds.length];
            for (int i = 0; i < lag.length; i++) {
                lag[i] = slow && c == 0 ? Math.max(0, 30 - Math.abs(6 - i) * 6) : i % 3 == 1 ? 1 : 0;
            }
            series.add(new LagSeries("consumer-" + c, lag));
        }
        return new LagTimeline(seconds, series);
    }

    static Backend backend(String label, List<String> capabilities, double checkoutP99At7, int downSucceeded, int replayed) {
        String backend = label.startsWith("jms") ? "jms" : label;
        return new Backend(label, backend, "settings of " + label, capabilities,
                List.of(point("scale", 1, checkoutP99At7 / 7, checkoutP99At7 / 6, 40, 30),
                        point("scale", 7, checkoutP99At7 / 2, checkoutP99At7, 40, 120),
                        point("scale", 32, checkoutP99At7 * 2, checkoutP99At7 * 3, 40, 300)),
                point("slow", 7, checkoutP99At7, checkoutP99At7 * 1.5, 40, 500),
                point("down", 7, checkoutP99At7, checkoutP99At7, downSucceeded, 100),
                new Replay(40, replayed), new Ordering(50, 5, 2, 250, 0),
                new Saturation(3, 3000, 1000, 900, true, 20, 40), null);
    }

    /** direct, inmemory, jms-topic and kafka as a default run on a small machine might measure them. */
    static List<Backend> typicalRun() {
        return List.of(
                backend("direct", List.of("SYNCHRONOUS", "FAN_OUT", "ORDERED_PER_KEY"), 150, 0, 0),
                backend("inmemory", List.of("FAN_OUT", "ORDERED_PER_KEY", "REPLAY", "NEW_SUBSCRIPTION_SEES_HISTORY"), 3, 40, 40),
                backend("jms-topic", List.of("DURABLE", "FAN_OUT", "ORDERED_PER_KEY", "CROSS_PROCESS"), 6, 40, 0),
                backend("kafka", List.of("DURABLE", "FAN_OUT", "ORDERED_PER_KEY", "REPLAY", "NEW_SUBSCRIPTION_SEES_HISTORY",
                        "CROSS_PROCESS"), 9, 40, 40));
    }
}

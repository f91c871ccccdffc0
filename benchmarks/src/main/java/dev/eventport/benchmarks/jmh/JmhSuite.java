package dev.eventport.benchmarks.jmh;

import dev.eventport.benchmarks.Report;
import dev.eventport.benchmarks.Row;
import dev.eventport.benchmarks.Settings;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs the JMH benchmarks of this package with the run's settings and turns their scores into report rows.
 *
 * <p>Contract: direct dispatch rows give the nanoseconds the direct backend adds per handler call (target at most
 * {@value #DIRECT_TARGET_NS} ns); in-memory rows give events per second against the queue hand-off measured in the
 * same run (target at least {@value #INMEMORY_RATIO}x, and at least {@value #INMEMORY_MIN_RATE} events/s with one
 * subscription).
 */
public final class JmhSuite {

    static final double DIRECT_TARGET_NS = 50;
    static final double INMEMORY_RATIO = 0.5;
    static final double INMEMORY_MIN_RATE = 2_000_000;

    private JmhSuite() {
    }

    /** Runs the benchmarks and adds their rows to {@code report}. */
    public static void run(Settings settings, Report report) throws RunnerException {
        TimeValue time = TimeValue.milliseconds(settings.duration("jmh.time").toMillis());
        Map<String, Class<?>> benchmarks = Map.of("direct", DirectDispatchBenchmark.class,
                "inmemory", InMemoryThroughputBenchmark.class, "codec", CodecBenchmark.class, "tracing", TracingBenchmark.class);
        OptionsBuilder builder = new OptionsBuilder();
        for (String benchmark : settings.list("jmh.benchmarks")) {
            builder.include(benchmarks.get(benchmark).getName() + ".*");
        }
        Options options = builder
                .forks(settings.integer("jmh.forks"))
                .warmupIterations(settings.integer("jmh.warmups"))
                .warmupTime(time)
                .measurementIterations(Math.max(1, settings.integer("jmh.iterations")))
                .measurementTime(time)
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch")
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            String param = result.getParams().getParam(method.equals("direct") || method.equals("plainLoop") ? "handlers" : "subscriptions");
            scores.put(param == null ? method : method + "/" + param, result.getPrimaryResult().getScore());
        }
        directRows(scores, report);
        inMemoryRows(scores, report);
        codecRows(scores, report);
        tracingRows(scores, report);
    }

    private static void directRows(Map<String, Double> scores, Report report) {
        for (String handlers : new String[] {"1", "8"}) {
            Double direct = scores.get("direct/" + handlers);
            Double plain = scores.get("plainLoop/" + handlers);
            if (direct == null || plain == null) {
                continue;
            }
            int n = Integer.parseInt(handlers);
            double added = (direct - plain) / n;
            report.add(new Row("Direct", "publish to " + n + " handler(s): time per publish", direct, plain, "ns",
                    direct / plain, "", null, "baseline: the same handlers called in a plain loop"));
            report.add(Row.info("Direct", "added per handler call, " + n + " handler(s)", added, Double.NaN, "ns",
                    "(publish - plain loop) / handlers").withTarget("<= " + (int) DIRECT_TARGET_NS + " ns", added <= DIRECT_TARGET_NS));
        }
    }

    private static void codecRows(Map<String, Double> scores, Report report) {
        for (String step : new String[] {"Encode", "Decode"}) {
            Double codec = scores.get("codec" + step);
            Double jackson = scores.get("jackson" + step);
            if (codec != null && jackson != null) {
                report.add(Row.info("Codec", step.toLowerCase(Locale.ROOT) + " one 1 KiB OrderCreated", codec, jackson, "ns",
                        "JsonEventCodec against plain Jackson" + (step.equals("Encode") ? " (eventport also builds the CloudEvents headers)" : "")));
            }
        }
    }

    private static void tracingRows(Map<String, Double> scores, Report report) {
        String[][] steps = {
            {"newRootHeader", "traceparent of a publish outside any trace (new root)"},
            {"childHeader", "traceparent of a publish inside a handler (child of the received header)"},
            {"publishHeaders", "caller's empty headers + traceparent, as in-process backends hand them on, not read"},
            {"publishHeadersRead", "the same, read by a handler (formatted on that first read)"},
            {"invokerAttempt", "HandlerInvoker.attempt: trace current, call, no observer"},
        };
        for (String[] step : steps) {
            Double score = scores.get(step[0]);
            if (score != null) {
                report.add(Row.info("Tracing", step[1], score, Double.NaN, "ns",
                        "per publish or handler call; part of the direct and in-memory figures above"));
            }
        }
    }

    private static void inMemoryRows(Map<String, Double> scores, Report report) {
        for (String subscriptions : new String[] {"1", "4"}) {
            Double bus = scores.get("inMemory/" + subscriptions);
            Double queue = scores.get("linkedBlockingQueue/" + subscriptions);
            if (bus == null || queue == null) {
                continue;
            }
            report.add(Row.atLeast("In-memory", "1 publisher, " + subscriptions + " subscription(s): events/s handled by each",
                    bus, queue, "events/s", INMEMORY_RATIO, "baseline: one LinkedBlockingQueue and consumer thread per subscription"));
            if (subscriptions.equals("1")) {
                report.add(Row.info("In-memory", "1 publisher, 1 subscription: absolute rate", bus, Double.NaN, "events/s", "")
                        .withTarget(">= " + (long) INMEMORY_MIN_RATE, bus >= INMEMORY_MIN_RATE));
            }
        }
    }
}

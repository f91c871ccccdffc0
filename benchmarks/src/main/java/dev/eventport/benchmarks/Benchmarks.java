package dev.eventport.benchmarks;

import dev.eventport.benchmarks.brokers.JmsComparison;
import dev.eventport.benchmarks.brokers.KafkaComparison;
import dev.eventport.benchmarks.jmh.JmhSuite;
import dev.eventport.benchmarks.scaling.CheckoutScaling;
import dev.eventport.benchmarks.scaling.KafkaScaling;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The one command of the benchmarks: runs every part the settings name, prints each figure with its baseline,
 * ratio and verdict as it comes, then writes {@code PERFORMANCE.md} and {@code performance.json}.
 *
 * <p>Run it with {@code ./mvnw -q -pl benchmarks -am compile exec:exec} (settings as {@code -Dbench="key=value ..."};
 * see {@link Settings#DEFAULTS}). A part that fails is reported as a note and the others still run; the exit
 * status is 1 when a part failed, 0 otherwise (a missed target is a finding, not a failure).
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    /** Runs the benchmarks; {@code args} are {@code key=value} settings. */
    public static void main(String[] args) {
        Settings settings = Settings.parse(args);
        int status = run(settings, System.out) ? 0 : 1;
        System.exit(status);
    }

    /** Runs every part the settings name, printing to {@code console}, and writes the reports; whether every part ran. */
    public static boolean run(Settings settings, PrintStream console) {
        console.printf(Locale.ROOT, "eventport benchmarks: %s; load average %.2f%n", Report.machine(), Report.loadAverage());
        if (Report.loadAverage() >= 1.5) {
            console.println("warning: the load average is high: other processes compete for the CPU, figures will be low and noisy");
        }
        Report report = new Report(settings, console);
        long start = System.nanoTime();
        boolean ok = true;
        ok &= part("jmh", settings, report, console, () -> JmhSuite.run(settings, report));
        try (Brokers brokers = new Brokers()) {
            ok &= part("kafka", settings, report, console, () -> KafkaComparison.run(brokers.kafka().bootstrapServers(), settings, report));
            ok &= part("jms", settings, report, console, () -> JmsComparison.run(brokers.artemis().url(), settings, report));
            ok &= part("scaling", settings, report, console, () -> KafkaScaling.run(brokers.kafka().bootstrapServers(), settings, report));
            ok &= part("checkout", settings, report, console, () -> CheckoutScaling.run(settings, report, brokers.backendKeys(settings)));
        }
        Path written = report.write(settings.out(), Duration.ofNanos(System.nanoTime() - start));
        console.println("written: " + written.toAbsolutePath().normalize() + " and performance.json beside it");
        return ok;
    }

    /** Something a part runs, which may throw anything. */
    @FunctionalInterface
    interface Part {
        void run() throws Exception;
    }

    private static boolean part(String name, Settings settings, Report report, PrintStream console, Part part) {
        if (!settings.runs(name)) {
            return true;
        }
        try {
            part.run();
            return true;
        } catch (Exception | LinkageError e) {
            report.note("Part '" + name + "' failed: " + e);
            e.printStackTrace(console);
            return false;
        }
    }
}

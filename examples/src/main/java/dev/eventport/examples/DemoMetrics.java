package dev.eventport.examples;

import static dev.eventport.metrics.micrometer.EventportMetrics.CONSUMER_LAG;
import static dev.eventport.metrics.micrometer.EventportMetrics.CONSUMER_LAG_OLDEST_AGE;
import static dev.eventport.metrics.micrometer.EventportMetrics.DEAD_LETTERED;
import static dev.eventport.metrics.micrometer.EventportMetrics.DUPLICATES_SKIPPED;
import static dev.eventport.metrics.micrometer.EventportMetrics.FAILURE;
import static dev.eventport.metrics.micrometer.EventportMetrics.HANDLER;
import static dev.eventport.metrics.micrometer.EventportMetrics.PUBLISH;
import static dev.eventport.metrics.micrometer.EventportMetrics.RETRIES;
import static dev.eventport.metrics.micrometer.EventportMetrics.SUCCESS;
import static dev.eventport.metrics.micrometer.EventportMetrics.TAG_OUTCOME;
import static dev.eventport.metrics.micrometer.EventportMetrics.TAG_SUBSCRIPTION;

import dev.eventport.metrics.micrometer.EventportMetrics;
import dev.eventport.ports.EventBackend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The store demo's view of the eventport metrics ({@link EventportMetrics} on a {@link SimpleMeterRegistry}): one
 * compact line of every consumer's lag each period while the demo runs, and a summary of the counters at the end;
 * what a dashboard of the same meters would show.
 */
final class DemoMetrics implements AutoCloseable {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final EventportMetrics binding;
    private final List<String> consumers;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "store-demo-live-lag");
        thread.setDaemon(true);
        return thread;
    });

    /** Binds the metrics of {@code backend}; {@code consumers} are the subscription names whose lag is shown. */
    DemoMetrics(EventBackend backend, List<String> consumers, PrintStream out) {
        this.binding = EventportMetrics.bind(backend, registry);
        this.consumers = List.copyOf(consumers);
        this.out = out;
    }

    /** Prints the lag line every {@code period} from now on, until {@link #finish} or {@link #close}. */
    void showLagEvery(Duration period) {
        timer.scheduleAtFixedRate(() -> out.println(lagLine()), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the periodic lines, waits (at most {@code deadline}) until every consumer's lag gauge reads zero, then prints
     * the last lag line and the summary.
     */
    void finish(Duration deadline) {
        timer.shutdownNow();
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end && consumers.stream().anyMatch(c -> lag(c) != 0)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // the gauges follow the backend's own measurement
        }
        out.println(lagLine());
        out.println(summary());
    }

    /** "lag at 2.0 s: email 0 | inventory 3 | fraud-review 41 (1.9 s) | ...": events waiting, and the oldest one's age. */
    String lagLine() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  lag at %5.1f s:", (System.nanoTime() - startNanos) / 1e9));
        for (int i = 0; i < consumers.size(); i++) {
            String consumer = consumers.get(i);
            double lag = lag(consumer);
            line.append(i == 0 ? " " : " | ").append(consumer).append(' ').append(Double.isNaN(lag) ? "?" : String.valueOf((long) lag));
            TimeGauge age = registry.find(CONSUMER_LAG_OLDEST_AGE).tag(TAG_SUBSCRIPTION, consumer).timeGauge();
            if (lag > 0 && age != null && !Double.isNaN(age.value(TimeUnit.SECONDS))) {
                line.append(String.format(Locale.ROOT, " (%.1f s)", age.value(TimeUnit.SECONDS)));
            }
        }
        return line.toString();
    }

    /** The counters and timers of every destination and consumer, summed up. */
    String summary() {
        List<Timer> published = timers(PUBLISH, SUCCESS);
        long count = published.stream().mapToLong(Timer::count).sum();
        double totalMillis = published.stream().mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).sum();
        double maxMillis = published.stream().mapToDouble(t -> t.max(TimeUnit.MILLISECONDS)).max().orElse(0);
        return String.format(Locale.ROOT, "metrics: published %d (mean %.2f ms, max %.1f ms), %d failed; handler calls %d ok, "
                        + "%d failed; retries %d; dead-lettered %d; duplicates skipped %d",
                count, count == 0 ? 0 : totalMillis / count, maxMillis, count(timers(PUBLISH, FAILURE)),
                count(timers(HANDLER, SUCCESS)), count(timers(HANDLER, FAILURE)), sum(RETRIES), sum(DEAD_LETTERED),
                sum(DUPLICATES_SKIPPED));
    }

    private List<Timer> timers(String name, String outcome) {
        return List.copyOf(registry.find(name).tag(TAG_OUTCOME, outcome).timers());
    }

    private static long count(List<Timer> timers) {
        return timers.stream().mapToLong(Timer::count).sum();
    }

    private double lag(String consumer) {
        Gauge gauge = registry.find(CONSUMER_LAG).tag(TAG_SUBSCRIPTION, consumer).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private long sum(String counter) {
        return (long) registry.find(counter).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        binding.close();
    }
}

package dev.eventport.examples.comparison;

import dev.eventport.examples.comparison.Measurements.PointOutcome;
import dev.eventport.examples.comparison.Results.Backend;
import dev.eventport.examples.comparison.Results.Ordering;
import dev.eventport.examples.comparison.Results.Point;
import dev.eventport.examples.comparison.Results.Replay;
import dev.eventport.examples.comparison.Results.Saturation;
import dev.eventport.ports.Capability;
import dev.eventport.ports.EventBackend;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Runs the workload on every backend it names, one after the other, printing progress, and returns the figures. */
final class Comparison {

    private final Workload workload;
    private final PrintStream progress;

    Comparison(Workload workload, PrintStream progress) {
        this.workload = workload;
        this.progress = progress;
    }

    Results.Run run() {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        String runId = Long.toString(startedAt.toEpochMilli(), 36);
        Measurements measurements = new Measurements(workload, runId);
        List<Backend> backends = new ArrayList<>();
        for (String label : workload.backends()) {
            backends.add(measure(label, measurements));
        }
        return new Results.Run(workload.describe(), Results.Machine.current(), startedAt.toString(), (System.nanoTime() - t0) / 1e9,
                backends, Verdict.decide(workload, backends));
    }

    private Backend measure(String label, Measurements measurements) {
        int idleThreads = ManagementFactory.getThreadMXBean().getThreadCount();
        long idleHeap = Measurements.usedHeapAfterGc();
        String settings = "";
        List<String> capabilities = List.of();
        List<Point> scaling = new ArrayList<>();
        Point slow = null;
        Point down = null;
        Replay replay = null;
        Ordering ordering = null;
        Saturation saturation = null;
        String error = null;
        say(label, "starting");
        try (BackendTarget target = Targets.start(label)) {
            settings = target.settings();
            try (EventBackend probe = target.open(Map.of())) {
                capabilities = probe.capabilities().declared().stream().map(Capability::name).toList();
            }
            say(label, "settings: " + settings);
            measurements.warmUp(target);
            int declared = workload.consumers().size();
            TreeSet<Integer> counts = new TreeSet<>(workload.consumerCounts());
            counts.add(declared);
            for (int count : counts) {
                PointOutcome outcome = measurements.point(target, "scale", workload.consumersFor(count), null, null,
                        count == declared);
                scaling.add(outcome.point());
                report(label, outcome.point());
                if (outcome.replay() != null) {
                    replay = outcome.replay();
                    say(label, "late consumer replayed " + replay.replayed() + " of " + replay.pastOrders() + " past orders");
                }
            }
            slow = measurements.point(target, "slow", workload.consumers(), workload.slowConsumer(), null, false).point();
            report(label, slow);
            say(label, "lag peaks (one consumer slow): " + String.join(", ", slow.lag().consumers().stream()
                    .map(c -> c.consumer() + " " + (c.peak() < 0 ? "n/a" : c.peak())).toList()));
            down = measurements.point(target, "down", workload.consumers(), null, workload.downConsumer(), false).point();
            report(label, down);
            ordering = measurements.ordering(target);
            say(label, String.format(Locale.ROOT, "ordering: %d of %d events received, %d out of order (%d consumers)",
                    ordering.received(), (long) ordering.orders() * ordering.steps(), ordering.violations(),
                    ordering.consumers()));
            saturation = measurements.saturation(target, idleThreads, idleHeap);
            say(label, String.format(Locale.ROOT, "saturation: %.0f orders/s at checkout, %.0f orders/s processed, "
                    + "+%d threads, +%.0f MB heap", saturation.checkoutPerSecond(), saturation.processedPerSecond(),
                    saturation.threads(), saturation.heapMegabytes()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            say(label, "FAILED: " + error);
        }
        return new Backend(label, label.startsWith("jms") ? "jms" : label, settings, capabilities, scaling, slow, down,
                replay, ordering, saturation, error);
    }

    private void report(String label, Point p) {
        say(label, String.format(Locale.ROOT, "%-5s %2d consumers: %d/%d checkouts ok, checkout p50 %s p99 %s, "
                        + "end-to-end p99 %s, max backlog %d, missing %d, dead letters %d, duplicate deliveries absorbed %d (%d events sent twice), %.1f s%s",
                p.scenario(), p.consumers(), p.ordersSucceeded(), p.ordersAttempted(), Verdict.ms(p.checkout().p50()),
                Verdict.ms(p.checkout().p99()), Verdict.ms(p.endToEnd().p99()), p.maxBacklog(), p.missing(),
                p.deadLettered(), p.duplicatesAbsorbed(), p.duplicatesPublished(), p.seconds(),
                p.drained() ? "" : " (not drained)"));
    }

    private void say(String label, String message) {
        progress.printf("[%-9s] %s%n", label, message);
        progress.flush();
    }
}

package dev.eventport.examples.comparison;

import java.util.List;
import java.util.Map;

/** The measured figures of a comparison run, as plain records that the reports render and serialise. */
final class Results {

    private Results() {
    }

    /**
     * One measuring point: the store with a number of consumers in one scenario, on one backend.
     *
     * @param scenario            "scale", "slow" or "down"
     * @param consumers           number of downstream services subscribed
     * @param ordersAttempted     checkouts tried
     * @param ordersSucceeded     checkouts that returned normally
     * @param checkout            latency of every checkout tried
     * @param endToEnd            from the start of checkout until the last healthy consumer applied the order
     * @param maxBacklog          the largest {@code Subscription.lag()} total sampled on any subscription (-1: not measurable)
     * @param missing             (healthy consumer, successful order) pairs not applied when the drain ended
     * @param deadLettered        events in the backend's dead letters for this point's destination
     * @param duplicatesPublished events published twice on purpose (chaos)
     * @param duplicatesAbsorbed  deliveries the consumers' idempotency skipped
     * @param seconds             wall time of the point, drain included
     * @param drained             whether every healthy consumer caught up before the drain timeout
     * @param lag                 each consumer's lag over the point's time
     */
    record Point(String scenario, int consumers, int ordersAttempted, int ordersSucceeded, LatencyStats checkout,
                 LatencyStats endToEnd, long maxBacklog, long missing, long deadLettered, long duplicatesPublished,
                 long duplicatesAbsorbed, double seconds, boolean drained, LagTimeline lag) {

        double successRate() {
            return ordersAttempted == 0 ? Double.NaN : (double) ordersSucceeded / ordersAttempted;
        }
    }

    /**
     * The lag of each consumer, sampled over a point's time (each value the peak of its sampling interval).
     *
     * @param seconds   when each value was taken, from the opening of the store
     * @param consumers one series per consumer, values aligned with {@code seconds}
     */
    record LagTimeline(double[] seconds, List<LagSeries> consumers) {
    }

    /**
     * One consumer's lag over time.
     *
     * @param consumer the subscription name
     * @param lag      events not yet processed at each sample (-1: not measurable)
     */
    record LagSeries(String consumer, long[] lag) {

        /** The largest value, -1 when none was measurable. */
        long peak() {
            long peak = -1;
            for (long value : lag) {
                peak = Math.max(peak, value);
            }
            return peak;
        }
    }

    /**
     * What a subscription started after the fact, from the earliest position, received of the orders placed before.
     *
     * @param pastOrders orders placed before it subscribed
     * @param replayed   of those, how many it received
     */
    record Replay(int pastOrders, int replayed) {
    }

    /**
     * Several events per order published interleaved, received by a subscription with competing consumers.
     *
     * @param orders     orders
     * @param steps      events per order
     * @param consumers  concurrent consumers of the subscription
     * @param received   distinct events received
     * @param violations events received after a later event of the same order
     */
    record Ordering(int orders, int steps, int consumers, long received, long violations) {
    }

    /**
     * Checkout driven as fast as it goes, with consumers that take no time, then drained.
     *
     * @param seconds            time spent placing orders
     * @param ordersPlaced       successful checkouts
     * @param checkoutPerSecond  successful checkouts per second
     * @param processedPerSecond orders applied by every consumer per second, from the first order until the drain
     * @param drained            whether the consumers caught up before the drain timeout
     * @param threads            live threads added by the backend (and its broker), measured at the end of the run
     * @param heapMegabytes      heap added by the backend (and its broker), measured after a GC at the end of the run
     */
    record Saturation(double seconds, long ordersPlaced, double checkoutPerSecond, double processedPerSecond,
                      boolean drained, int threads, double heapMegabytes) {
    }

    /**
     * Everything measured on one backend.
     *
     * @param label        the comparison's name for it (e.g. "jms-topic")
     * @param backend      the eventport backend name
     * @param settings     its delivery and durability settings, as run
     * @param capabilities the capabilities it declares
     * @param scaling      the scaling series, by consumer count
     * @param slow         one consumer slower
     * @param down         one consumer down
     * @param replay       the late consumer's replay
     * @param ordering     the ordering probe
     * @param saturation   the saturation run
     * @param error        why the backend could not be measured (completely), or null
     */
    record Backend(String label, String backend, String settings, List<String> capabilities, List<Point> scaling,
                   Point slow, Point down, Replay replay, Ordering ordering, Saturation saturation, String error) {

        /** The scaling point with the workload's own consumers (or the nearest count). */
        Point baseline(int declaredConsumers) {
            Point best = null;
            for (Point p : scaling) {
                if (best == null || Math.abs(p.consumers() - declaredConsumers) < Math.abs(best.consumers() - declaredConsumers)) {
                    best = p;
                }
            }
            return best;
        }

        boolean measured() {
            return error == null && !scaling.isEmpty();
        }
    }

    /**
     * The machine the figures were taken on.
     *
     * @param cpus      available processors
     * @param maxHeapMb the JVM's maximum heap
     * @param java      Java version and vendor
     * @param os        operating system and architecture
     */
    record Machine(int cpus, long maxHeapMb, String java, String os) {

        static Machine current() {
            Runtime rt = Runtime.getRuntime();
            return new Machine(rt.availableProcessors(), rt.maxMemory() / (1024 * 1024),
                    System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        }
    }

    /**
     * A whole run.
     *
     * @param workload  the workload's keys
     * @param machine   where it ran
     * @param startedAt when it started (ISO-8601)
     * @param seconds   how long it took
     * @param backends  the figures per backend, in the workload's order
     * @param verdict   which backend fits and why
     */
    record Run(Map<String, String> workload, Machine machine, String startedAt, double seconds, List<Backend> backends,
               Verdict verdict) {
    }
}

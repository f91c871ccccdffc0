package dev.eventport.examples;

import dev.eventport.examples.store.RandomCarts;
import dev.eventport.examples.store.Store;
import dev.eventport.examples.store.consumers.DownstreamService;
import dev.eventport.ports.Capability;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs the store on the backend the configuration names ({@code eventport.backend} in {@code eventport.properties},
 * {@code -Deventport.backend=...} or {@code EVENTPORT_BACKEND}), with no code change: places orders through
 * checkout, waits until every downstream service has applied every order, and prints what each backend cost. While
 * it runs it prints every consumer's lag once a second, and at the end a summary of the counters, both read from the
 * Micrometer meters of {@code eventport-metrics-micrometer} ({@code DemoMetrics}). For {@code jms} and {@code kafka}
 * it uses the broker the configuration names, or starts an embedded one ({@link EmbeddedBrokers}).
 *
 * <p>Arguments: {@code --orders N} (default 100), {@code --seed S} (default 42).
 */
public final class StoreDemo {

    private static final Duration LIVE_LAG_PERIOD = Duration.ofSeconds(1);
    private static final Duration LAG_SETTLE_DEADLINE = Duration.ofSeconds(10);

    private StoreDemo() {
    }

    /** Runs the demo; exits with status 1 if an order did not reach every service. */
    public static void main(String[] args) throws InterruptedException {
        int orders = Integer.parseInt(argument(args, "--orders", "100"));
        long seed = Long.parseLong(argument(args, "--seed", "42"));
        boolean complete;
        EventportConfig config = EventportConfig.load();
        String backendName = config.get(EventportConfig.BACKEND).orElse("");
        try (EmbeddedBrokers brokers = EmbeddedBrokers.startIfNeeded(backendName, config);
             EventBackend backend = MessagingBackends.load(config.with(brokers.overrides()))) {
            System.out.println("broker: " + brokers.description());
            complete = run(backend, orders, seed, System.out);
        }
        if (!complete) {
            System.exit(1);
        }
    }

    static boolean run(EventBackend backend, int orderCount, long seed, PrintStream out) throws InterruptedException {
        out.printf("eventport store demo on backend '%s' %s%n", backend.name(), backend.capabilities().declared());
        RandomCarts carts = new RandomCarts(seed);
        long[] latencies = new long[orderCount];
        int failed = 0;
        List<DownstreamService> services = Store.storyServices();
        Semaphore applied = new Semaphore(0);
        services.forEach(service -> service.onApplied(order -> applied.release()));
        long started = System.nanoTime();
        try (DemoMetrics metrics = new DemoMetrics(backend, services.stream().map(DownstreamService::name).toList(), out);
             Store store = Store.open(backend, services, ErrorPolicy.defaults(), Duration.ofMillis(2))) {
            metrics.showLagEvery(LIVE_LAG_PERIOD);
            for (int i = 0; i < orderCount; i++) {
                long t0 = System.nanoTime();
                try {
                    store.checkout().checkout(carts.next());
                } catch (RuntimeException e) {
                    failed++;
                }
                latencies[i] = System.nanoTime() - t0;
                if ((i + 1) % Math.max(1, orderCount / 5) == 0) {
                    out.printf("  %d/%d orders placed%n", i + 1, orderCount);
                }
            }
            long checkoutDone = System.nanoTime();
            int expected = store.orders().count();
            boolean complete = applied.tryAcquire(expected * services.size(), 60, TimeUnit.SECONDS);
            long allDone = System.nanoTime();
            Arrays.sort(latencies);
            out.printf("checkout: %d orders, %d failed, latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; all placed in %.2f s%n",
                    orderCount, failed, millis(latencies[orderCount / 2]), millis(latencies[(int) (orderCount * 0.99)]),
                    millis(latencies[orderCount - 1]), (checkoutDone - started) / 1e9);
            out.printf("downstream: every service had applied every order %.2f s after the last checkout%n",
                    (allDone - checkoutDone) / 1e9);
            metrics.finish(LAG_SETTLE_DEADLINE);
            out.printf("%-13s %8s %10s %9s %10s  %s%n", "service", "applied", "deliveries", "failures", "duplicates", "state");
            for (DownstreamService service : store.services()) {
                out.printf("%-13s %8d %10d %9d %10d  %s%n", service.name(), service.appliedCount(), service.deliveries(),
                        service.failures(), service.duplicatesSkipped(), service.describeState());
            }
            if (backend.capabilities().has(Capability.SYNCHRONOUS)) {
                out.println("note: 'direct' ran every service inside checkout, so checkout latency is their sum.");
            }
            return complete;
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String argument(String[] args, String name, String defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return defaultValue;
    }
}

package dev.eventport.benchmarks.scaling;

import dev.eventport.benchmarks.Report;
import dev.eventport.benchmarks.Row;
import dev.eventport.benchmarks.Settings;
import dev.eventport.domain.Money;
import dev.eventport.domain.OrderCreated;
import dev.eventport.domain.OrderLine;
import dev.eventport.examples.store.Cart;
import dev.eventport.examples.store.Store;
import dev.eventport.examples.store.consumers.Behaviour;
import dev.eventport.examples.store.consumers.DownstreamService;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The store's checkout latency with 1 to 64 downstream consumers on each backend: the story's question, measured.
 * With {@code direct} every consumer runs inside checkout, so its latency grows with their number; with the
 * asynchronous backends checkout waits only for the broker's acknowledgement.
 *
 * <p>Contract: each point opens a new backend with a destination of its own, subscribes that many consumers (each
 * taking {@code checkout.handler.latency} per event), runs a few unmeasured checkouts, then measures
 * {@code checkout.orders} checkouts one after the other.
 */
public final class CheckoutScaling {

    private static final int WARMUPS = 10;

    private CheckoutScaling() {
    }

    /**
     * Measures every backend of {@code checkout.backends} with every count of {@code checkout.consumers};
     * {@code backendKeys} gives each backend's configuration (its URL or bootstrap servers).
     */
    public static void run(Settings settings, Report report, Map<String, Map<String, String>> backendKeys) throws Exception {
        Duration handlerLatency = settings.duration("checkout.handler.latency");
        int orders = Math.max(1, settings.integer("checkout.orders"));
        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        for (String backendName : settings.list("checkout.backends")) {
            Map<String, String> keys = backendKeys.get(backendName);
            if (keys == null) {
                report.note("Checkout scaling skipped the " + backendName + " backend: its broker did not start");
                continue;
            }
            for (int consumers : settings.integers("checkout.consumers")) {
                Map<String, String> config = new HashMap<>(keys);
                config.put(EventportConfig.BACKEND, backendName);
                config.put(DestinationNaming.OVERRIDE_PREFIX + OrderCreated.class.getSimpleName(),
                        "checkout-" + run + "-" + backendName + "-" + consumers);
                Histogram latency = measure(config, consumers, handlerLatency, orders);
                double p50 = latency.getValueAtPercentile(50) / 1000.0;
                double p99 = latency.getValueAtPercentile(99) / 1000.0;
                report.add(Row.info("Checkout", String.format(Locale.ROOT, "%s, %d consumer(s): checkout latency p50", backendName,
                        consumers), p50, Double.NaN, "ms", String.format(Locale.ROOT, "p99 %.2f ms; %d checkouts, each consumer "
                        + "takes %d ms per event", p99, orders, handlerLatency.toMillis())));
            }
        }
    }

    private static Histogram measure(Map<String, String> config, int consumers, Duration handlerLatency, int orders) {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        List<DownstreamService> services = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            services.add(new BenchService("consumer-" + i, Behaviour.healthy(handlerLatency)));
        }
        Cart cart = new Cart("customer-1", List.of(new OrderLine("sku-1", 2, Money.of("19.90", "EUR")),
                new OrderLine("sku-2", 1, Money.of("5.00", "EUR"))));
        try (EventBackend backend = MessagingBackends.load(EventportConfig.of(config));
             Store store = Store.open(backend, services, ErrorPolicy.defaults(), Duration.ZERO)) {
            for (int i = 0; i < WARMUPS + orders; i++) {
                long start = System.nanoTime();
                store.checkout().checkout(cart);
                if (i >= WARMUPS) {
                    histogram.recordValue(Math.max(1, (System.nanoTime() - start) / 1_000));
                }
            }
        }
        return histogram;
    }

    /** A downstream consumer that only takes its time. */
    private static final class BenchService extends DownstreamService {
        BenchService(String name, Behaviour behaviour) {
            super(name, behaviour);
        }

        @Override
        protected void apply(OrderCreated order) {
            // the time it takes is the behaviour's latency
        }

        @Override
        public String describeState() {
            return appliedCount() + " orders";
        }
    }
}

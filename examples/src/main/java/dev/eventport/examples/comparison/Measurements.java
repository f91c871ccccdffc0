package dev.eventport.examples.comparison;

import dev.eventport.domain.OrderCreated;
import dev.eventport.examples.comparison.Results.LagTimeline;
import dev.eventport.examples.comparison.Results.Ordering;
import dev.eventport.examples.comparison.Results.Point;
import dev.eventport.examples.comparison.Results.Replay;
import dev.eventport.examples.comparison.Results.Saturation;
import dev.eventport.examples.store.RandomCarts;
import dev.eventport.examples.store.Store;
import dev.eventport.examples.store.consumers.Behaviour;
import dev.eventport.examples.store.consumers.DownstreamService;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Runs the store workload on one backend and measures it: each method opens its own backend instance on its own
 * destination, so that no measurement sees another's events.
 */
final class Measurements {

    private final Workload workload;
    private final String runId;

    Measurements(Workload workload, String runId) {
        this.workload = workload;
        this.runId = runId;
    }

    /** A measured point and, for the baseline, what a late consumer replayed. */
    record PointOutcome(Point point, Replay replay) {
    }

    /**
     * The store with {@code specs} as consumers; {@code slow} (or null) runs {@code slowFactor} times slower,
     * {@code down} (or null) fails every event; with {@code probeReplay}, a consumer subscribes afterwards from the
     * earliest position and the orders it receives are counted.
     */
    PointOutcome point(BackendTarget target, String scenario, List<ConsumerSpec> specs, String slow, String down,
                       boolean probeReplay) {
        String tag = target.label() + "-" + scenario + "-" + specs.size();
        String destination = "orders-" + runId + "-" + tag;
        long started = System.nanoTime();
        try (EventBackend backend = target.open(Map.of(DestinationNaming.OVERRIDE_PREFIX + "OrderCreated", destination))) {
            List<DownstreamService> services = new ArrayList<>();
            int healthy = 0;
            for (ConsumerSpec spec : specs) {
                Behaviour behaviour = Services.behaviourOf(spec, workload.seed());
                if (spec.name().equals(slow)) {
                    behaviour = behaviour.slowerBy(workload.slowFactor());
                }
                if (spec.name().equals(down)) {
                    behaviour = behaviour.asDown();
                }
                services.add(Services.create(spec, behaviour));
                healthy += behaviour.down() ? 0 : 1;
            }
            DeliveryTracker tracker = new DeliveryTracker(healthy);
            services.stream().filter(s -> !s.behaviour().down()).forEach(s -> s.onApplied(o -> tracker.applied(o.orderId())));
            AtomicReference<DuplicatingPublisher> chaos = new AtomicReference<>();
            AtomicReference<String> lastId = new AtomicReference<>();
            AtomicInteger sequence = new AtomicInteger();
            List<Long> latencies = new ArrayList<>();
            long maxBacklog;
            try (Store store = Store.on(backend).services(services).errorPolicy(ErrorPolicy.defaults())
                    .paymentLatency(workload.paymentLatency())
                    .orderIds(() -> {
                        String id = tag + "-" + sequence.incrementAndGet();
                        tracker.created(id);
                        lastId.set(id);
                        return id;
                    })
                    .decoratePublisher(p -> {
                        chaos.set(new DuplicatingPublisher(p, workload.duplicateRate(), workload.seed()));
                        return chaos.get();
                    }).open();
                 LagSampler lag = new LagSampler(store.subscriptions())) {
                RandomCarts carts = new RandomCarts(workload.seed());
                long start = System.nanoTime();
                long deadline = start + workload.pointTimeout().toNanos();
                long interval = workload.rate() > 0 ? (long) (1e9 / workload.rate()) : 0;
                for (int i = 0; i < workload.orders() && System.nanoTime() < deadline; i++) {
                    pace(start + i * interval);
                    long t0 = System.nanoTime();
                    try {
                        store.checkout().checkout(carts.next());
                        tracker.succeeded(lastId.get());
                    } catch (RuntimeException e) {
                        // a failed checkout is a measured outcome: counted as not succeeded
                    }
                    latencies.add(System.nanoTime() - t0);
                }
                boolean drained = awaitSettled(tracker::missing);
                int expectedDeadLetters = down == null ? 0 : latencies.size();
                LongSupplier deadLetters = () -> countDeadLetters(backend, destination);
                if (drained) {
                    awaitSettled(() -> Math.max(0, expectedDeadLetters - deadLetters.getAsLong()));
                }
                maxBacklog = lag.maxBacklog();
                LagTimeline timeline = lag.timeline();
                Replay replay = probeReplay ? replay(backend, tag, tracker) : null;
                long absorbed = services.stream().mapToLong(DownstreamService::duplicatesSkipped).sum();
                Point point = new Point(scenario, specs.size(), latencies.size(), tracker.succeededCount(),
                        LatencyStats.ofNanos(latencies.stream().mapToLong(Long::longValue).toArray()),
                        LatencyStats.ofNanos(tracker.endToEndNanos()), maxBacklog, tracker.missing(),
                        deadLetters.getAsLong(), chaos.get().duplicatesPublished(), absorbed,
                        (System.nanoTime() - started) / 1e9, drained, timeline);
                return new PointOutcome(point, replay);
            }
        }
    }

    private Replay replay(EventBackend backend, String tag, DeliveryTracker tracker) {
        Set<String> past = tracker.succeededIds();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (EventSubscriber subscriber = backend.createSubscriber()) {
            subscriber.subscribe(SubscriptionRequest.of("late-" + tag, OrderCreated.class, (OrderCreated order, EventContext ctx) -> {
                if (past.contains(order.orderId())) {
                    seen.add(order.orderId());
                }
            }).withStartPosition(StartPosition.earliest()));
            awaitSettled(() -> past.size() - seen.size());
        }
        return new Replay(past.size(), seen.size());
    }

    /** Places a few orders with consumers that take no time, so that the measured points do not pay for class loading and JIT. */
    void warmUp(BackendTarget target) {
        List<ConsumerSpec> instant = workload.consumers().stream()
                .map(c -> new ConsumerSpec(c.name(), Duration.ZERO, 0)).toList();
        point(target, "warmup", instant, null, null, false);
    }

    /** Several events per order, interleaved, to a subscription with competing consumers: counts out-of-order ones. */
    Ordering ordering(BackendTarget target) {
        String tag = target.label() + "-ordering";
        String destination = "progress-" + runId + "-" + tag;
        int orders = workload.orderingOrders();
        int steps = workload.orderingSteps();
        Map<String, Integer> lastStep = new ConcurrentHashMap<>();
        LongAdder violations = new LongAdder();
        AtomicLong received = new AtomicLong();
        try (EventBackend backend = target.open(Map.of(DestinationNaming.OVERRIDE_PREFIX + "OrderProgressed", destination));
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("ordering-" + tag, OrderProgressed.class,
                    IdempotentHandler.<OrderProgressed>wrap((event, ctx) -> {
                        lastStep.merge(event.orderId(), event.step(), (previous, step) -> {
                            if (step < previous) {
                                violations.increment();
                                return previous;
                            }
                            return step;
                        });
                        received.incrementAndGet();
                    }, new InMemoryProcessedEvents())).withConsumers(workload.orderingConsumers()));
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int step = 1; step <= steps; step++) {
                for (int order = 0; order < orders; order++) {
                    sent.add(publisher.publish(OrderProgressed.of(tag + "-" + order, step)));
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            awaitSettled(() -> (long) orders * steps - received.get());
        }
        return new Ordering(orders, steps, workload.orderingConsumers(), received.get(), violations.sum());
    }

    /**
     * Checkout driven by several customers as fast as it answers, with consumers that take no time, then drained;
     * threads and heap are measured against the given idle baseline while the store is still open.
     */
    Saturation saturation(BackendTarget target, int idleThreads, long idleHeap) throws InterruptedException {
        String tag = target.label() + "-saturation";
        String destination = "orders-" + runId + "-" + tag;
        try (EventBackend backend = target.open(Map.of(DestinationNaming.OVERRIDE_PREFIX + "OrderCreated", destination))) {
            List<DownstreamService> services = new ArrayList<>();
            for (ConsumerSpec spec : workload.consumers()) {
                services.add(Services.create(spec, Behaviour.healthy(Duration.ZERO)));
            }
            DeliveryTracker tracker = new DeliveryTracker(services.size());
            services.forEach(s -> s.onApplied(o -> tracker.applied(o.orderId())));
            AtomicInteger sequence = new AtomicInteger();
            try (Store store = Store.on(backend).services(services).paymentLatency(Duration.ZERO).orderIds(() -> {
                String id = tag + "-" + sequence.incrementAndGet();
                tracker.created(id);
                return id;
            }).open()) {
                long start = System.nanoTime();
                long deadline = start + workload.saturation().toNanos();
                CountDownLatch done = new CountDownLatch(workload.saturationThreads());
                for (int t = 0; t < workload.saturationThreads(); t++) {
                    long seed = workload.seed() + t;
                    Thread customer = new Thread(() -> {
                        RandomCarts carts = new RandomCarts(seed);
                        try {
                            while (System.nanoTime() < deadline) {
                                try {
                                    tracker.succeeded(store.checkout().checkout(carts.next()).orderId());
                                } catch (RuntimeException e) {
                                    // not counted as placed
                                }
                            }
                        } finally {
                            done.countDown();
                        }
                    }, "saturation-customer-" + t);
                    customer.setDaemon(true);
                    customer.start();
                }
                if (!done.await(workload.saturation().toMillis() + 60_000, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("saturation customers did not stop within a minute of the deadline");
                }
                double placingSeconds = (System.nanoTime() - start) / 1e9;
                boolean drained = awaitSettled(tracker::missing);
                double totalSeconds = (System.nanoTime() - start) / 1e9;
                int threads = ManagementFactory.getThreadMXBean().getThreadCount() - idleThreads;
                double heap = (usedHeapAfterGc() - idleHeap) / (1024.0 * 1024.0);
                long placed = tracker.succeededCount();
                long processed = tracker.endToEndNanos().length;
                return new Saturation(placingSeconds, placed, placed / placingSeconds, processed / totalSeconds, drained,
                        threads, heap);
            }
        }
    }

    static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long countDeadLetters(EventBackend backend, String destination) {
        try {
            return backend.deadLetters().list(destination).size();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static void pace(long dueNanos) {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait); // load pacing: the customer places the next order at its scheduled time
        }
    }

    /**
     * Waits until {@code remaining} is zero, or has not moved for a while (2 s, or twice the slowest consumer's time
     * per order when slowed down, whichever is longer: longer than any retry backoff of the default error policy), or
     * the drain timeout passed; returns whether it reached zero.
     */
    private boolean awaitSettled(LongSupplier remaining) {
        long end = System.nanoTime() + workload.drainTimeout().toNanos();
        long slowest = workload.consumers().stream().mapToLong(c -> c.latency().toNanos()).max().orElse(0);
        long quiet = Math.max(2_000_000_000L, 2 * slowest * workload.slowFactor());
        long last = -1;
        long lastChange = System.nanoTime();
        for (long now = remaining.getAsLong(); now > 0; now = remaining.getAsLong()) {
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > quiet || System.nanoTime() > end) {
                return false;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // polling with a deadline
        }
        return true;
    }
}

package dev.eventport.benchmarks.jmh;

import dev.eventport.adapter.inmemory.InMemoryConfig;
import dev.eventport.adapter.inmemory.InMemoryEventBackend;
import dev.eventport.benchmarks.BenchEvents;
import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Events per second from one publisher thread to {@code subscriptions} subscriptions, each consumed by one thread:
 * the in-memory backend against a {@link LinkedBlockingQueue} per subscription (the hand-off a hand-written
 * in-process bus would use).
 *
 * <p>Contract: an operation is one event handled by every subscription; each invocation publishes {@value #BATCH}
 * events and returns once every subscription has handled all of them, so the figure is end-to-end throughput,
 * not just the publisher's speed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InMemoryThroughputBenchmark {

    /** Events published per invocation. */
    public static final int BATCH = 10_000;

    private static final int DISTINCT_EVENTS = 4096;

    /** What both sides share: the subscription count and the events. */
    @State(Scope.Benchmark)
    public abstract static class Fanout {

        /** How many subscriptions receive every event. */
        @Param({"1", "4"})
        public int subscriptions;

        final OrderCreated[] events = BenchEvents.orders(DISTINCT_EVENTS, 512);
        AtomicLong[] handled;
        long published;

        void counters() {
            handled = new AtomicLong[subscriptions];
            for (int i = 0; i < subscriptions; i++) {
                handled[i] = new AtomicLong();
            }
        }

        /** Waits until every subscription handled every event published so far. */
        void awaitHandled() {
            for (AtomicLong count : handled) {
                while (count.get() < published) {
                    LockSupport.parkNanos(10_000);
                }
            }
        }
    }

    /** The in-memory backend with {@code subscriptions} subscriptions of one consumer each. */
    public static class Bus extends Fanout {
        private EventBackend backend;
        private EventPublisher publisher;

        /** Starts the backend and the subscriptions. */
        @Setup(Level.Trial)
        public void setUp() {
            counters();
            backend = new InMemoryEventBackend(InMemoryConfig.defaults(), DestinationNaming.kebabCase());
            EventSubscriber subscriber = backend.createSubscriber();
            for (int i = 0; i < subscriptions; i++) {
                AtomicLong count = handled[i];
                subscriber.subscribe("subscription-" + i, OrderCreated.class, (order, context) -> count.lazySet(count.get() + 1));
            }
            publisher = backend.createPublisher();
        }

        /** Closes the backend. */
        @TearDown(Level.Trial)
        public void tearDown() {
            backend.close();
        }
    }

    /** One {@link LinkedBlockingQueue} and one consumer thread per subscription. */
    public static class Queues extends Fanout {
        private final List<BlockingQueue<OrderCreated>> queues = new ArrayList<>();
        private final List<Thread> consumers = new ArrayList<>();

        /** Starts the consumer threads. */
        @Setup(Level.Trial)
        public void setUp() {
            counters();
            for (int i = 0; i < subscriptions; i++) {
                BlockingQueue<OrderCreated> queue = new LinkedBlockingQueue<>();
                AtomicLong count = handled[i];
                Thread consumer = new Thread(() -> {
                    try {
                        while (true) {
                            queue.take();
                            count.lazySet(count.get() + 1);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "queue-consumer-" + i);
                consumer.setDaemon(true);
                consumer.start();
                queues.add(queue);
                consumers.add(consumer);
            }
        }

        /** Stops the consumer threads. */
        @TearDown(Level.Trial)
        public void tearDown() {
            consumers.forEach(Thread::interrupt);
        }
    }

    /** The in-memory backend: publish a batch, wait until every subscription handled it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long inMemory(Bus bus) {
        for (int i = 0; i < BATCH; i++) {
            bus.publisher.publish(bus.events[i & (DISTINCT_EVENTS - 1)]);
        }
        bus.published += BATCH;
        bus.awaitHandled();
        return bus.published;
    }

    /** The baseline: put a batch into every queue, wait until every consumer took it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long linkedBlockingQueue(Queues queues) throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            OrderCreated event = queues.events[i & (DISTINCT_EVENTS - 1)];
            for (BlockingQueue<OrderCreated> queue : queues.queues) {
                queue.put(event);
            }
        }
        queues.published += BATCH;
        queues.awaitHandled();
        return queues.published;
    }
}

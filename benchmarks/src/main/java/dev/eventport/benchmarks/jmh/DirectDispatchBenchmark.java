package dev.eventport.benchmarks.jmh;

import dev.eventport.adapter.direct.DirectEventBackend;
import dev.eventport.benchmarks.BenchEvents;
import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishReceipt;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of the direct backend per handler: publishing one event to {@code handlers} subscriptions, against
 * calling the same handlers in a plain loop.
 *
 * <p>Contract: both benchmarks call the very same handler objects with the very same event; the difference of the
 * two times divided by {@code handlers} is what the direct backend adds per handler call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DirectDispatchBenchmark {

    /** How many subscriptions (handlers) each event goes to. */
    @Param({"1", "8"})
    public int handlers;

    private final Counter counter = new Counter();
    private OrderCreated event;
    private EventContext context;
    private EventHandler<OrderCreated>[] plain;
    private EventBackend backend;
    private EventPublisher publisher;

    /** A handler's visible side effect, so that no call can be optimised away. */
    static final class Counter {
        long calls;
    }

    /** Subscribes {@code handlers} handlers on a new direct backend, and keeps the same handlers for the plain loop. */
    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        event = BenchEvents.orders(1, 1024)[0];
        context = new EventContext(event.eventId(), "OrderCreated", "order-created", "plain", OptionalInt.empty(),
                OptionalLong.empty(), 1, Map.of());
        plain = new EventHandler[handlers];
        backend = new DirectEventBackend();
        EventSubscriber subscriber = backend.createSubscriber();
        for (int i = 0; i < handlers; i++) {
            Counter sink = counter;
            plain[i] = (order, ctx) -> sink.calls += order.lines().size();
            subscriber.subscribe("handler-" + i, OrderCreated.class, plain[i]);
        }
        publisher = backend.createPublisher();
    }

    /** Closes the backend. */
    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    /** The baseline: the same handlers called one after the other. */
    @Benchmark
    public long plainLoop() throws Exception {
        for (EventHandler<OrderCreated> handler : plain) {
            handler.handle(event, context);
        }
        return counter.calls;
    }

    /** The direct backend: one publish that calls every handler in this thread. */
    @Benchmark
    public CompletableFuture<PublishReceipt> direct() {
        return publisher.publish(event);
    }
}

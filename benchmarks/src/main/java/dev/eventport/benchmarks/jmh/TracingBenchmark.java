package dev.eventport.benchmarks.jmh;

import dev.eventport.benchmarks.BenchEvents;
import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.TraceParent;
import dev.eventport.ports.spi.BackendObservers;
import dev.eventport.ports.spi.HandlerInvoker;
import dev.eventport.ports.spi.PublishHeaders;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What tracing and the shared handler call cost per event, the parts of the direct and in-memory figures that
 * every publish (a {@code traceparent}) and every handler call ({@link HandlerInvoker}) pay.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TracingBenchmark {

    private static final String RECEIVED = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final OrderCreated event = BenchEvents.orders(1, 512)[0];
    private final EventContext context = new EventContext(event.eventId(), "OrderCreated", "order-created", "traced",
            OptionalInt.empty(), OptionalLong.empty(), 1, Map.of(TraceParent.HEADER, RECEIVED));
    private final long[] calls = new long[1];
    private final HandlerInvoker<OrderCreated> invoker = new HandlerInvoker<>((order, ctx) -> calls[0]++,
            ErrorPolicy.defaults(), "order-created", "traced", new BackendObservers("benchmark"));

    /** A publish outside any trace: a new root. */
    @Benchmark
    public String newRootHeader() {
        return TraceParent.headerForPublish();
    }

    /** A publish inside a handler: a child of the received header, which is never parsed into a TraceParent. */
    @Benchmark
    public String childHeader() {
        try (TraceParent.Scope scope = TraceParent.makeCurrent(RECEIVED)) {
            return TraceParent.headerForPublish();
        }
    }

    /** What the direct and in-memory publishers do with the caller's (empty) headers, when no handler reads them. */
    @Benchmark
    public Map<String, String> publishHeaders() {
        return PublishHeaders.withTraceparent(Map.of());
    }

    /** The same, when a handler reads the traceparent (it is formatted then). */
    @Benchmark
    public String publishHeadersRead() {
        return PublishHeaders.withTraceparent(Map.of()).get(TraceParent.HEADER);
    }

    /** One handler call through the invoker, without observers: trace current, call, trace restored. */
    @Benchmark
    public HandlerInvoker.Attempt invokerAttempt() {
        return invoker.attempt(event, context);
    }
}

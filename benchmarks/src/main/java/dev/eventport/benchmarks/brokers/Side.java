package dev.eventport.benchmarks.brokers;

import dev.eventport.domain.OrderCreated;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * One side of a client comparison: eventport's adapter, or the broker's plain client used the way a hand-written
 * service would use it (with the same settings). The harness runs both sides through these same three steps.
 */
public interface Side extends AutoCloseable {

    /** "eventport" or "raw ...". */
    String name();

    /**
     * Publishes {@code count} events (cycling through {@code events}) to {@code destination} and waits until the
     * broker confirmed every one; the time from the first send to the last confirmation, in nanoseconds.
     */
    long publish(String destination, OrderCreated[] events, int count, Duration timeout) throws Exception;

    /**
     * Consumes {@code count} events that are already in {@code destination} with {@code consumers} consumer threads,
     * decoding and handing each to a handler; the time from the first handled event to the last, in nanoseconds.
     * With more than one consumer (at most one per partition), their consumer group forms before the first event is
     * handled, so that the time has no rebalance in it.
     */
    long consume(String destination, int count, int consumers, Duration timeout) throws Exception;

    /**
     * End-to-end latency at low load: publishes one event at a time and waits until the handler got it;
     * {@code warmups} rounds are not recorded. Values in microseconds.
     */
    Histogram latency(String destination, OrderCreated[] events, int warmups, int samples, Duration timeout) throws Exception;

    /** Releases the clients. */
    @Override
    void close();
}

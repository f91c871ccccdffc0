package dev.eventport.benchmarks.brokers;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What a benchmark handler records, the same for eventport and for the raw clients: how many events arrived, when
 * the first and the last did, and (for latency runs) each arrival time handed to the measuring thread.
 *
 * <p>Contract: {@link #arrived()} is thread safe and cheap (one atomic increment and two clock reads).
 */
final class Arrivals {

    private final AtomicLong count = new AtomicLong();
    private final BlockingQueue<Long> handoff = new LinkedBlockingQueue<>();
    private final boolean handOff;
    private volatile long firstNanos;
    private volatile long lastNanos;

    /** Arrivals that only count ({@code handOff} false) or also hand each arrival time over. */
    Arrivals(boolean handOff) {
        this.handOff = handOff;
    }

    /** Records one handled event. */
    void arrived() {
        long now = System.nanoTime();
        if (count.incrementAndGet() == 1) {
            firstNanos = now;
        }
        lastNanos = now;
        if (handOff) {
            handoff.add(now);
        }
    }

    /** Waits until {@code expected} events arrived; the time from the first to the last, in nanoseconds. */
    long awaitCount(long expected, Duration timeout, String what) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count.get() < expected) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException(what + ": only " + count.get() + " of " + expected + " events arrived within " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        return Math.max(1, lastNanos - firstNanos);
    }

    /** The arrival time of the next event, waiting at most {@code timeout}. */
    long awaitNext(Duration timeout, String what) throws InterruptedException, TimeoutException {
        Long at = handoff.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (at == null) {
            throw new TimeoutException(what + ": an event published did not arrive within " + timeout);
        }
        return at;
    }
}

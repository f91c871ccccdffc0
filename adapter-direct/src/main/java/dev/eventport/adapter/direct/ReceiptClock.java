package dev.eventport.adapter.direct;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The time on direct receipts, to the millisecond, without a system clock call per publish: while a direct backend
 * is open, one daemon thread ({@value #THREAD_NAME}) stores the wall-clock time as an {@link Instant} every millisecond
 * and publishes read that field (an Instant is immutable, so every receipt of the same millisecond shares one).
 * Reading the system clock costs about as much as the rest of a direct publish together.
 *
 * <p>Contract: {@link #acquire()} when a backend opens and {@link #release()} once when it closes; the thread runs
 * while at least one backend is open. {@link #now()} is never earlier than one tick (plus the ticker's scheduling
 * delay on a busy machine) before the true time; without an open backend it reads the system clock.
 */
final class ReceiptClock {

    static final String THREAD_NAME = "eventport-direct-clock";
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static int users;
    private static volatile Thread ticker;
    private static volatile Instant latest;

    private ReceiptClock() {
    }

    static synchronized void acquire() {
        if (users++ == 0) {
            latest = Instant.ofEpochMilli(System.currentTimeMillis());
            Thread thread = new Thread(ReceiptClock::tick, THREAD_NAME);
            thread.setDaemon(true);
            ticker = thread;
            thread.start();
        }
    }

    static synchronized void release() {
        if (--users == 0) {
            Thread thread = ticker;
            ticker = null;
            LockSupport.unpark(thread);
        }
    }

    /** The current time to the millisecond. */
    static Instant now() {
        return ticker != null ? latest : Instant.now();
    }

    private static void tick() {
        Thread me = Thread.currentThread();
        while (ticker == me) {
            latest = Instant.ofEpochMilli(System.currentTimeMillis());
            LockSupport.parkNanos(TICK_NANOS);
        }
    }
}

package dev.eventport.adapter.inmemory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One consumer thread of a subscription: it delivers the events of the partitions its group assigned to it, in
 * offset order per partition, skipping partitions whose event waits for a retry so that they never stall the others.
 */
final class GroupMember implements Runnable {

    private static final PartitionCursor[] NONE = new PartitionCursor[0];
    private static final int BATCH = 256;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long BUSY_RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(200);
    /**
     * How long an idle member keeps checking for new events before it parks: a publisher wakes a parked member with
     * a system call (microseconds on a virtual machine), so while events keep coming a short spin saves one wake-up
     * per event.
     */
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /**
     * How often a spinning member checks for new events. Checking reads the partitions' ends, which the publisher
     * writes with each event; checking less often lets the publisher append a run of events without waiting for
     * those cache lines to come back, and lets the member then deliver the run in one pass (measured: 1.4x the
     * throughput of checking continuously), at the cost of at most this much added latency.
     */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(10);
    private static final VarHandle IDLE;

    static {
        try {
            IDLE = MethodHandles.lookup().findVarHandle(GroupMember.class, "idle", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final InMemorySubscription<?> subscription;
    private final Thread thread;
    private volatile PartitionCursor[] assigned = NONE;
    private volatile boolean running = true;
    /** Set before the member parks; the first publisher to clear it wakes the member, the others need not. */
    private volatile boolean idle;

    GroupMember(InMemorySubscription<?> subscription, String threadName) {
        this.subscription = subscription;
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    boolean isRunning() {
        return running;
    }

    /** Stops after the event in flight; never called again after that. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    /** Waits for the thread to end; true at once when called from the member's own thread (a handler closing it). */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        if (Thread.currentThread() == thread) {
            return true;
        }
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    void interrupt() {
        thread.interrupt();
    }

    void assign(PartitionCursor[] cursors) {
        assigned = cursors;
        LockSupport.unpark(thread);
    }

    void wake() {
        LockSupport.unpark(thread);
    }

    void wakeIfIdle() {
        if (idle && IDLE.compareAndSet(this, true, false)) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public void run() {
        while (running) {
            PartitionCursor[] mine = assigned;
            if (subscription.isPaused()) {
                park(mine, System.nanoTime() + IDLE_PARK_NANOS);
                continue;
            }
            long now = System.nanoTime();
            long wakeAt = now + IDLE_PARK_NANOS;
            boolean progressed = false;
            for (PartitionCursor cursor : mine) {
                if (cursor.retryPending(now)) {
                    wakeAt = earlier(wakeAt, cursor.retryAtNanos());
                } else if (cursor.ready(now)) {
                    if (cursor.lock.tryLock()) {
                        try {
                            progressed |= cursor.owner() == this && drain(cursor);
                        } finally {
                            cursor.lock.unlock();
                        }
                    } else {
                        wakeAt = earlier(wakeAt, now + BUSY_RETRY_NANOS);
                    }
                }
            }
            if (!progressed) {
                park(mine, wakeAt);
            }
        }
    }

    private static long earlier(long a, long b) {
        return b - a < 0 ? b : a;
    }

    /** Delivers up to a batch from the cursor, stopping at a failure awaiting retry; whether it moved. */
    private boolean drain(PartitionCursor cursor) {
        Partition partition = cursor.partition();
        long position = cursor.position();
        long end = partition.end();
        int delivered = 0;
        while (position < end && delivered < BATCH && running && !subscription.isPaused() && cursor.owner() == this) {
            if (!subscription.deliver(this, cursor, partition.read(position))) {
                break;
            }
            position++;
            delivered++;
            if (position == end) {
                end = partition.end();
            }
        }
        if (delivered > 0) {
            cursor.advanceTo(position);
            partition.progressed();
        }
        return delivered > 0;
    }

    private void park(PartitionCursor[] mine, long wakeAt) {
        long now = System.nanoTime();
        long spinUntil = now + SPIN_NANOS;
        long nextPoll = now + POLL_NANOS;
        while (running && assigned == mine) {
            Thread.onSpinWait();
            now = System.nanoTime();
            if (now - nextPoll >= 0) {
                if (hasWork(mine, now)) {
                    return;
                }
                if (now - spinUntil > 0) {
                    break;
                }
                nextPoll = now + POLL_NANOS;
            }
        }
        idle = true;
        try {
            now = System.nanoTime();
            if (running && assigned == mine && !hasWork(mine, now)) {
                LockSupport.parkNanos(this, Math.max(0, wakeAt - now));
            }
        } finally {
            idle = false;
        }
    }

    private boolean hasWork(PartitionCursor[] mine, long now) {
        if (subscription.isPaused()) {
            return false;
        }
        for (PartitionCursor cursor : mine) {
            if (cursor.ready(now)) {
                return true;
            }
        }
        return false;
    }
}

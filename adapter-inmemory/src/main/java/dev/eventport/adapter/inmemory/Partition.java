package dev.eventport.adapter.inmemory;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.StartPosition;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One partition of a destination: a bounded, retained log of events.
 *
 * <p>Appends are serialised by a lock; reads are lock-free: a record at offset {@code o} is published by the
 * volatile write of {@link #end()} and is never overwritten while a running subscription's position is at or below
 * it, because eviction never passes the lowest position of the {@linkplain #register registered} cursors.
 */
final class Partition {

    /** Thrown by {@link #append} when no room appeared in time; the message says what to change. */
    static final class FullException extends Exception {
        private static final long serialVersionUID = 1L;

        FullException(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown by {@link #append} when the publisher was closed while it waited for room. */
    static final class ClosedException extends Exception {
        private static final long serialVersionUID = 1L;

        ClosedException() {
            super(null, null, false, false);
        }
    }

    private static final PartitionCursor[] NO_CURSORS = new PartitionCursor[0];

    private final int index;
    private final OptionalInt id;
    private final LogRecord[] slots;
    /**
     * The append time of each slot's record, in microseconds since the epoch: retention reads the oldest one with
     * each append of a full partition, and a sequential array is cheap to read where the record itself may have left
     * the cache long ago.
     */
    private final long[] appendedAtMicros;
    /** slots.length - 1 when it is a power of two (the default), so that a slot costs no division; -1 otherwise. */
    private final long slotMask;
    private final long maxAgeMicros;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Condition room = appendLock.newCondition();
    /** The offset of the oldest retained event (guarded by the lock). */
    private long start;
    private volatile long end;
    private volatile PartitionCursor[] cursors = NO_CURSORS;
    private volatile int waitingPublishers;
    private long lastAppendMicros;
    /**
     * No registered cursor is below this offset (guarded by the lock): positions only move forward except when a
     * cursor registers or rewinds, which lower it, so eviction asks the cursors again only once it reaches it.
     */
    private long processedBound;

    Partition(int index, InMemoryConfig config) {
        this.index = index;
        this.id = OptionalInt.of(index);
        this.slots = new LogRecord[config.retentionEvents()];
        this.appendedAtMicros = new long[slots.length];
        this.slotMask = Integer.bitCount(slots.length) == 1 ? slots.length - 1 : -1;
        this.maxAgeMicros = TimeUnit.NANOSECONDS.toMicros(config.retentionAge().toNanos());
    }

    int index() {
        return index;
    }

    /** The index, as given in contexts and receipts. */
    OptionalInt id() {
        return id;
    }

    /** The offset the next event will get. */
    long end() {
        return end;
    }

    /** The record at {@code offset}, which must be in [position of a registered cursor, end). */
    LogRecord read(long offset) {
        return slots[slot(offset)];
    }

    private int slot(long offset) {
        return slotMask >= 0 ? (int) (offset & slotMask) : (int) (offset % slots.length);
    }

    /**
     * Appends the event, waiting up to {@code timeoutNanos} for room while the partition is full of events some
     * running subscription has not processed yet.
     */
    LogRecord append(DomainEvent event, String eventType, Map<String, String> headers, long timeoutNanos,
                     BooleanSupplier closed)
            throws FullException, ClosedException, InterruptedException {
        LogRecord record;
        appendLock.lock();
        try {
            long now = nowMicros();
            if (!makeRoom(now)) {
                if (!waitForRoom(timeoutNanos, closed)) {
                    throw new FullException(fullReason());
                }
                now = nowMicros();
            }
            now = Math.max(lastAppendMicros, now);
            lastAppendMicros = now;
            long offset = end;
            record = new LogRecord(offset, now, event, eventType, headers);
            int slot = slot(offset);
            slots[slot] = record;
            appendedAtMicros[slot] = now;
            end = offset + 1;
        } finally {
            appendLock.unlock();
        }
        for (PartitionCursor cursor : cursors) {
            cursor.wakeOwner();
        }
        return record;
    }

    private boolean waitForRoom(long timeoutNanos, BooleanSupplier closed) throws ClosedException, InterruptedException {
        long remaining = timeoutNanos;
        waitingPublishers++;
        try {
            while (true) {
                if (closed.getAsBoolean()) {
                    throw new ClosedException();
                }
                if (remaining <= 0) {
                    return false;
                }
                remaining = room.awaitNanos(remaining);
                if (makeRoom(nowMicros())) {
                    return true;
                }
            }
        } finally {
            waitingPublishers--;
        }
    }

    /** Evicts what retention allows; whether there is room for one more event. Call with the lock held. */
    private boolean makeRoom(long nowMicros) {
        long first = start;
        long last = end;
        long horizon = nowMicros - maxAgeMicros;
        boolean full = last - first == slots.length;
        if (!full && (last == first || appendedAtMicros[slot(first)] >= horizon)) {
            return true;
        }
        long processed = processedBound(first, last);
        while (first < processed && first < last && appendedAtMicros[slot(first)] < horizon) {
            slots[slot(first++)] = null;
        }
        if (last - first == slots.length && first < processed) {
            slots[slot(first++)] = null;
        }
        start = first;
        return last - first < slots.length;
    }

    /** An offset below which every registered cursor has processed, at least {@code first} when possible. */
    private long processedBound(long first, long last) {
        if (first >= processedBound) {
            long lowest = last;
            for (PartitionCursor cursor : cursors) {
                lowest = Math.min(lowest, cursor.position());
            }
            processedBound = lowest;
        }
        return processedBound;
    }

    private String fullReason() {
        String slowest = "";
        long lowest = Long.MAX_VALUE;
        for (PartitionCursor cursor : cursors) {
            if (cursor.position() < lowest) {
                lowest = cursor.position();
                slowest = cursor.group().name();
            }
        }
        return "partition " + index + " is full: it retains " + slots.length + " events (" + InMemoryConfig.RETENTION_EVENTS
                + ") and subscription '" + slowest + "' has not processed the oldest of them. Raise "
                + InMemoryConfig.RETENTION_EVENTS + " or " + InMemoryConfig.PUBLISH_TIMEOUT
                + ", or make that subscription faster (more consumers, more " + InMemoryConfig.PARTITIONS + ")";
    }

    /** Called by a consumer after it moved a cursor forward: lets a waiting publisher re-check for room. */
    void progressed() {
        if (waitingPublishers > 0) {
            signalRoom();
        }
    }

    /** Wakes every waiting publisher (after progress, an unregistered cursor, or a close). */
    void signalRoom() {
        appendLock.lock();
        try {
            room.signalAll();
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Makes the cursor hold back eviction. A cursor without a stored position starts at {@code position}; one with a
     * stored position keeps it, moved up to the oldest retained event if that was evicted meanwhile.
     */
    void register(PartitionCursor cursor, StartPosition position) {
        appendLock.lock();
        try {
            cursor.position(cursor.hasPosition() ? Math.max(cursor.position(), start) : offsetOf(position));
            processedBound = Math.min(processedBound, cursor.position());
            PartitionCursor[] grown = Arrays.copyOf(cursors, cursors.length + 1);
            grown[cursors.length] = cursor;
            cursors = grown;
        } finally {
            appendLock.unlock();
        }
    }

    /** Stops the cursor holding back eviction. */
    void unregister(PartitionCursor cursor) {
        appendLock.lock();
        try {
            cursors = Arrays.stream(cursors).filter(c -> c != cursor).toArray(PartitionCursor[]::new);
            room.signalAll();
        } finally {
            appendLock.unlock();
        }
    }

    /** Moves a registered cursor to {@code position} (never before the oldest retained event). */
    void rewind(PartitionCursor cursor, StartPosition position) {
        appendLock.lock();
        try {
            cursor.position(offsetOf(position));
            processedBound = Math.min(processedBound, cursor.position());
        } finally {
            appendLock.unlock();
        }
    }

    /** The offset a start position stands for now. Call with the lock held. */
    private long offsetOf(StartPosition position) {
        if (position instanceof StartPosition.Earliest) {
            return start;
        }
        if (position instanceof StartPosition.AtTime at) {
            return firstAtOrAfter(toMicros(at.time()));
        }
        return end;
    }

    private long firstAtOrAfter(long micros) {
        long low = start;
        long high = end;
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (appendedAtMicros[slot(middle)] < micros) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    static long nowMicros() {
        return toMicros(Instant.now());
    }

    static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }
}

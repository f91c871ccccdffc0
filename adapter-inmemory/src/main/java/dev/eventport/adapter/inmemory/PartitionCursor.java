package dev.eventport.adapter.inmemory;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A consumer group's position in one partition, and the retry state of the event at that position.
 *
 * <p>Only the member holding {@link #lock} delivers from this cursor, and only while it is the {@link #owner};
 * so a partition is processed by one thread at a time, in order, even while ownership moves in a rebalance.
 */
final class PartitionCursor {

    private static final long NO_POSITION = -1;

    final ReentrantLock lock = new ReentrantLock();
    private final ConsumerGroup group;
    private final Partition partition;
    private volatile long position = NO_POSITION;
    private volatile GroupMember owner;
    private volatile boolean retryPending;
    private volatile long retryAtNanos;
    private int attempt = 1;

    PartitionCursor(ConsumerGroup group, Partition partition) {
        this.group = group;
        this.partition = partition;
    }

    ConsumerGroup group() {
        return group;
    }

    Partition partition() {
        return partition;
    }

    boolean hasPosition() {
        return position != NO_POSITION;
    }

    /** The offset of the next event to deliver. */
    long position() {
        return position;
    }

    void position(long offset) {
        position = offset;
        resetAttempts();
    }

    /** Moves forward after the event at the position was processed or dead-lettered. */
    void advanceTo(long offset) {
        position = offset;
    }

    /** Events not yet processed. */
    long lag() {
        return hasPosition() ? Math.max(0, partition.end() - position) : 0;
    }

    /**
     * When the event at the position was appended, in microseconds since the epoch; {@code Long.MAX_VALUE} when
     * there is none (nothing unprocessed, or evicted meanwhile by a rewind race).
     */
    long oldestUnprocessedMicros() {
        long at = position;
        if (at < 0 || at >= partition.end()) {
            return Long.MAX_VALUE;
        }
        LogRecord record = partition.read(at);
        return record == null || record.offset() != at ? Long.MAX_VALUE : record.appendedAtMicros();
    }

    GroupMember owner() {
        return owner;
    }

    void owner(GroupMember member) {
        owner = member;
    }

    /** Whether there is an event to deliver and no retry is pending at {@code nowNanos}. */
    boolean ready(long nowNanos) {
        return position < partition.end() && !retryPending(nowNanos);
    }

    /** Whether a retry is due later than {@code nowNanos}. */
    boolean retryPending(long nowNanos) {
        return retryPending && retryAtNanos - nowNanos > 0;
    }

    long retryAtNanos() {
        return retryAtNanos;
    }

    /** The attempt number of the event at the position (guarded by {@link #lock}). */
    int attempt() {
        return attempt;
    }

    /** After a failed attempt: the next one is due at {@code atNanos}. */
    void retryAt(long atNanos) {
        attempt++;
        retryAtNanos = atNanos;
        retryPending = true;
    }

    /** After success or dead-lettering: the next event starts at attempt 1. */
    void resetAttempts() {
        attempt = 1;
        retryPending = false;
    }

    void wakeOwner() {
        GroupMember member = owner;
        if (member != null) {
            member.wakeIfIdle();
        }
    }
}

package dev.eventport.adapter.direct;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The subscriptions of one name on one destination: they compete, each event going to the next one in turn that
 * is not paused.
 */
final class SubscriptionGroup {

    private final String name;
    private final List<DirectSubscription> members = new ArrayList<>();
    private final AtomicInteger pending = new AtomicInteger();
    private int next;

    SubscriptionGroup(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized void add(DirectSubscription member) {
        members.add(member);
        notifyAll();
    }

    /** Removes the member; returns whether the group is now empty. */
    synchronized boolean remove(DirectSubscription member) {
        members.remove(member);
        notifyAll();
        return members.isEmpty();
    }

    /** Wakes publishers waiting for a member to resume. */
    synchronized void changed() {
        notifyAll();
    }

    /**
     * The member that handles the next event, already {@linkplain DirectSubscription#enter() entered}: the next
     * one in turn that is open and not paused. While every member is paused it waits, at most {@code timeout}.
     *
     * @return the member, or null when the group has no member left
     * @throws TimeoutException when every member stayed paused for {@code timeout}
     */
    synchronized DirectSubscription choose(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!members.isEmpty()) {
            for (int i = 0; i < members.size(); i++) {
                int index = (next + i) % members.size();
                DirectSubscription member = members.get(index);
                if (!member.isPaused() && member.enter()) {
                    next = index + 1;
                    return member;
                }
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new TimeoutException("Subscription '" + name + "' stayed paused for " + timeout
                        + ", so the event was not handled. Resume the subscription sooner or raise "
                        + DirectConfig.PAUSE_TIMEOUT + ".");
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return null;
    }

    /** Counts a publish that waits for or runs this group's handler. */
    void begin() {
        pending.incrementAndGet();
    }

    /** The publish counted by {@link #begin()} is done with this group. */
    void end() {
        pending.decrementAndGet();
    }

    /** Publishes that wait for or run this group's handler now. */
    int pending() {
        return pending.get();
    }
}

package dev.eventport.adapter.direct;

import dev.eventport.ports.spi.HandlerInvoker;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The subscriptions of one name on one destination: they compete, each event going to the next one in turn that
 * is not paused. Choosing a member takes no lock unless every member is paused.
 */
final class SubscriptionGroup {

    private static final DirectSubscription<?>[] NONE = new DirectSubscription<?>[0];

    private final String name;
    private volatile DirectSubscription<?>[] members = NONE;
    /** Publishes whose start time is known (waiting for a paused member, or timed for an observer). */
    private final Set<InFlight> timed = ConcurrentHashMap.newKeySet();
    /** Publishes waiting for a member to resume (guarded by this). */
    private volatile int waiting;
    /** Round-robin position; updated without synchronisation (an approximate turn is still a fair turn). */
    private int next;

    SubscriptionGroup(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    synchronized void add(DirectSubscription<?> member) {
        DirectSubscription<?>[] grown = Arrays.copyOf(members, members.length + 1);
        grown[grown.length - 1] = member;
        members = grown;
        notifyAll();
    }

    /** Removes the member; returns whether the group is now empty. */
    synchronized boolean remove(DirectSubscription<?> member) {
        members = Arrays.stream(members).filter(m -> m != member).toArray(DirectSubscription<?>[]::new);
        notifyAll();
        return members.length == 0;
    }

    /** The invoker of some member (they share name, destination and observers); null when the group is empty. */
    HandlerInvoker<?> anyInvoker() {
        DirectSubscription<?>[] current = members;
        return current.length == 0 ? null : current[0].invoker();
    }

    /** Wakes publishers waiting for a member to resume. */
    synchronized void changed() {
        notifyAll();
    }

    /**
     * The member that handles the next event, already {@linkplain DirectSubscription#enter entered} on {@code stack}: the next
     * one in turn that is open and not paused; null when there is none right now (see {@link #awaitMember}).
     */
    DirectSubscription<?> tryChoose(CallStack stack) {
        DirectSubscription<?>[] current = members;
        int count = current.length;
        if (count == 1) {
            DirectSubscription<?> only = current[0];
            return !only.isPaused() && only.enter(stack) ? only : null;
        }
        int start = next;
        for (int i = 0; i < count; i++) {
            int index = Math.floorMod(start + i, count);
            DirectSubscription<?> member = current[index];
            if (!member.isPaused() && member.enter(stack)) {
                next = index + 1;
                return member;
            }
        }
        return null;
    }

    /**
     * Like {@link #tryChoose}, but while every member is paused it waits, at most {@code timeout}.
     *
     * @return the member, or null when the group has no member left
     * @throws TimeoutException when every member stayed paused for {@code timeout}
     */
    synchronized DirectSubscription<?> awaitMember(CallStack stack, Duration timeout) throws InterruptedException, TimeoutException {
        waiting++;
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (members.length > 0) {
                DirectSubscription<?> member = tryChoose(stack);
                if (member != null) {
                    return member;
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
        } finally {
            waiting--;
        }
    }

    /** Records that a publish in flight for this group started at {@code sinceNanos}, until {@link #end}. */
    InFlight begin(long sinceNanos) {
        InFlight inFlight = new InFlight(sinceNanos);
        timed.add(inFlight);
        return inFlight;
    }

    void end(InFlight inFlight) {
        timed.remove(inFlight);
    }

    /** Publishes that wait for or run this group's handler now. */
    int pending() {
        int pending = waiting;
        for (DirectSubscription<?> member : members) {
            pending += member.running();
        }
        return pending;
    }

    /**
     * How long the oldest of {@code pending} publishes in flight has waited; empty when some of them were not
     * timed (a handler call that neither waited nor failed is timed only while an observer is registered, so that
     * the unobserved path reads no clock).
     */
    Optional<Duration> oldestAge(int pending) {
        long now = System.nanoTime();
        long oldest = now;
        int known = 0;
        for (InFlight inFlight : timed) {
            known++;
            oldest = Math.min(oldest, inFlight.sinceNanos);
        }
        return known >= pending ? Optional.of(Duration.ofNanos(now - oldest)) : Optional.empty();
    }

    /** One publish in flight whose start is known (compared by identity). */
    static final class InFlight {
        final long sinceNanos;

        InFlight(long sinceNanos) {
            this.sinceNanos = sinceNanos;
        }
    }
}

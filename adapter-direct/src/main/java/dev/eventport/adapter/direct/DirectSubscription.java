package dev.eventport.adapter.direct;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.Capability;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.UnsupportedCapabilityException;
import dev.eventport.ports.spi.BackendObservers;
import dev.eventport.ports.spi.HandlerInvoker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One member of a subscription group: its handler, which publishers call in their own threads, and how many
 * threads run it now, which closing waits for.
 *
 * <p>Handler calls are recorded on each thread's {@link CallStack} (one volatile write to enter, a release write
 * to leave); closing scans those stacks, and a handler closing its own subscription does not wait for itself.
 *
 * @param <E> the event type of the subscription
 */
final class DirectSubscription<E extends DomainEvent> implements Subscription {

    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();

    private final SubscriptionRequest<E> request;
    private final String destination;
    private final Routes routes;
    private final BackendObservers observers;
    private final HandlerInvoker<E> invoker;
    private final Consumer<DirectSubscription<?>> onClose;
    private volatile SubscriptionGroup group;
    private volatile boolean paused;
    private volatile boolean closed;

    private DirectSubscription(SubscriptionRequest<E> request, String destination, Routes routes,
                               BackendObservers observers, Consumer<DirectSubscription<?>> onClose) {
        this.request = request;
        this.destination = destination;
        this.routes = routes;
        this.observers = observers;
        this.invoker = new HandlerInvoker<>(request.handler(), request.errorPolicy(), destination, request.name(), observers);
        this.onClose = onClose;
    }

    /** A live subscription: every event published to {@code destination} from now on is offered to it. */
    static <E extends DomainEvent> DirectSubscription<E> open(SubscriptionRequest<E> request, String destination,
                                                              Routes routes, BackendObservers observers,
                                                              Consumer<DirectSubscription<?>> onClose) {
        DirectSubscription<E> subscription = new DirectSubscription<>(request, destination, routes, observers, onClose);
        subscription.group = routes.join(subscription);
        observers.subscriptionOpened(subscription);
        return subscription;
    }

    @Override
    public String name() {
        return request.name();
    }

    @Override
    public String destination() {
        return destination;
    }

    Class<E> eventType() {
        return request.eventType();
    }

    HandlerInvoker<E> invoker() {
        return invoker;
    }

    /** A number that no other direct subscription in this JVM has, which {@link CallStack} records. */
    long id() {
        return id;
    }

    /**
     * Records a handler call on the calling thread's {@code stack}; false (and not recorded) when the subscription
     * is closed. Call {@link #exit} when the call returns.
     */
    boolean enter(CallStack stack) {
        stack.push(this);
        if (closed) {
            stack.pop();
            return false;
        }
        return true;
    }

    /** The call recorded by {@link #enter} returned; a close waiting for it re-checks. */
    void exit(CallStack stack) {
        stack.pop();
        if (closed) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    /** Handler calls in progress now, on every thread. */
    int running() {
        return CallStack.running(this, null);
    }

    /**
     * Waits {@code delay} in the current thread before the next attempt; false when the subscription was closed or
     * the thread interrupted meanwhile, so that the event must be dead-lettered instead.
     */
    synchronized boolean awaitRetry(Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        try {
            while (!closed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return true;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void pause() {
        if (!paused) {
            paused = true;
            group.changed();
            observers.subscriptionPaused(this);
        }
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            group.changed();
            observers.subscriptionResumed(this);
        }
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void rewind(StartPosition position) {
        throw new UnsupportedCapabilityException(DirectBackendProvider.NAME, Capability.REPLAY,
                "Direct calls keep no history to replay. Use the inmemory or kafka backend to rewind subscription '"
                        + name() + "'.");
    }

    /**
     * The publishes waiting for or running this subscription's group; the oldest age is that of the oldest of them,
     * known for publishes that waited for a resume or failed, and for all of them while an observer is registered.
     */
    @Override
    public ConsumerLag lag() {
        SubscriptionGroup current = group;
        int pending = current.pending();
        return ConsumerLag.of(Map.of(0, (long) pending), current.oldestAge(pending));
    }

    /**
     * Stops offering events to this subscription, then waits (at most the close timeout) for handlers running in
     * other threads; a handler that closes its own subscription does not wait for itself.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
        }
        routes.leave(this, group);
        awaitOtherThreads(routes.closeTimeout());
        observers.subscriptionClosed(this);
        onClose.accept(this);
    }

    /**
     * Waits until no other thread runs this handler. Checks again at least every millisecond: a call's end is
     * published without a fence, so its notification may come before the check could see it.
     */
    private synchronized void awaitOtherThreads(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CallStack mine = CallStack.CURRENT.get();
        try {
            while (CallStack.running(this, mine) > 0) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(remaining, RECHECK_NANOS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "DirectSubscription[" + name() + " on " + destination + (paused ? ", paused" : "") + "]";
    }
}

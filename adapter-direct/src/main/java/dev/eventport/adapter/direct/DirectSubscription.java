package dev.eventport.adapter.direct;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.Capability;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.ports.UnsupportedCapabilityException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One member of a subscription group: its handler, which publishers call in their own threads, and the threads
 * running it now, which closing waits for.
 */
final class DirectSubscription implements Subscription {

    private final SubscriptionRequest<?> request;
    private final String destination;
    private final Routes routes;
    private final Consumer<DirectSubscription> onClose;
    private final Map<Thread, Integer> activeThreads = new HashMap<>();
    private volatile SubscriptionGroup group;
    private volatile boolean paused;
    private boolean closed;

    private DirectSubscription(SubscriptionRequest<?> request, String destination, Routes routes,
                               Consumer<DirectSubscription> onClose) {
        this.request = request;
        this.destination = destination;
        this.routes = routes;
        this.onClose = onClose;
    }

    /** A live subscription: every event published to {@code destination} from now on is offered to it. */
    static DirectSubscription open(SubscriptionRequest<?> request, String destination, Routes routes,
                                   Consumer<DirectSubscription> onClose) {
        DirectSubscription subscription = new DirectSubscription(request, destination, routes, onClose);
        subscription.group = routes.join(subscription);
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

    ErrorPolicy errorPolicy() {
        return request.errorPolicy();
    }

    /** Calls the handler in the current thread. */
    void handle(DomainEvent event, EventContext context) throws Exception {
        handleAs(request, event, context);
    }

    private static <E extends DomainEvent> void handleAs(SubscriptionRequest<E> request, DomainEvent event,
                                                         EventContext context) throws Exception {
        if (!request.eventType().isInstance(event)) {
            throw new UndecodableEventException(context.eventType() + " " + context.eventId() + " on '"
                    + context.destination() + "' cannot be handled by subscription '" + request.name() + "', which expects "
                    + request.eventType().getName() + ". Give the two event types distinct destinations ("
                    + "eventport.destination.<SimpleClassName>).", new byte[0], null);
        }
        request.handler().handle(request.eventType().cast(event), context);
    }

    /** Marks the current thread as running this handler; false when the subscription is closed. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        activeThreads.merge(Thread.currentThread(), 1, Integer::sum);
        return true;
    }

    /** The current thread no longer runs this handler. */
    synchronized void exit() {
        activeThreads.computeIfPresent(Thread.currentThread(), (thread, depth) -> depth == 1 ? null : depth - 1);
        notifyAll();
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
        paused = true;
        group.changed();
    }

    @Override
    public void resume() {
        paused = false;
        group.changed();
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

    @Override
    public ConsumerLag lag() {
        return ConsumerLag.of(Map.of(0, (long) group.pending()));
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
        onClose.accept(this);
    }

    private synchronized void awaitOtherThreads(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread current = Thread.currentThread();
        try {
            while (activeThreads.keySet().stream().anyMatch(thread -> thread != current)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
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

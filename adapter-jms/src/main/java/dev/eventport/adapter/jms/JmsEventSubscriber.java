package dev.eventport.adapter.jms;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts subscriptions on a JMS broker: in {@code topic} mode each subscription name is a shared durable
 * subscription (JMS name {@code <destination>:<subscription>}) of the destination's topic; in {@code queue} mode
 * every subscription consumes the destination's queue, so subscriptions compete whatever their names.
 *
 * <p>Contract: as {@link EventSubscriber}. {@code subscribe} returns once every consumer of the subscription is
 * registered at the broker (in topic mode the durable subscription exists, so events published after it returned
 * are kept for it). Each consumer runs in its own thread, with its own connection and transacted session: a message
 * is committed only after its handler returned or it was moved to {@code <destination>.DLQ} (in batches of up to
 * 100 messages handled within 50 ms, and always before a pause or close returns); retries wait in the
 * consumer's thread, so the other consumers go on and one aggregate's events stay in order. A start position is
 * ignored: JMS keeps no history (topic mode sees what is published after the subscription first existed, queue
 * mode what is still in the queue). Obtained from {@link dev.eventport.ports.EventBackend#createSubscriber()}.
 */
public final class JmsEventSubscriber implements EventSubscriber {

    private final JmsBackend backend;
    private final Set<JmsSubscription<?>> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    JmsEventSubscriber(JmsBackend backend) {
        this.backend = backend;
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(SubscriptionRequest<E> request) {
        if (closed) {
            throw new IllegalStateException("This JMS subscriber is closed: create another with EventBackend.createSubscriber()");
        }
        JmsSubscription<E> subscription = JmsSubscription.start(backend, request, subscriptions::remove);
        subscriptions.add(subscription);
        if (closed) {
            subscription.close();
        }
        return subscription;
    }

    /** Closes every subscription started here, each within {@link JmsConfig#CLOSE_TIMEOUT}; idempotent. */
    @Override
    public void close() {
        closed = true;
        for (JmsSubscription<?> subscription : List.copyOf(subscriptions)) {
            subscription.close();
        }
        backend.forget(this);
    }
}

package dev.eventport.adapter.inmemory;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportException;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Starts in-memory subscriptions and closes those still open when it is closed. */
final class InMemorySubscriber implements EventSubscriber {

    private final InMemoryEventBackend backend;
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    InMemorySubscriber(InMemoryEventBackend backend) {
        this.backend = backend;
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(SubscriptionRequest<E> request) {
        if (closed || backend.isClosed()) {
            throw new EventportException("Cannot start subscription '" + request.name() + "': the subscriber is closed. "
                    + "Subscribe through an open subscriber (EventBackend.createSubscriber())");
        }
        Subscription subscription = InMemorySubscription.start(request, backend.topicFor(request.eventType()),
                backend.deadLetterStore(), backend.observers(), backend.config().closeTimeout(), open::remove);
        open.add(subscription);
        return subscription;
    }

    @Override
    public void close() {
        closed = true;
        List.copyOf(open).forEach(Subscription::close);
        backend.forget(this);
    }
}

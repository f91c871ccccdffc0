package dev.eventport.adapter.direct;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportException;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.spi.BackendObservers;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Starts direct subscriptions and closes them all when it is closed. */
final class DirectSubscriber implements EventSubscriber {

    private final DestinationNaming naming;
    private final Routes routes;
    private final BackendObservers observers;
    private final Consumer<EventSubscriber> onClose;
    private final Set<DirectSubscription<?>> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    DirectSubscriber(DestinationNaming naming, Routes routes, BackendObservers observers, Consumer<EventSubscriber> onClose) {
        this.naming = naming;
        this.routes = routes;
        this.observers = observers;
        this.onClose = onClose;
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(SubscriptionRequest<E> request) {
        Objects.requireNonNull(request, "subscribe(request): request must not be null");
        requireOpen(request);
        DirectSubscription<E> subscription = DirectSubscription.open(request, naming.destinationFor(request.eventType()),
                routes, observers, subscriptions::remove);
        subscriptions.add(subscription);
        if (closed) {
            subscription.close();
            requireOpen(request);
        }
        return subscription;
    }

    private void requireOpen(SubscriptionRequest<?> request) {
        if (closed) {
            throw new EventportException("Cannot start subscription '" + request.name() + "': this subscriber is closed. "
                    + "Subscribe through an open subscriber (EventBackend.createSubscriber()).");
        }
    }

    @Override
    public void close() {
        closed = true;
        new ArrayList<>(subscriptions).forEach(DirectSubscription::close);
        onClose.accept(this);
    }
}

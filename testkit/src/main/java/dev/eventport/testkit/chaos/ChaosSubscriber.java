package dev.eventport.testkit.chaos;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;

/** Subscribes through the real subscriber with every handler wrapped in a {@link ChaosHandler}. */
final class ChaosSubscriber implements EventSubscriber {

    private final EventSubscriber delegate;
    private final FaultInjector injector;

    ChaosSubscriber(EventSubscriber delegate, FaultInjector injector) {
        this.delegate = delegate;
        this.injector = injector;
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(SubscriptionRequest<E> request) {
        return delegate.subscribe(request.withHandler(new ChaosHandler<E>(request.handler(), injector,
                injector.placeOf(request.name()))));
    }

    @Override
    public void close() {
        delegate.close();
    }
}

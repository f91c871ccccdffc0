package dev.eventport.testkit.chaos;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Calls the subscriber's handler with the delivery fault the injector chose: duplicate, crash, delay or none. */
final class ChaosHandler<E extends DomainEvent> implements EventHandler<E> {

    private final EventHandler<? super E> delegate;
    private final FaultInjector injector;
    private final String place;

    /** {@code place} names the subscription for the dice: stable from run to run, unlike a generated name. */
    ChaosHandler(EventHandler<? super E> delegate, FaultInjector injector, String place) {
        this.delegate = delegate;
        this.injector = injector;
        this.place = place;
    }

    @Override
    public void handle(E event, EventContext context) throws Exception {
        Optional<Fault> chosen = injector.nextDelivery(place, event.eventId());
        if (chosen.isEmpty()) {
            delegate.handle(event, context);
            return;
        }
        Fault fault = chosen.get();
        switch (fault.kind()) {
            case CRASH_BEFORE_EFFECT -> throw crash(fault);
            case CRASH_AFTER_EFFECT -> {
                delegate.handle(event, context);
                throw crash(fault);
            }
            case DUPLICATE_DELIVERY -> {
                delegate.handle(event, context);
                delegate.handle(event, context);
            }
            case DELAY -> {
                // the injected fault is a slow handler: this wait is the fault, not a synchronisation
                TimeUnit.MILLISECONDS.sleep(injector.delayOf(fault).toMillis());
                delegate.handle(event, context);
            }
            default -> throw new IllegalStateException("not a delivery fault: " + fault);
        }
    }

    private InjectedFaultException crash(Fault fault) {
        return new InjectedFaultException(fault, injector.plan().seed());
    }
}

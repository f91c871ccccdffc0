package dev.eventport.metrics.micrometer;

import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.spi.BackendObservers;

/**
 * A backend reduced to its observers (the real {@link BackendObservers} every adapter delegates to), so that a test
 * can play callbacks exactly; the contract suite checks the same meters on the real backends.
 */
final class ObservedBackend implements EventBackend {

    final BackendObservers observers = new BackendObservers("observed");

    @Override
    public String name() {
        return "observed";
    }

    @Override
    public Capabilities capabilities() {
        return Capabilities.of();
    }

    @Override
    public EventPublisher createPublisher() {
        throw new UnsupportedOperationException("not needed by the metrics tests");
    }

    @Override
    public EventSubscriber createSubscriber() {
        throw new UnsupportedOperationException("not needed by the metrics tests");
    }

    @Override
    public DeadLetters deadLetters() {
        throw new UnsupportedOperationException("not needed by the metrics tests");
    }

    @Override
    public DestinationNaming destinations() {
        throw new UnsupportedOperationException("not needed by the metrics tests");
    }

    @Override
    public BackendHealth health() {
        return BackendHealth.healthy();
    }

    @Override
    public void addObserver(BackendObserver observer) {
        observers.add(observer);
    }

    @Override
    public void removeObserver(BackendObserver observer) {
        observers.remove(observer);
    }

    @Override
    public void close() {
    }
}

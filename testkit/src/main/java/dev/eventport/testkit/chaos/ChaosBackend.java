package dev.eventport.testkit.chaos;

import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link EventBackend} decorator that injects faults, reproducibly from a seed, into everything published and
 * delivered through it: duplicate deliveries, handler crashes before and after the handler's side effect, delays,
 * and publish failures (a failed future, a thrown {@link dev.eventport.ports.PublishFailedException}, or an event
 * sent whose future fails anyway).
 *
 * <pre>{@code
 * ChaosSeed seed = ChaosSeed.resolve();                      // -Deventport.chaos.seed=... replays a run
 * ChaosBackend chaos = ChaosBackend.wrap(backend, ChaosPlan.seeded(seed).withPublishFailures(0.2));
 * }</pre>
 *
 * <p>Contract: publishers and subscribers created through the wrapper inject the {@link ChaosPlan}'s faults; every
 * other method delegates unchanged (so the name, capabilities and dead letters are the real backend's). Which
 * fault hits which publish or delivery depends only on the seed, the event id, the subscription and the
 * occurrence (see {@link Fault}): the same seed and workload inject the same faults. {@link #faults()} lists what
 * was injected. {@link #close()} closes the wrapped backend.
 */
public final class ChaosBackend implements EventBackend {

    private final EventBackend delegate;
    private final FaultInjector injector;

    private ChaosBackend(EventBackend delegate, ChaosPlan plan) {
        this.delegate = Objects.requireNonNull(delegate, "backend");
        this.injector = new FaultInjector(Objects.requireNonNull(plan, "plan"));
    }

    /** Wraps {@code backend} so that what goes through the wrapper suffers the faults of {@code plan}. */
    public static ChaosBackend wrap(EventBackend backend, ChaosPlan plan) {
        return new ChaosBackend(backend, plan);
    }

    /** The plan, with its seed. */
    public ChaosPlan plan() {
        return injector.plan();
    }

    /** Every fault injected so far, in the order they were injected. */
    public List<Fault> faults() {
        return injector.injected();
    }

    /** How many faults of each kind were injected so far (every kind present, zero included). */
    public Map<Fault.Kind, Integer> faultCounts() {
        return injector.counts();
    }

    /** The total of injected faults. */
    public int faultsInjected() {
        return faults().size();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public EventPublisher createPublisher() {
        return new ChaosPublisher(delegate.createPublisher(), injector, delegate.destinations());
    }

    @Override
    public EventSubscriber createSubscriber() {
        return new ChaosSubscriber(delegate.createSubscriber(), injector);
    }

    @Override
    public DeadLetters deadLetters() {
        return delegate.deadLetters();
    }

    @Override
    public DestinationNaming destinations() {
        return delegate.destinations();
    }

    @Override
    public BackendHealth health() {
        return delegate.health();
    }

    @Override
    public void addObserver(BackendObserver observer) {
        delegate.addObserver(observer);
    }

    @Override
    public void removeObserver(BackendObserver observer) {
        delegate.removeObserver(observer);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "ChaosBackend[" + delegate.name() + ", seed " + plan().seed() + "]";
    }
}

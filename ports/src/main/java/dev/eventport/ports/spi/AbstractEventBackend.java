package dev.eventport.ports.spi;

import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every {@link EventBackend} does the same way, for backend authors (SPI, not for applications): its name,
 * capabilities and destination naming, the {@link BackendObservers} that {@link #addObserver} and
 * {@link #removeObserver} delegate to, the publishers and subscribers it created, its closed state, and the
 * frame of {@link #health()}.
 *
 * <p>Contract for a subclass:
 * <ul>
 *   <li>Pass every publisher and subscriber through {@link #track(AutoCloseable)} before handing it out; when the
 *       backend was closed meanwhile, {@code track} closes it and throws. A tracked resource calls
 *       {@link #forget(Object)} when it is closed.</li>
 *   <li>{@link #close()} is idempotent: the first call marks the backend closed, closes the tracked subscribers
 *       (so that handlers still running can publish), then the tracked publishers, then calls {@link #release()}
 *       once, for what the backend itself holds (clients, connections, threads). A resource whose close throws is
 *       logged, and the others are still closed.</li>
 *   <li>{@link #health()} of a closed backend can neither publish nor consume and says the backend is closed; an
 *       open backend answers {@link #openHealth()}, by default one problem per paused, restarting or failed
 *       subscription.</li>
 *   <li>{@link #requireOpen()} throws an {@link EventportException} naming the backend once it is closed.</li>
 * </ul>
 * Thread safe; a subclass keeps its own state thread safe.
 */
public abstract class AbstractEventBackend implements EventBackend {

    private static final Logger LOG = LoggerFactory.getLogger(AbstractEventBackend.class);

    private final String name;
    private final Capabilities capabilities;
    private final DestinationNaming destinations;
    private final BackendObservers observers;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final Object closing = new Object();
    private volatile boolean closed;

    /**
     * A backend called {@code name} (as in {@code eventport.backend}) that guarantees {@code capabilities} and maps
     * event types to destinations with {@code destinations}.
     */
    protected AbstractEventBackend(String name, Capabilities capabilities, DestinationNaming destinations) {
        this.name = Objects.requireNonNull(name, "name");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
        this.destinations = Objects.requireNonNull(destinations, "destinations");
        this.observers = new BackendObservers(name);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public final DestinationNaming destinations() {
        return destinations;
    }

    @Override
    public final void addObserver(BackendObserver observer) {
        observers.add(observer);
    }

    @Override
    public final void removeObserver(BackendObserver observer) {
        observers.remove(observer);
    }

    /** The observers that publishers and subscriptions report to; a subclass may widen its access to its package. */
    protected BackendObservers observers() {
        return observers;
    }

    /** Whether {@link #close()} was called; a subclass may widen its access to its package. */
    protected boolean isClosed() {
        return closed;
    }

    /** Throws an {@link EventportException} saying that this backend is closed, if it is. */
    protected final void requireOpen() {
        if (closed) {
            throw new EventportException("The " + name + " backend is closed: open a new one (MessagingBackends.load(...)) "
                    + "to publish or subscribe again.");
        }
    }

    /**
     * Keeps {@code resource} (a new publisher or subscriber) to close it with the backend and returns it; when the
     * backend is closed, closes it and throws as {@link #requireOpen()} does.
     */
    protected final <T extends AutoCloseable> T track(T resource) {
        open.add(resource);
        if (closed) {
            open.remove(resource);
            closeQuietly(resource);
            requireOpen();
        }
        return resource;
    }

    /** Stops keeping a tracked resource (it was closed); no effect on one not tracked. */
    protected void forget(Object resource) {
        open.remove(resource);
    }

    /** The tracked resources of a type, e.g. the open subscribers to ask for their problems. */
    protected final <T> List<T> tracked(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (AutoCloseable resource : open) {
            if (type.isInstance(resource)) {
                matching.add(type.cast(resource));
            }
        }
        return matching;
    }

    /** A closed backend cannot publish nor consume; an open one answers {@link #openHealth()}. */
    @Override
    public final BackendHealth health() {
        if (closed) {
            return new BackendHealth(false, false, List.of("the " + name + " backend is closed: open a new one to publish "
                    + "or subscribe again"), Instant.now());
        }
        return openHealth();
    }

    /**
     * The health of the open backend; by default it can publish, and cannot consume while a subscription is paused,
     * restarting or failed.
     */
    protected BackendHealth openHealth() {
        return healthOf(List.of(), observers.subscriptionProblems());
    }

    /**
     * A health checked now: it can publish when {@code publishProblems} is empty and consume when
     * {@code consumeProblems} is empty; its problems are both lists, each problem once.
     */
    protected static BackendHealth healthOf(List<String> publishProblems, List<String> consumeProblems) {
        List<String> problems = new ArrayList<>(publishProblems);
        consumeProblems.stream().filter(problem -> !problems.contains(problem)).forEach(problems::add);
        return new BackendHealth(publishProblems.isEmpty(), consumeProblems.isEmpty(), problems, Instant.now());
    }

    /** Closes the subscribers, then the publishers still open, then {@link #release() releases} the backend; idempotent. */
    @Override
    public final void close() {
        synchronized (closing) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<AutoCloseable> resources = List.copyOf(open);
        resources.stream().filter(EventSubscriber.class::isInstance).forEach(AbstractEventBackend::closeQuietly);
        resources.stream().filter(resource -> !(resource instanceof EventSubscriber))
                .forEach(AbstractEventBackend::closeQuietly);
        release();
    }

    /** Releases what the backend holds itself, once, after its publishers and subscribers were closed. */
    protected void release() {
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Closing {} failed; the backend goes on closing the rest: {}", resource, e.toString(), e);
        }
    }
}

package dev.eventport.metrics.micrometer;

import dev.eventport.ports.EventBackend;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Micrometer metrics of one eventport backend, the same names and tags on every backend (direct, inmemory, jms,
 * kafka), so one dashboard serves them all.
 *
 * <pre>{@code
 * try (EventportMetrics metrics = EventportMetrics.bind(backend, registry)) {
 *     ... publish and subscribe as usual ...
 * }
 * }</pre>
 *
 * <p>The meters (every one tagged {@value #TAG_BACKEND} = {@link EventBackend#name()} and
 * {@value #TAG_DESTINATION}; the consumer meters also {@value #TAG_SUBSCRIPTION} = the subscription name):
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>extra tags</th><th>what it measures</th></tr>
 *   <tr><td>{@value #PUBLISH}</td><td>timer</td><td>{@value #TAG_OUTCOME}</td>
 *       <td>each publish, from the call to the completion of its future; its count per {@value #TAG_OUTCOME}
 *       ({@value #SUCCESS}, {@value #FAILURE}) is the number of events published and refused</td></tr>
 *   <tr><td>{@value #HANDLER}</td><td>timer</td><td>{@value #TAG_SUBSCRIPTION}, {@value #TAG_OUTCOME}</td>
 *       <td>each handler call (every attempt); {@value #FAILURE} means the handler threw</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>counter</td><td>{@value #TAG_SUBSCRIPTION}</td>
 *       <td>failed attempts that will be attempted again</td></tr>
 *   <tr><td>{@value #DEAD_LETTERED}</td><td>counter</td><td>{@value #TAG_SUBSCRIPTION}</td>
 *       <td>events sent to the dead letters (after the last attempt, at once when non-retryable or undecodable)</td></tr>
 *   <tr><td>{@value #DUPLICATES_SKIPPED}</td><td>counter</td><td>{@value #TAG_SUBSCRIPTION}</td>
 *       <td>events an {@link dev.eventport.ports.idempotency.IdempotentHandler} skipped as already processed</td></tr>
 *   <tr><td>{@value #CONSUMER_LAG}</td><td>gauge</td><td>{@value #TAG_SUBSCRIPTION}</td>
 *       <td>events published and not yet processed by the subscription ({@code Subscription.lag().total()})</td></tr>
 *   <tr><td>{@value #CONSUMER_LAG_OLDEST_AGE}</td><td>time gauge</td><td>{@value #TAG_SUBSCRIPTION}</td>
 *       <td>how long the oldest unprocessed event has waited ({@code ConsumerLag.oldestAge()}); 0 when nothing
 *       waits, NaN when the backend cannot tell</td></tr>
 * </table>
 *
 * <p>Contract: {@link #bind} registers an observer with {@link EventBackend#addObserver}; the meters of a
 * subscription appear (at zero) when it opens, or when a subscription already open at bind time is reported, and
 * are removed when the last subscription of that name and destination closes. Several consumers sharing a
 * subscription name share its meters; the gauges show the largest figure any of them reports (each backend
 * measures the lag of a subscription name as a whole). The gauges read {@code Subscription.lag()}, which never
 * blocks, so a scrape never waits for a broker. {@link #close()} stops observing and removes every meter this
 * binding registered; it is idempotent. Bind a backend to a registry once.
 */
public final class EventportMetrics implements AutoCloseable {

    /** Timer of publishes; tags backend, destination, outcome. */
    public static final String PUBLISH = "eventport.publish";
    /** Timer of handler calls; tags backend, destination, subscription, outcome. */
    public static final String HANDLER = "eventport.handler";
    /** Counter of failed attempts that will be retried; tags backend, destination, subscription. */
    public static final String RETRIES = "eventport.retries";
    /** Counter of events sent to the dead letters; tags backend, destination, subscription. */
    public static final String DEAD_LETTERED = "eventport.dead.lettered";
    /** Counter of duplicates skipped by an IdempotentHandler; tags backend, destination, subscription. */
    public static final String DUPLICATES_SKIPPED = "eventport.duplicates.skipped";
    /** Gauge of the events not yet processed by a subscription; tags backend, destination, subscription. */
    public static final String CONSUMER_LAG = "eventport.consumer.lag";
    /** Time gauge of the age of a subscription's oldest unprocessed event; tags backend, destination, subscription. */
    public static final String CONSUMER_LAG_OLDEST_AGE = "eventport.consumer.lag.oldest.age";

    /** Tag: the backend's name ("direct", "inmemory", "jms", "kafka"). */
    public static final String TAG_BACKEND = "backend";
    /** Tag: the destination (topic or queue). */
    public static final String TAG_DESTINATION = "destination";
    /** Tag: the subscription name. */
    public static final String TAG_SUBSCRIPTION = "subscription";
    /** Tag of the timers: {@value #SUCCESS} or {@value #FAILURE}. */
    public static final String TAG_OUTCOME = "outcome";
    /** Outcome: the publish was accepted, or the handler returned. */
    public static final String SUCCESS = "success";
    /** Outcome: the publish failed, or the handler threw. */
    public static final String FAILURE = "failure";

    private final EventBackend backend;
    private final MetricsObserver observer;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EventportMetrics(EventBackend backend, MetricsObserver observer) {
        this.backend = backend;
        this.observer = observer;
    }

    /**
     * Starts recording the metrics of {@code backend} in {@code registry}, until the returned binding is closed.
     *
     * @throws UnsupportedOperationException when the backend does not accept observers
     */
    public static EventportMetrics bind(EventBackend backend, MeterRegistry registry) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(registry, "registry");
        MetricsObserver observer = new MetricsObserver(backend.name(), registry);
        backend.addObserver(observer);
        return new EventportMetrics(backend, observer);
    }

    /** Stops recording and removes every meter of this binding from the registry; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            backend.removeObserver(observer);
            observer.removeMeters();
        }
    }

    @Override
    public String toString() {
        return "EventportMetrics[backend=" + backend.name() + (closed.get() ? ", closed]" : "]");
    }
}

package dev.eventport.ports.spi;

import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The observers of one backend and its open subscriptions: what a backend delegates
 * {@link dev.eventport.ports.EventBackend#addObserver} to, and the one place that logs subscription lifecycle.
 *
 * <p>Contract: thread safe; every callback reaches every registered observer, and one observer that throws is
 * logged and does not stop the others or the backend. Subscription callbacks also keep the set of open
 * subscriptions (an observer added later hears of them first) and log one INFO line per change. Backends check
 * {@link #isEmpty()} before measuring anything, so with no observer the hot path pays one volatile read.
 */
public final class BackendObservers implements BackendObserver {

    private static final Logger LOG = LoggerFactory.getLogger(BackendObservers.class);

    private final String backend;
    private final List<BackendObserver> observers = new CopyOnWriteArrayList<>();
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    private final Map<ConsumerSupervisor, String> consumerProblems = new ConcurrentHashMap<>();
    private volatile boolean empty = true;

    /** The observers of the backend named {@code backend} (used in log lines). */
    public BackendObservers(String backend) {
        this.backend = backend;
    }

    /** Registers an observer, which first hears of the open subscriptions; no effect when already registered. */
    public synchronized void add(BackendObserver observer) {
        if (observers.contains(observer)) {
            return;
        }
        for (Subscription subscription : open) {
            safely(observer, o -> o.subscriptionOpened(subscription));
        }
        observers.add(observer);
        empty = false;
    }

    /** Unregisters an observer. */
    public synchronized void remove(BackendObserver observer) {
        observers.remove(observer);
        empty = observers.isEmpty();
    }

    /** Whether nobody observes: backends skip timing when true. */
    public boolean isEmpty() {
        return empty;
    }

    /** The subscriptions opened and not yet closed. */
    public List<Subscription> openSubscriptions() {
        return List.copyOf(open);
    }

    /** The name of the backend, as in log lines. */
    String backend() {
        return backend;
    }

    /** Sets (or clears, with null) the problem a supervised consumer has now. */
    void consumerProblem(ConsumerSupervisor consumer, String problem) {
        if (problem == null) {
            consumerProblems.remove(consumer);
        } else {
            consumerProblems.put(consumer, problem);
        }
    }

    /**
     * What stops the open subscriptions from receiving events, for {@link dev.eventport.ports.BackendHealth}: one
     * problem per paused subscription and one per supervised consumer that is waiting to restart or has failed.
     */
    public List<String> subscriptionProblems() {
        List<String> problems = new ArrayList<>(consumerProblems.values());
        for (Subscription subscription : open) {
            if (subscription.isPaused()) {
                problems.add("subscription '" + subscription.name() + "' on '" + subscription.destination()
                        + "' is paused: call resume() to receive events again");
            }
        }
        return problems;
    }

    /** {@link System#nanoTime()} when someone observes, 0 otherwise; pass it to {@link #publishCompleted}. */
    public long startTimer() {
        return empty ? 0L : System.nanoTime();
    }

    /** Reports a publish that started at {@code startNanos} (from {@link #startTimer()}) and completed now. */
    public void publishCompleted(String destination, String eventType, long startNanos, Throwable failure) {
        if (!empty) {
            published(destination, eventType, System.nanoTime() - startNanos, failure);
        }
    }

    @Override
    public void published(String destination, String eventType, long durationNanos, Throwable failure) {
        for (BackendObserver observer : observers) {
            try {
                observer.published(destination, eventType, durationNanos, failure);
            } catch (RuntimeException e) {
                ignored(observer, e);
            }
        }
    }

    @Override
    public void handled(String destination, String subscription, long durationNanos, Throwable failure) {
        for (BackendObserver observer : observers) {
            try {
                observer.handled(destination, subscription, durationNanos, failure);
            } catch (RuntimeException e) {
                ignored(observer, e);
            }
        }
    }

    @Override
    public void retryScheduled(String destination, String subscription, String eventId, int failedAttempt, Duration delay) {
        for (BackendObserver observer : observers) {
            safely(observer, o -> o.retryScheduled(destination, subscription, eventId, failedAttempt, delay));
        }
    }

    @Override
    public void deadLettered(String destination, String subscription, String eventId, int attempts, Throwable reason) {
        for (BackendObserver observer : observers) {
            safely(observer, o -> o.deadLettered(destination, subscription, eventId, attempts, reason));
        }
    }

    @Override
    public void duplicateSkipped(String destination, String subscription, String eventId) {
        for (BackendObserver observer : observers) {
            safely(observer, o -> o.duplicateSkipped(destination, subscription, eventId));
        }
    }

    @Override
    public synchronized void subscriptionOpened(Subscription subscription) {
        open.add(subscription);
        LOG.info("{}: subscription '{}' on '{}' opened", backend, subscription.name(), subscription.destination());
        for (BackendObserver observer : observers) {
            safely(observer, o -> o.subscriptionOpened(subscription));
        }
    }

    @Override
    public void subscriptionPaused(Subscription subscription) {
        LOG.info("{}: subscription '{}' on '{}' paused", backend, subscription.name(), subscription.destination());
        for (BackendObserver observer : observers) {
            safely(observer, o -> o.subscriptionPaused(subscription));
        }
    }

    @Override
    public void subscriptionResumed(Subscription subscription) {
        LOG.info("{}: subscription '{}' on '{}' resumed", backend, subscription.name(), subscription.destination());
        for (BackendObserver observer : observers) {
            safely(observer, o -> o.subscriptionResumed(subscription));
        }
    }

    @Override
    public void consumerRestarted(Subscription subscription, Throwable cause, int restartInRow, Duration delay) {
        for (BackendObserver observer : observers) {
            safely(observer, o -> o.consumerRestarted(subscription, cause, restartInRow, delay));
        }
    }

    @Override
    public void subscriptionFailed(Subscription subscription, Throwable cause) {
        for (BackendObserver observer : observers) {
            safely(observer, o -> o.subscriptionFailed(subscription, cause));
        }
    }

    @Override
    public synchronized void subscriptionClosed(Subscription subscription) {
        if (!open.remove(subscription)) {
            return;
        }
        LOG.info("{}: subscription '{}' on '{}' closed", backend, subscription.name(), subscription.destination());
        for (BackendObserver observer : observers) {
            safely(observer, o -> o.subscriptionClosed(subscription));
        }
    }

    private void safely(BackendObserver observer, Consumer<BackendObserver> callback) {
        try {
            callback.accept(observer);
        } catch (RuntimeException e) {
            ignored(observer, e);
        }
    }

    private void ignored(BackendObserver observer, RuntimeException e) {
        LOG.warn("{}: observer {} threw and was ignored: {}", backend, observer, e.toString(), e);
    }
}

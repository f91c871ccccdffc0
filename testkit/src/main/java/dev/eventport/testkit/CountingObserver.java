package dev.eventport.testkit;

import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link BackendObserver} for tests that counts what a backend reports: publishes and handler calls with their
 * failures, scheduled retries and skipped duplicates; and lists, in the order they were reported, the dead letters
 * as {@code "<eventId> after <attempts>"} (an undecodable message has the event id the backend reports for it and 0
 * attempts), the subscription changes as {@code "opened <name>"}, {@code "paused <name>"}, {@code "resumed <name>"}
 * and {@code "closed <name>"}, and every callback as one line (see {@link #calls()}).
 *
 * <p>Contract: thread safe (backends report from publisher and consumer threads); every getter answers what was
 * reported until now, the lists as unmodifiable copies. Equality is identity, so registering one instance twice
 * with a backend registers it once.
 */
public final class CountingObserver implements BackendObserver {

    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger publishFailures = new AtomicInteger();
    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger handlerFailures = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final List<String> deadLettered = new CopyOnWriteArrayList<>();
    private final List<String> lifecycle = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** An observer that has counted nothing yet. */
    public CountingObserver() {
    }

    /** Publishes the backend took responsibility for. */
    public int published() {
        return published.get();
    }

    /** Publishes that failed. */
    public int publishFailures() {
        return publishFailures.get();
    }

    /** Handler calls, whatever their outcome (every attempt counts). */
    public int handled() {
        return handled.get();
    }

    /** Handler calls that threw. */
    public int handlerFailures() {
        return handlerFailures.get();
    }

    /** Failed attempts for which a retry was scheduled. */
    public int retries() {
        return retries.get();
    }

    /** Events an idempotent handler skipped as duplicates. */
    public int duplicates() {
        return duplicates.get();
    }

    /** The dead letters, {@code "<eventId> after <attempts>"}, in the order they were reported. */
    public List<String> deadLettered() {
        return List.copyOf(deadLettered);
    }

    /** The subscription changes, e.g. {@code "opened billing"}, in the order they were reported. */
    public List<String> lifecycle() {
        return List.copyOf(lifecycle);
    }

    /**
     * Every callback in the order reported, one line each: {@code "published <eventType>"}, {@code "handled
     * <subscription>"} (both followed by {@code " failed"} on failure, and by {@code " negative duration"} when the
     * backend reported one), {@code "retry <subscription> after <failedAttempt>"}, {@code "dead-lettered
     * <subscription> after <attempts>"}, {@code "duplicate <subscription>"}, and the subscription changes as in
     * {@link #lifecycle()}.
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void published(String destination, String eventType, long durationNanos, Throwable failure) {
        (failure == null ? published : publishFailures).incrementAndGet();
        calls.add("published " + eventType + outcome(durationNanos, failure));
    }

    @Override
    public void handled(String destination, String subscription, long durationNanos, Throwable failure) {
        handled.incrementAndGet();
        if (failure != null) {
            handlerFailures.incrementAndGet();
        }
        calls.add("handled " + subscription + outcome(durationNanos, failure));
    }

    @Override
    public void retryScheduled(String destination, String subscription, String eventId, int failedAttempt, Duration delay) {
        retries.incrementAndGet();
        calls.add("retry " + subscription + " after " + failedAttempt);
    }

    @Override
    public void deadLettered(String destination, String subscription, String eventId, int attempts, Throwable reason) {
        deadLettered.add(eventId + " after " + attempts);
        calls.add("dead-lettered " + subscription + " after " + attempts);
    }

    @Override
    public void duplicateSkipped(String destination, String subscription, String eventId) {
        duplicates.incrementAndGet();
        calls.add("duplicate " + subscription);
    }

    @Override
    public void subscriptionOpened(Subscription subscription) {
        changed("opened", subscription);
    }

    @Override
    public void subscriptionPaused(Subscription subscription) {
        changed("paused", subscription);
    }

    @Override
    public void subscriptionResumed(Subscription subscription) {
        changed("resumed", subscription);
    }

    @Override
    public void subscriptionClosed(Subscription subscription) {
        changed("closed", subscription);
    }

    private void changed(String change, Subscription subscription) {
        String line = change + " " + subscription.name();
        lifecycle.add(line);
        calls.add(line);
    }

    private static String outcome(long durationNanos, Throwable failure) {
        return (failure == null ? "" : " failed") + (durationNanos >= 0 ? "" : " negative duration");
    }

    @Override
    public String toString() {
        return "CountingObserver[published=" + published + ", publishFailures=" + publishFailures + ", handled=" + handled
                + ", handlerFailures=" + handlerFailures + ", retries=" + retries + ", duplicates=" + duplicates
                + ", deadLettered=" + deadLettered + ", lifecycle=" + lifecycle + "]";
    }
}

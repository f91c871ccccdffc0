package dev.eventport.metrics.micrometer;

import static dev.eventport.metrics.micrometer.EventportMetrics.FAILURE;
import static dev.eventport.metrics.micrometer.EventportMetrics.SUCCESS;
import static dev.eventport.metrics.micrometer.EventportMetrics.TAG_BACKEND;
import static dev.eventport.metrics.micrometer.EventportMetrics.TAG_DESTINATION;
import static dev.eventport.metrics.micrometer.EventportMetrics.TAG_OUTCOME;
import static dev.eventport.metrics.micrometer.EventportMetrics.TAG_SUBSCRIPTION;

import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.Subscription;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Turns one backend's observer callbacks into the meters {@link EventportMetrics} documents. */
final class MetricsObserver implements BackendObserver {

    private static final String PUBLISH_DESCRIPTION = "Publishes, from the call to the completion of the future";
    private static final String HANDLER_DESCRIPTION = "Handler calls, every attempt";

    private final MeterRegistry registry;
    private final Tags backendTags;
    private final ConcurrentHashMap<String, PublishMeters> publishes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, SubscriptionMeters> subscriptions = new ConcurrentHashMap<>();

    MetricsObserver(String backend, MeterRegistry registry) {
        this.registry = registry;
        this.backendTags = Tags.of(TAG_BACKEND, backend);
    }

    @Override
    public void published(String destination, String eventType, long durationNanos, Throwable failure) {
        PublishMeters meters = publishes.computeIfAbsent(tagValue(destination), PublishMeters::new);
        (failure == null ? meters.success : meters.failure).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handled(String destination, String subscription, long durationNanos, Throwable failure) {
        SubscriptionMeters meters = meters(destination, subscription);
        (failure == null ? meters.handlerSuccess : meters.handlerFailure).record(durationNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void retryScheduled(String destination, String subscription, String eventId, int failedAttempt, Duration delay) {
        meters(destination, subscription).retries.increment();
    }

    @Override
    public void deadLettered(String destination, String subscription, String eventId, int attempts, Throwable reason) {
        meters(destination, subscription).deadLettered.increment();
    }

    @Override
    public void duplicateSkipped(String destination, String subscription, String eventId) {
        meters(destination, subscription).duplicatesSkipped.increment();
    }

    @Override
    public void subscriptionOpened(Subscription subscription) {
        meters(subscription.destination(), subscription.name()).consumers.addIfAbsent(subscription);
    }

    @Override
    public void subscriptionClosed(Subscription subscription) {
        subscriptions.computeIfPresent(key(subscription.destination(), subscription.name()), (key, meters) -> {
            meters.consumers.remove(subscription);
            if (!meters.consumers.isEmpty()) {
                return meters;
            }
            meters.removeFrom(registry);
            return null;
        });
    }

    /** Removes every meter registered so far. */
    void removeMeters() {
        publishes.values().removeIf(meters -> {
            meters.removeFrom(registry);
            return true;
        });
        subscriptions.values().removeIf(meters -> {
            meters.removeFrom(registry);
            return true;
        });
    }

    private Timer timer(String name, String description, Tags tags, String outcome) {
        return Timer.builder(name).description(description).tags(tags).tag(TAG_OUTCOME, outcome).register(registry);
    }

    private SubscriptionMeters meters(String destination, String subscription) {
        return subscriptions.computeIfAbsent(key(destination, subscription), SubscriptionMeters::new);
    }

    private static Key key(String destination, String subscription) {
        return new Key(tagValue(destination), tagValue(subscription));
    }

    /** Micrometer refuses null tag values; a callback without a name is counted under "unknown". */
    private static String tagValue(String value) {
        return value == null ? "unknown" : value;
    }

    private record Key(String destination, String subscription) {
    }

    /** The meters of one destination's publishes. */
    private final class PublishMeters {

        final Timer success;
        final Timer failure;

        PublishMeters(String destination) {
            Tags tags = backendTags.and(TAG_DESTINATION, destination);
            success = timer(EventportMetrics.PUBLISH, PUBLISH_DESCRIPTION, tags, SUCCESS);
            failure = timer(EventportMetrics.PUBLISH, PUBLISH_DESCRIPTION, tags, FAILURE);
        }

        void removeFrom(MeterRegistry from) {
            from.remove(success);
            from.remove(failure);
        }
    }

    /** The meters of one subscription name on one destination, and the consumers open under it. */
    private final class SubscriptionMeters {

        final CopyOnWriteArrayList<Subscription> consumers = new CopyOnWriteArrayList<>();
        final Timer handlerSuccess;
        final Timer handlerFailure;
        final Counter retries;
        final Counter deadLettered;
        final Counter duplicatesSkipped;
        private final List<Meter> all = new ArrayList<>();

        SubscriptionMeters(Key key) {
            Tags tags = backendTags.and(TAG_DESTINATION, key.destination()).and(TAG_SUBSCRIPTION, key.subscription());
            handlerSuccess = add(timer(EventportMetrics.HANDLER, HANDLER_DESCRIPTION, tags, SUCCESS));
            handlerFailure = add(timer(EventportMetrics.HANDLER, HANDLER_DESCRIPTION, tags, FAILURE));
            retries = add(Counter.builder(EventportMetrics.RETRIES).description("Failed attempts that will be retried")
                    .tags(tags).register(registry));
            deadLettered = add(Counter.builder(EventportMetrics.DEAD_LETTERED).description("Events sent to the dead letters")
                    .tags(tags).register(registry));
            duplicatesSkipped = add(Counter.builder(EventportMetrics.DUPLICATES_SKIPPED)
                    .description("Events skipped by an IdempotentHandler as already processed").tags(tags).register(registry));
            add(Gauge.builder(EventportMetrics.CONSUMER_LAG, this, SubscriptionMeters::lag).strongReference(true)
                    .description("Events published and not yet processed").tags(tags).register(registry));
            add(TimeGauge.builder(EventportMetrics.CONSUMER_LAG_OLDEST_AGE, this, TimeUnit.MILLISECONDS,
                            SubscriptionMeters::oldestAgeMillis).strongReference(true)
                    .description("How long the oldest unprocessed event has waited").tags(tags).register(registry));
        }

        private <M extends Meter> M add(M meter) {
            all.add(meter);
            return meter;
        }

        /** The largest lag any consumer of this subscription reports; NaN when none is open. */
        double lag() {
            double largest = Double.NaN;
            for (Subscription consumer : consumers) {
                Optional<ConsumerLag> lag = lagOf(consumer);
                if (lag.isPresent()) {
                    largest = larger(largest, lag.get().total());
                }
            }
            return largest;
        }

        /** The largest age of an oldest waiting event any consumer reports; NaN when none can tell. */
        double oldestAgeMillis() {
            double largest = Double.NaN;
            for (Subscription consumer : consumers) {
                Optional<Duration> age = lagOf(consumer).flatMap(ConsumerLag::oldestAge);
                if (age.isPresent()) {
                    largest = larger(largest, age.get().toNanos() / 1e6);
                }
            }
            return largest;
        }

        void removeFrom(MeterRegistry from) {
            all.forEach(from::remove);
        }
    }

    /** The larger of a figure so far (NaN when none yet) and a new one. */
    private static double larger(double soFar, double figure) {
        return Double.isNaN(soFar) ? figure : Math.max(soFar, figure);
    }

    /** The consumer's latest lag; empty when it cannot give one (a scrape must not fail). */
    private static Optional<ConsumerLag> lagOf(Subscription consumer) {
        try {
            return Optional.of(consumer.lag());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

package dev.eventport.metrics.micrometer;

import static dev.eventport.metrics.micrometer.EventportMetrics.CONSUMER_LAG;
import static dev.eventport.metrics.micrometer.EventportMetrics.CONSUMER_LAG_OLDEST_AGE;
import static dev.eventport.metrics.micrometer.EventportMetrics.DEAD_LETTERED;
import static dev.eventport.metrics.micrometer.EventportMetrics.DUPLICATES_SKIPPED;
import static dev.eventport.metrics.micrometer.EventportMetrics.HANDLER;
import static dev.eventport.metrics.micrometer.EventportMetrics.PUBLISH;
import static dev.eventport.metrics.micrometer.EventportMetrics.RETRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventportMetricsTest {

    private static final Tags ORDERS = Tags.of("backend", "observed", "destination", "orders");
    private static final Tags EMAIL = ORDERS.and("subscription", "email");

    private final ObservedBackend backend = new ObservedBackend();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void publishesAreTimedAndCountedPerOutcome() {
        EventportMetrics.bind(backend, registry);

        backend.observers.published("orders", "OrderCreated", 2_000_000, null);
        backend.observers.published("orders", "OrderCreated", 4_000_000, null);
        backend.observers.published("orders", "OrderCreated", 1_000_000, new IllegalStateException("broker down"));

        assertThat(registry.get(PUBLISH).tags(ORDERS).tag("outcome", "success").timer().count()).isEqualTo(2);
        assertThat(registry.get(PUBLISH).tags(ORDERS).tag("outcome", "success").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(6.0);
        assertThat(registry.get(PUBLISH).tags(ORDERS).tag("outcome", "failure").timer().count()).isEqualTo(1);
    }

    @Test
    void anOpenedSubscriptionHasEveryConsumerMeterAtZero() {
        EventportMetrics.bind(backend, registry);

        backend.observers.subscriptionOpened(new StubSubscription("email", "orders"));

        assertThat(registry.get(HANDLER).tags(EMAIL).tag("outcome", "success").timer().count()).isZero();
        assertThat(registry.get(HANDLER).tags(EMAIL).tag("outcome", "failure").timer().count()).isZero();
        assertThat(registry.get(RETRIES).tags(EMAIL).counter().count()).isZero();
        assertThat(registry.get(DEAD_LETTERED).tags(EMAIL).counter().count()).isZero();
        assertThat(registry.get(DUPLICATES_SKIPPED).tags(EMAIL).counter().count()).isZero();
        assertThat(registry.get(CONSUMER_LAG).tags(EMAIL).gauge().value()).isZero();
        assertThat(registry.get(CONSUMER_LAG_OLDEST_AGE).tags(EMAIL).timeGauge().value(TimeUnit.SECONDS)).isZero();
    }

    @Test
    void handlerCallsRetriesDeadLettersAndDuplicatesAreCountedPerSubscription() {
        EventportMetrics.bind(backend, registry);
        backend.observers.subscriptionOpened(new StubSubscription("email", "orders"));

        backend.observers.handled("orders", "email", 1_000_000, null);
        backend.observers.handled("orders", "email", 1_000_000, new IllegalStateException("smtp down"));
        backend.observers.retryScheduled("orders", "email", "e-1", 1, Duration.ofMillis(100));
        backend.observers.handled("orders", "email", 1_000_000, new IllegalStateException("smtp down"));
        backend.observers.deadLettered("orders", "email", "e-1", 2, new IllegalStateException("smtp down"));
        backend.observers.duplicateSkipped("orders", "email", "e-2");
        backend.observers.handled("orders", "analytics", 1_000_000, null);

        assertThat(registry.get(HANDLER).tags(EMAIL).tag("outcome", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get(HANDLER).tags(EMAIL).tag("outcome", "failure").timer().count()).isEqualTo(2);
        assertThat(registry.get(RETRIES).tags(EMAIL).counter().count()).isEqualTo(1);
        assertThat(registry.get(DEAD_LETTERED).tags(EMAIL).counter().count()).isEqualTo(1);
        assertThat(registry.get(DUPLICATES_SKIPPED).tags(EMAIL).counter().count()).isEqualTo(1);
        assertThat(registry.get(HANDLER).tags(ORDERS).tag("subscription", "analytics").tag("outcome", "success")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void gaugesReadTheLagAndTheAgeOfTheOldestWaitingEvent() {
        EventportMetrics.bind(backend, registry);
        StubSubscription email = new StubSubscription("email", "orders");
        backend.observers.subscriptionOpened(email);

        email.lag(42, Optional.of(Duration.ofMillis(1500)));
        assertThat(registry.get(CONSUMER_LAG).tags(EMAIL).gauge().value()).isEqualTo(42);
        assertThat(registry.get(CONSUMER_LAG_OLDEST_AGE).tags(EMAIL).timeGauge().value(TimeUnit.SECONDS)).isEqualTo(1.5);

        email.lag(3, Optional.empty());
        assertThat(registry.get(CONSUMER_LAG).tags(EMAIL).gauge().value()).isEqualTo(3);
        assertThat(registry.get(CONSUMER_LAG_OLDEST_AGE).tags(EMAIL).timeGauge().value(TimeUnit.SECONDS))
                .as("an age the backend cannot tell").isNaN();
    }

    @Test
    void consumersSharingASubscriptionShareItsMetersUntilTheLastCloses() {
        EventportMetrics.bind(backend, registry);
        StubSubscription first = new StubSubscription("email", "orders");
        StubSubscription second = new StubSubscription("email", "orders");
        backend.observers.subscriptionOpened(first);
        backend.observers.subscriptionOpened(second);
        first.lag(5, Optional.of(Duration.ofSeconds(1)));
        second.lag(7, Optional.of(Duration.ofSeconds(2)));
        backend.observers.handled("orders", "email", 1_000_000, null);

        assertThat(registry.get(CONSUMER_LAG).tags(EMAIL).gauge().value()).isEqualTo(7);
        assertThat(registry.get(CONSUMER_LAG_OLDEST_AGE).tags(EMAIL).timeGauge().value(TimeUnit.SECONDS)).isEqualTo(2);

        backend.observers.subscriptionClosed(second);
        assertThat(registry.get(CONSUMER_LAG).tags(EMAIL).gauge().value()).isEqualTo(5);
        assertThat(registry.get(HANDLER).tags(EMAIL).tag("outcome", "success").timer().count()).isEqualTo(1);

        backend.observers.subscriptionClosed(first);
        assertThat(registry.find(CONSUMER_LAG).meters()).isEmpty();
        assertThat(registry.getMeters()).as("no meter of the closed subscription is left")
                .noneMatch(meter -> "email".equals(meter.getId().getTag("subscription")));
    }

    @Test
    void aSubscriptionOpenBeforeBindingGetsItsMeters() {
        StubSubscription email = new StubSubscription("email", "orders");
        backend.observers.subscriptionOpened(email);
        email.lag(9, Optional.empty());

        EventportMetrics.bind(backend, registry);

        assertThat(registry.get(CONSUMER_LAG).tags(EMAIL).gauge().value()).isEqualTo(9);
    }

    @Test
    void closingTheBindingRemovesTheObserverAndEveryMeter() {
        EventportMetrics metrics = EventportMetrics.bind(backend, registry);
        backend.observers.subscriptionOpened(new StubSubscription("email", "orders"));
        backend.observers.published("orders", "OrderCreated", 1_000_000, null);

        metrics.close();
        metrics.close();
        backend.observers.published("orders", "OrderCreated", 1_000_000, null);

        assertThat(registry.getMeters()).extracting(Meter::getId).isEmpty();
        assertThat(backend.observers.isEmpty()).as("the observer was removed").isTrue();
    }

    @Test
    void bindingRefusesNulls() {
        assertThatThrownBy(() -> EventportMetrics.bind(null, registry)).hasMessageContaining("backend");
        assertThatThrownBy(() -> EventportMetrics.bind(backend, null)).hasMessageContaining("registry");
    }
}

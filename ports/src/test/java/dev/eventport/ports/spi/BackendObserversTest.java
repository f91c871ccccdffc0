package dev.eventport.ports.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Backend observers")
class BackendObserversTest {

    /** A subscription that only knows its name and whether it is paused. */
    static final class NamedSubscription implements Subscription {
        private final String name;
        private volatile boolean paused;

        NamedSubscription(String name) {
            this.name = name;
        }

        @Override public String name() { return name; }
        @Override public String destination() { return "order-created"; }
        @Override public void pause() { paused = true; }
        @Override public void resume() { paused = false; }
        @Override public boolean isPaused() { return paused; }
        @Override public void rewind(StartPosition position) { }
        @Override public ConsumerLag lag() { return ConsumerLag.of(Map.of(0, 0L)); }
        @Override public void close() { }
    }

    private final BackendObservers observers = new BackendObservers("test");

    @Test
    @DisplayName("an observer added late first hears of the subscriptions already open, not of closed ones")
    void lateObserver() {
        NamedSubscription open = new NamedSubscription("billing");
        NamedSubscription closed = new NamedSubscription("shipping");
        observers.subscriptionOpened(open);
        observers.subscriptionOpened(closed);
        observers.subscriptionClosed(closed);
        List<String> heard = new CopyOnWriteArrayList<>();

        observers.add(new BackendObserver() {
            @Override
            public void subscriptionOpened(Subscription subscription) {
                heard.add(subscription.name());
            }
        });

        assertThat(heard).containsExactly("billing");
        assertThat(observers.openSubscriptions()).containsExactly(open);
    }

    @Test
    @DisplayName("an observer that throws does not stop the others")
    void throwingObserver() {
        List<String> heard = new CopyOnWriteArrayList<>();
        observers.add(new BackendObserver() {
            @Override
            public void published(String destination, String eventType, long durationNanos, Throwable failure) {
                throw new IllegalStateException("broken observer");
            }
        });
        observers.add(new BackendObserver() {
            @Override
            public void published(String destination, String eventType, long durationNanos, Throwable failure) {
                heard.add(destination);
            }
        });

        observers.publishCompleted("order-created", "OrderCreated", observers.startTimer(), null);

        assertThat(heard).containsExactly("order-created");
    }

    @Test
    @DisplayName("with nobody observing, no timer runs; paused subscriptions are named as health problems")
    void emptyAndPaused() {
        NamedSubscription billing = new NamedSubscription("billing");
        observers.subscriptionOpened(billing);
        billing.pause();

        assertThat(observers.isEmpty()).isTrue();
        assertThat(observers.startTimer()).isZero();
        assertThat(observers.subscriptionProblems()).singleElement().asString()
                .contains("'billing'", "'order-created'", "paused", "resume()");
    }
}

package dev.eventport.ports.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.domain.DomainEvent;
import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.spi.BackendObserversTest.NamedSubscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The abstract base of backends")
class AbstractEventBackendTest {

    private static final Capabilities CAPABILITIES = Capabilities.of(Capability.FAN_OUT);

    /** The order in which the backend's resources were closed and released. */
    private final List<String> closed = new CopyOnWriteArrayList<>();
    private final TestBackend backend = new TestBackend();

    /** A backend whose publishers and subscribers only record their close. */
    private final class TestBackend extends AbstractEventBackend {
        TestBackend() {
            super("test", CAPABILITIES, DestinationNaming.kebabCase());
        }

        @Override
        public EventPublisher createPublisher() {
            requireOpen();
            return track(new RecordingPublisher("publisher", this::forget));
        }

        @Override
        public EventSubscriber createSubscriber() {
            requireOpen();
            return track(new RecordingSubscriber("subscriber"));
        }

        @Override
        public DeadLetters deadLetters() {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void release() {
            closed.add("released");
        }
    }

    private final class RecordingPublisher implements EventPublisher {
        private final String name;
        private final Consumer<Object> onClose;

        RecordingPublisher(String name, Consumer<Object> onClose) {
            this.name = name;
            this.onClose = onClose;
        }

        @Override
        public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed.add(name);
            onClose.accept(this);
        }
    }

    private final class RecordingSubscriber implements EventSubscriber {
        private final String name;

        RecordingSubscriber(String name) {
            this.name = name;
        }

        @Override
        public <E extends DomainEvent> Subscription subscribe(SubscriptionRequest<E> request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            closed.add(name);
            throw new IllegalStateException("cannot close " + name);
        }
    }

    @Test
    @DisplayName("name, capabilities and destinations are those given; observers are registered with the backend's observers")
    void accessors() {
        List<String> heard = new CopyOnWriteArrayList<>();
        BackendObserver observer = new BackendObserver() {
            @Override
            public void subscriptionOpened(Subscription subscription) {
                heard.add(subscription.name());
            }
        };

        backend.addObserver(observer);
        backend.observers().subscriptionOpened(new NamedSubscription("billing"));
        backend.removeObserver(observer);
        backend.observers().subscriptionOpened(new NamedSubscription("shipping"));

        assertThat(backend.name()).isEqualTo("test");
        assertThat(backend.capabilities()).isEqualTo(CAPABILITIES);
        assertThat(backend.destinations().destinationFor(OrderCreated.class)).isEqualTo("order-created");
        assertThat(heard).containsExactly("billing");
    }

    @Test
    @DisplayName("close closes the subscribers, then the publishers, then releases the backend once, even when a close throws")
    void closeOrder() {
        backend.createPublisher();
        backend.createSubscriber();

        backend.close();
        backend.close();

        assertThat(closed).containsExactly("subscriber", "publisher", "released");
        assertThat(backend.isClosed()).isTrue();
        assertThat(backend.tracked(Object.class)).as("the publisher forgot itself; the subscriber that threw did not")
                .hasSize(1);
    }

    @Test
    @DisplayName("a closed publisher is forgotten and not closed again by the backend")
    void forgetting() {
        EventPublisher publisher = backend.createPublisher();
        publisher.close();
        closed.clear();

        backend.close();

        assertThat(closed).containsExactly("released");
    }

    @Test
    @DisplayName("after close, creating fails naming the backend, and a resource tracked meanwhile is closed")
    void afterClose() {
        backend.close();

        assertThatThrownBy(backend::createPublisher).isInstanceOf(EventportException.class)
                .hasMessageContaining("The test backend is closed");
        assertThatThrownBy(() -> backend.track(new RecordingPublisher("late", resource -> { })))
                .isInstanceOf(EventportException.class);
        assertThat(closed).containsExactly("released", "late");
    }

    @Test
    @DisplayName("health: healthy when open, a paused subscription stops consuming, a closed backend can do nothing")
    void health() {
        assertThat(backend.health().isHealthy()).isTrue();
        NamedSubscription billing = new NamedSubscription("billing");
        backend.observers().subscriptionOpened(billing);
        billing.pause();

        BackendHealth paused = backend.health();
        backend.close();
        BackendHealth closedHealth = backend.health();

        assertThat(paused.canPublish()).isTrue();
        assertThat(paused.canConsume()).isFalse();
        assertThat(paused.problems()).singleElement().asString().contains("'billing'", "paused");
        assertThat(closedHealth.canPublish()).isFalse();
        assertThat(closedHealth.canConsume()).isFalse();
        assertThat(closedHealth.problems()).singleElement().asString().contains("test backend is closed");
    }

    @Test
    @DisplayName("healthOf: each problem once, publish problems first; a flag is false only when its list has a problem")
    void healthOf() {
        BackendHealth health = AbstractEventBackend.healthOf(List.of("broker down"), List.of("broker down", "paused", "paused"));

        assertThat(health.canPublish()).isFalse();
        assertThat(health.canConsume()).isFalse();
        assertThat(health.problems()).containsExactly("broker down", "paused");
        assertThat(AbstractEventBackend.healthOf(List.of(), List.of("paused")).canPublish()).isTrue();
    }
}

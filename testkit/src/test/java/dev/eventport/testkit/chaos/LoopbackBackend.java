package dev.eventport.testkit.chaos;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.spi.AbstractEventBackend;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The smallest backend that delivers: publish calls every subscription's handler in the caller's thread, retrying
 * at once as the error policy allows, and counts what it sent and what ended failed. Enough to test the decorator
 * without depending on an adapter (the adapters' contract tests run the decorator on the real backends).
 */
final class LoopbackBackend extends AbstractEventBackend {

    private final List<SubscriptionRequest<?>> subscriptions = new CopyOnWriteArrayList<>();
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger failedForGood = new AtomicInteger();

    LoopbackBackend() {
        super("loopback", Capabilities.of(Capability.SYNCHRONOUS, Capability.FAN_OUT), DestinationNaming.kebabCase());
    }

    @Override
    public EventPublisher createPublisher() {
        return new EventPublisher() {
            @Override
            public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
                sent.incrementAndGet();
                String destination = destinations().destinationFor(event.getClass());
                subscriptions.forEach(request -> deliver(request, event, destination, headers));
                return CompletableFuture.completedFuture(PublishReceipt.of(event.eventId(), destination));
            }

            @Override
            public void close() {
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <E extends DomainEvent> void deliver(SubscriptionRequest<E> request, DomainEvent event, String destination,
                                                 Map<String, String> headers) {
        for (int attempt = 1; ; attempt++) {
            try {
                request.handler().handle((E) event, new EventContext(event.eventId(), event.getClass().getSimpleName(),
                        destination, request.name(), OptionalInt.empty(), OptionalLong.empty(), attempt, headers));
                return;
            } catch (Exception failure) {
                Optional<?> retry = request.errorPolicy().nextRetryDelay(failure, attempt);
                if (retry.isEmpty()) {
                    failedForGood.incrementAndGet();
                    return;
                }
            }
        }
    }

    @Override
    public EventSubscriber createSubscriber() {
        return new EventSubscriber() {
            @Override
            public <E extends DomainEvent> Subscription subscribe(SubscriptionRequest<E> request) {
                subscriptions.add(request);
                return new Subscription() {
                    @Override
                    public String name() {
                        return request.name();
                    }

                    @Override
                    public String destination() {
                        return destinations().destinationFor(request.eventType());
                    }

                    @Override
                    public void pause() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public void resume() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public boolean isPaused() {
                        return false;
                    }

                    @Override
                    public void rewind(StartPosition position) {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public ConsumerLag lag() {
                        return ConsumerLag.of(Map.of());
                    }

                    @Override
                    public void close() {
                        subscriptions.remove(request);
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public DeadLetters deadLetters() {
        return new DeadLetters() {
            @Override
            public List<DeadLetter> list(String destination) {
                return List.of();
            }

            @Override
            public CompletableFuture<PublishReceipt> republish(DeadLetter deadLetter) {
                throw new UnsupportedOperationException("the loopback backend keeps no dead letters");
            }
        };
    }
}

package dev.eventport.testkit.chaos;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Publishes through the real publisher, failing the publishes the injector chose. */
final class ChaosPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final FaultInjector injector;
    private final DestinationNaming destinations;

    ChaosPublisher(EventPublisher delegate, FaultInjector injector, DestinationNaming destinations) {
        this.delegate = delegate;
        this.injector = injector;
        this.destinations = destinations;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        Optional<Fault> chosen = injector.nextPublish(event.eventId());
        if (chosen.isEmpty()) {
            return delegate.publish(event, headers);
        }
        Fault fault = chosen.get();
        return switch (fault.kind()) {
            case PUBLISH_THROWN -> throw failure(event, fault);
            case PUBLISH_FAILED_FUTURE -> CompletableFuture.failedFuture(failure(event, fault));
            case PUBLISH_LOST_ACK -> delegate.publish(event, headers).thenCompose(receipt ->
                    CompletableFuture.<PublishReceipt>failedFuture(failure(event, fault)));
            default -> throw new IllegalStateException("not a publish fault: " + fault);
        };
    }

    private PublishFailedException failure(DomainEvent event, Fault fault) {
        return new PublishFailedException(event.eventId(), event.getClass().getSimpleName(),
                destinations.destinationFor(event.getClass()), "injected " + fault.kind() + " (publish #" + fault.occurrence()
                        + ", chaos seed " + injector.plan().seed() + ")", null);
    }

    @Override
    public void close() {
        delegate.close();
    }
}

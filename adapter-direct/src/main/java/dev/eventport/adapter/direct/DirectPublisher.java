package dev.eventport.adapter.direct;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.HandlersFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.PublisherClosedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Publishes by calling every subscription group of the destination in turn, in the caller's thread. */
final class DirectPublisher implements EventPublisher {

    private final DestinationNaming naming;
    private final Routes routes;
    private final InlineDelivery delivery;
    private final Consumer<EventPublisher> onClose;
    private volatile boolean closed;

    DirectPublisher(DestinationNaming naming, Routes routes, InlineDelivery delivery, Consumer<EventPublisher> onClose) {
        this.naming = naming;
        this.routes = routes;
        this.delivery = delivery;
        this.onClose = onClose;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        Objects.requireNonNull(event, "publish(event): event must not be null");
        Objects.requireNonNull(headers, "publish(event, headers): headers must not be null");
        String type = event.getClass().getSimpleName();
        String destination = naming.destinationFor(event.getClass());
        if (closed) {
            return CompletableFuture.failedFuture(new PublisherClosedException(event.eventId(), type, destination));
        }
        List<String> failedSubscriptions = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (SubscriptionGroup group : routes.groups(destination)) {
            EventContext context = new EventContext(event.eventId(), type, destination, group.name(),
                    OptionalInt.empty(), OptionalLong.empty(), 1, headers);
            Throwable failure = delivery.deliver(group, event, context);
            if (failure != null) {
                failedSubscriptions.add(group.name());
                failures.add(failure);
            }
        }
        if (failures.isEmpty()) {
            return CompletableFuture.completedFuture(PublishReceipt.of(event.eventId(), destination));
        }
        HandlersFailedException failed = new HandlersFailedException(event.eventId(), type, destination,
                failedSubscriptions, failures.get(0));
        failures.subList(1, failures.size()).forEach(failed::addSuppressed);
        return CompletableFuture.failedFuture(failed);
    }

    /** Nothing to flush: every publish completed before it returned. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }
}

package dev.eventport.adapter.direct;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.HandlersFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.PublisherClosedException;
import dev.eventport.ports.spi.BackendObservers;
import dev.eventport.ports.spi.PublishHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Publishes by calling every subscription group of the destination in turn, in the caller's thread. Receipts carry
 * the time to the millisecond ({@link ReceiptClock}: a direct publish takes nanoseconds, a clock call as long).
 */
final class DirectPublisher implements EventPublisher {

    private final DestinationNaming naming;
    private final Routes routes;
    private final InlineDelivery delivery;
    private final BackendObservers observers;
    private final Consumer<EventPublisher> onClose;
    /** The route of the last event type published (immutable, so racy reads are safe). */
    private Route last;
    private volatile boolean closed;

    DirectPublisher(DestinationNaming naming, Routes routes, InlineDelivery delivery, BackendObservers observers,
                    Consumer<EventPublisher> onClose) {
        this.naming = naming;
        this.routes = routes;
        this.delivery = delivery;
        this.observers = observers;
        this.onClose = onClose;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        Objects.requireNonNull(event, "publish(event): event must not be null");
        Objects.requireNonNull(headers, "publish(event, headers): headers must not be null");
        Route route = routeOf(event.getClass());
        if (closed) {
            return CompletableFuture.failedFuture(new PublisherClosedException(event.eventId(), route.type, route.destination.name));
        }
        long start = observers.startTimer();
        Map<String, String> sent = PublishHeaders.withTraceparent(headers);
        CallStack stack = CallStack.CURRENT.get();
        List<String> failedSubscriptions = null;
        List<Throwable> failures = null;
        for (SubscriptionGroup group : route.destination.groups) {
            EventContext context = new EventContext(event.eventId(), route.type, route.destination.name, group.name(),
                    OptionalInt.empty(), OptionalLong.empty(), 1, sent);
            Throwable failure = delivery.deliver(group, event, context, stack, start);
            if (failure != null) {
                if (failures == null) {
                    failedSubscriptions = new ArrayList<>();
                    failures = new ArrayList<>();
                }
                failedSubscriptions.add(group.name());
                failures.add(failure);
            }
        }
        if (failures != null) {
            return failed(event, route, start, failedSubscriptions, failures);
        }
        observers.publishCompleted(route.destination.name, route.type, start, null);
        return CompletableFuture.completedFuture(new PublishReceipt(event.eventId(), route.destination.name,
                OptionalInt.empty(), OptionalLong.empty(), ReceiptClock.now()));
    }

    /** Reports and returns the failure of a publish whose handlers failed for {@code failedSubscriptions}. */
    private CompletableFuture<PublishReceipt> failed(DomainEvent event, Route route, long start,
                                                     List<String> failedSubscriptions, List<Throwable> failures) {
        HandlersFailedException failed = new HandlersFailedException(event.eventId(), route.type, route.destination.name,
                failedSubscriptions, failures.get(0));
        failures.subList(1, failures.size()).forEach(failed::addSuppressed);
        observers.publishCompleted(route.destination.name, route.type, start, failed);
        return CompletableFuture.failedFuture(failed);
    }

    private Route routeOf(Class<? extends DomainEvent> type) {
        Route route = last;
        if (route == null || route.eventClass != type) {
            route = new Route(type, type.getSimpleName(), routes.destination(naming.destinationFor(type)));
            last = route;
        }
        return route;
    }

    /** Nothing to flush: every publish completed before it returned. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
        }
    }

    /** Where events of one class go, and their type name. */
    private static final class Route {
        final Class<?> eventClass;
        final String type;
        final Routes.Destination destination;

        Route(Class<?> eventClass, String type, Routes.Destination destination) {
            this.eventClass = eventClass;
            this.type = type;
            this.destination = destination;
        }
    }
}

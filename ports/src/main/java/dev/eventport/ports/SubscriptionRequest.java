package dev.eventport.ports;

import dev.eventport.domain.DomainEvent;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything a backend needs to start one subscription. Immutable; {@code with*} methods return copies.
 *
 * <p>Contract: the name is 1 to 200 characters of letters, digits, '.', '_' and '-' (valid as a Kafka group id and
 * a JMS subscription name); the event type is the class the payload is decoded into, chosen by the subscriber,
 * never by the message; {@code consumers} is the number of concurrent consumers (threads) this subscription runs
 * in this process.
 *
 * @param name          the subscription (consumer group) name
 * @param eventType     the type of event received
 * @param handler       what to do with each event
 * @param errorPolicy   retries and dead-lettering
 * @param startPosition where to start when the subscription has no stored position
 * @param consumers     concurrent consumers, at least 1
 * @param <E>           the event type
 */
public record SubscriptionRequest<E extends DomainEvent>(String name, Class<E> eventType, EventHandler<? super E> handler,
                                                         ErrorPolicy errorPolicy, StartPosition startPosition,
                                                         int consumers) {

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** Validates the request; messages name the field and the value. */
    public SubscriptionRequest {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Subscription name must be 1-200 characters of letters, digits, '.', '_' "
                    + "and '-', but was " + (name == null ? "null" : "'" + name + "'"));
        }
        Objects.requireNonNull(eventType, "SubscriptionRequest.eventType must not be null");
        Objects.requireNonNull(handler, "SubscriptionRequest.handler must not be null");
        Objects.requireNonNull(errorPolicy, "SubscriptionRequest.errorPolicy must not be null");
        Objects.requireNonNull(startPosition, "SubscriptionRequest.startPosition must not be null");
        if (consumers < 1) {
            throw new IllegalArgumentException("SubscriptionRequest.consumers must be at least 1, but was " + consumers);
        }
    }

    /** A request with the default error policy, starting from the latest event, with one consumer. */
    public static <E extends DomainEvent> SubscriptionRequest<E> of(String name, Class<E> eventType,
                                                                    EventHandler<? super E> handler) {
        return new SubscriptionRequest<>(name, eventType, handler, ErrorPolicy.defaults(), StartPosition.latest(), 1);
    }

    /** This request with another error policy. */
    public SubscriptionRequest<E> withErrorPolicy(ErrorPolicy policy) {
        return new SubscriptionRequest<>(name, eventType, handler, policy, startPosition, consumers);
    }

    /** This request with another start position. */
    public SubscriptionRequest<E> withStartPosition(StartPosition position) {
        return new SubscriptionRequest<>(name, eventType, handler, errorPolicy, position, consumers);
    }

    /** This request with another number of concurrent consumers. */
    public SubscriptionRequest<E> withConsumers(int count) {
        return new SubscriptionRequest<>(name, eventType, handler, errorPolicy, startPosition, count);
    }

    /** This request with another handler (used by decorators). */
    public SubscriptionRequest<E> withHandler(EventHandler<? super E> newHandler) {
        return new SubscriptionRequest<>(name, eventType, newHandler, errorPolicy, startPosition, consumers);
    }
}

package dev.eventport.ports;

import dev.eventport.domain.DomainEvent;

/**
 * Starts subscriptions: named consumer groups that receive the events of one type.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@code subscribe} returns once the subscription is live: every event published after it returned is
 *       delivered to it (at least once, except on {@link Capability#SYNCHRONOUS} backends: exactly once).</li>
 *   <li>Subscriptions with different names each receive every event ({@link Capability#FAN_OUT}); subscriptions
 *       with the same name share the events between them ({@link Capability#COMPETING_CONSUMERS}).</li>
 *   <li>The subscription name is the durable identity: the Kafka {@code group.id}, the JMS shared durable
 *       subscription name.</li>
 *   <li>{@code close()} closes every subscription it started; it is idempotent.</li>
 * </ul>
 */
public interface EventSubscriber extends AutoCloseable {

    /** Starts the subscription described by the request. */
    <E extends DomainEvent> Subscription subscribe(SubscriptionRequest<E> request);

    /** Starts a subscription with the default error policy, starting from the latest event. */
    default <E extends DomainEvent> Subscription subscribe(String name, Class<E> eventType, EventHandler<? super E> handler) {
        return subscribe(SubscriptionRequest.of(name, eventType, handler));
    }

    /** Closes every subscription started through this subscriber; idempotent. */
    @Override
    void close();
}

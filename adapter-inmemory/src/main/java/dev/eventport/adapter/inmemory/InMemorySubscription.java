package dev.eventport.adapter.inmemory;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.ports.spi.BackendObservers;
import dev.eventport.ports.spi.HandlerInvoker;
import dev.eventport.ports.spi.InProcessDeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running subscription: {@code consumers} members of the consumer group named after it, delivering to its
 * handler through a {@link HandlerInvoker} (trace, timing, error policy), reporting its lifecycle to the observers.
 *
 * @param <E> the event type
 */
final class InMemorySubscription<E extends DomainEvent> implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(InMemorySubscription.class);

    private final String name;
    private final Class<E> eventType;
    private final HandlerInvoker<E> invoker;
    private final BackendObservers observers;
    private final Topic topic;
    private final ConsumerGroup group;
    private final InProcessDeadLetters deadLetters;
    private final Duration closeTimeout;
    private final Consumer<Subscription> onClose;
    private final List<GroupMember> members = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean paused;

    private InMemorySubscription(SubscriptionRequest<E> request, Topic topic, InProcessDeadLetters deadLetters,
                                 BackendObservers observers, Duration closeTimeout, Consumer<Subscription> onClose) {
        this.name = request.name();
        this.eventType = request.eventType();
        this.invoker = new HandlerInvoker<>(request.handler(), request.errorPolicy(), topic.destination(), name, observers);
        this.observers = observers;
        this.topic = topic;
        this.group = topic.group(name);
        this.deadLetters = deadLetters;
        this.closeTimeout = closeTimeout;
        this.onClose = onClose;
    }

    /** Joins the group with {@code request.consumers()} members and starts them; live when it returns. */
    static <E extends DomainEvent> InMemorySubscription<E> start(SubscriptionRequest<E> request, Topic topic,
                                                                 InProcessDeadLetters deadLetters, BackendObservers observers,
                                                                 Duration closeTimeout, Consumer<Subscription> onClose) {
        InMemorySubscription<E> subscription = new InMemorySubscription<>(request, topic, deadLetters, observers,
                closeTimeout, onClose);
        for (int i = 0; i < request.consumers(); i++) {
            subscription.members.add(new GroupMember(subscription,
                    "eventport-inmemory-" + topic.destination() + "-" + request.name() + "-" + i));
        }
        subscription.group.join(subscription.members, request.startPosition());
        subscription.members.forEach(GroupMember::start);
        observers.subscriptionOpened(subscription);
        return subscription;
    }

    /**
     * Delivers one record under the error policy; true when the cursor may move past it (processed or
     * dead-lettered), false when it waits for a retry or the member is stopping.
     */
    boolean deliver(GroupMember member, PartitionCursor cursor, LogRecord record) {
        DomainEvent event = record.event();
        int attempt = cursor.attempt();
        EventContext context = new EventContext(event.eventId(), record.eventType(), topic.destination(), name,
                cursor.partition().id(), OptionalLong.of(record.offset()), attempt, record.headers());
        if (!eventType.isInstance(event)) {
            deadLetter(context, record, new UndecodableEventException("An event of type " + event.getClass().getName()
                    + " on '" + topic.destination() + "' cannot be delivered as " + eventType.getName()
                    + ": map the two types to different destinations", new byte[0], null), 0);
            return true;
        }
        HandlerInvoker.Attempt result = invoker.attempt(eventType.cast(event), context);
        if (result.processed()) {
            if (attempt > 1) {
                cursor.resetAttempts();
            }
            return true;
        }
        if (!member.isRunning()) {
            return false;
        }
        if (result.retry()) {
            cursor.retryAt(System.nanoTime() + result.retryDelay().toNanos());
            return false;
        }
        deadLetter(context, record, result.failure(), attempt);
        cursor.resetAttempts();
        return true;
    }

    private void deadLetter(EventContext context, LogRecord record, Throwable failure, int attempts) {
        deadLetters.add(new DeadLetter(context.eventId(), context.destination(), name, failure.getClass().getName(),
                failure.getMessage(), attempts, context.partition(), context.offset(), record.headers(),
                record.event(), null, Instant.now()));
        invoker.deadLettered(context.eventId(), attempts, failure);
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String destination() {
        return topic.destination();
    }

    @Override
    public void pause() {
        if (!paused) {
            paused = true;
            observers.subscriptionPaused(this);
        }
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            members.forEach(GroupMember::wake);
            observers.subscriptionResumed(this);
        }
    }

    @Override
    public void rewind(StartPosition position) {
        group.rewind(position);
    }

    @Override
    public ConsumerLag lag() {
        return group.lag();
    }

    /** Stops the members, waits for handlers in flight (up to the close timeout), then leaves the group. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        members.forEach(GroupMember::stop);
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        try {
            for (GroupMember member : members) {
                Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                if (!member.awaitTermination(remaining)) {
                    LOG.warn("A handler of subscription '{}' on '{}' did not finish within {} ({}); interrupting it",
                            name, topic.destination(), closeTimeout, InMemoryConfig.CLOSE_TIMEOUT);
                    member.interrupt();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            group.leave(members);
            observers.subscriptionClosed(this);
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "InMemorySubscription[" + name + " on " + topic.destination() + "]";
    }
}

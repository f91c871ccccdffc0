package dev.eventport.adapter.inmemory;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.ports.spi.InProcessDeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A running subscription: {@code consumers} members of the consumer group named after it, delivering to its
 * handler under its error policy.
 *
 * @param <E> the event type
 */
final class InMemorySubscription<E extends DomainEvent> implements Subscription {

    private static final System.Logger LOG = System.getLogger(InMemorySubscription.class.getName());

    private final String name;
    private final Class<E> eventType;
    private final EventHandler<? super E> handler;
    private final ErrorPolicy errorPolicy;
    private final Topic topic;
    private final ConsumerGroup group;
    private final InProcessDeadLetters deadLetters;
    private final Duration closeTimeout;
    private final Consumer<Subscription> onClose;
    private final List<GroupMember> members = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean paused;

    private InMemorySubscription(SubscriptionRequest<E> request, Topic topic, InProcessDeadLetters deadLetters,
                                 Duration closeTimeout, Consumer<Subscription> onClose) {
        this.name = request.name();
        this.eventType = request.eventType();
        this.handler = request.handler();
        this.errorPolicy = request.errorPolicy();
        this.topic = topic;
        this.group = topic.group(name);
        this.deadLetters = deadLetters;
        this.closeTimeout = closeTimeout;
        this.onClose = onClose;
    }

    /** Joins the group with {@code request.consumers()} members and starts them; live when it returns. */
    static <E extends DomainEvent> InMemorySubscription<E> start(SubscriptionRequest<E> request, Topic topic,
                                                                 InProcessDeadLetters deadLetters, Duration closeTimeout,
                                                                 Consumer<Subscription> onClose) {
        InMemorySubscription<E> subscription = new InMemorySubscription<>(request, topic, deadLetters, closeTimeout, onClose);
        for (int i = 0; i < request.consumers(); i++) {
            subscription.members.add(new GroupMember(subscription,
                    "eventport-inmemory-" + topic.destination() + "-" + request.name() + "-" + i));
        }
        subscription.group.join(subscription.members, request.startPosition());
        subscription.members.forEach(GroupMember::start);
        return subscription;
    }

    /**
     * Delivers one record under the error policy; true when the cursor may move past it (processed or
     * dead-lettered), false when it waits for a retry or the member is stopping.
     */
    boolean deliver(GroupMember member, PartitionCursor cursor, LogRecord record) {
        DomainEvent event = record.event();
        int attempt = cursor.attempt();
        EventContext context = new EventContext(event.eventId(), event.getClass().getSimpleName(), topic.destination(),
                name, cursor.partition().id(), OptionalLong.of(record.offset()), attempt, record.headers());
        if (!eventType.isInstance(event)) {
            deadLetter(context, record, new UndecodableEventException("An event of type " + event.getClass().getName()
                    + " on '" + topic.destination() + "' cannot be delivered as " + eventType.getName()
                    + ": map the two types to different destinations", new byte[0], null));
            return true;
        }
        try {
            handler.handle(eventType.cast(event), context);
            if (attempt > 1) {
                cursor.resetAttempts();
            }
            return true;
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable failure) {
            if (!member.isRunning()) {
                return false;
            }
            Optional<Duration> delay = errorPolicy.nextRetryDelay(failure, attempt);
            if (delay.isPresent()) {
                cursor.retryAt(System.nanoTime() + delay.get().toNanos());
                return false;
            }
            deadLetter(context, record, failure);
            cursor.resetAttempts();
            return true;
        }
    }

    private void deadLetter(EventContext context, LogRecord record, Throwable failure) {
        deadLetters.add(new DeadLetter(context.eventId(), context.destination(), name, failure.getClass().getName(),
                failure.getMessage(), context.attempt(), context.partition(), context.offset(), record.headers(),
                record.event(), null, Instant.now()));
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
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
        members.forEach(GroupMember::wake);
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
                    LOG.log(System.Logger.Level.WARNING, "A handler of subscription ''{0}'' on ''{1}'' did not finish within "
                            + "{2} ({3}); interrupting it", name, topic.destination(), closeTimeout, InMemoryConfig.CLOSE_TIMEOUT);
                    member.interrupt();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            group.leave(members);
            onClose.accept(this);
        }
    }

    @Override
    public String toString() {
        return "InMemorySubscription[" + name + " on " + topic.destination() + "]";
    }
}

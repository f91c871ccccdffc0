package dev.eventport.testkit.contract;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A handler that records every delivery (including attempts that then fail), then runs an optional behaviour
 * that may throw or block.
 *
 * @param <E> the event type
 */
final class Recorder<E extends DomainEvent> implements EventHandler<E> {

    /** One call of the handler. */
    record Delivery<E>(E event, EventContext context, Thread thread) {
    }

    private final ConcurrentLinkedQueue<Delivery<E>> deliveries = new ConcurrentLinkedQueue<>();
    private final EventHandler<? super E> behaviour;

    private Recorder(EventHandler<? super E> behaviour) {
        this.behaviour = behaviour;
    }

    /** Records and succeeds. */
    static <E extends DomainEvent> Recorder<E> recording() {
        return new Recorder<>((event, context) -> { });
    }

    /** Records, then runs {@code behaviour}, which may throw or block. */
    static <E extends DomainEvent> Recorder<E> recordingThen(EventHandler<? super E> behaviour) {
        return new Recorder<>(behaviour);
    }

    @Override
    public void handle(E event, EventContext context) throws Exception {
        deliveries.add(new Delivery<>(event, context, Thread.currentThread()));
        behaviour.handle(event, context);
    }

    /** Every delivery, in the order they were recorded. */
    List<Delivery<E>> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** How many deliveries were recorded. */
    int count() {
        return deliveries.size();
    }

    /** The distinct ids delivered, in first-delivery order. */
    Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        deliveries.forEach(d -> ids.add(d.event().eventId()));
        return ids;
    }

    /** Whether every one of {@code eventIds} was delivered at least once. */
    boolean sawAll(List<String> eventIds) {
        return ids().containsAll(eventIds);
    }

    /** How many times the event was delivered. */
    long timesDelivered(String eventId) {
        return deliveries.stream().filter(d -> d.event().eventId().equals(eventId)).count();
    }

    /** The attempt numbers with which the event was delivered, in order. */
    List<Integer> attemptsOf(String eventId) {
        return deliveries.stream().filter(d -> d.event().eventId().equals(eventId)).map(d -> d.context().attempt()).toList();
    }
}

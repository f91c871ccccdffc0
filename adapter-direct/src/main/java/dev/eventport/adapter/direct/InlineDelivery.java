package dev.eventport.adapter.direct;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.ports.spi.HandlerInvoker;
import dev.eventport.ports.spi.InProcessDeadLetters;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;

/** Hands one event to one subscription group in the caller's thread, retrying in line, dead-lettering at the end. */
final class InlineDelivery {

    private final Routes routes;
    private final InProcessDeadLetters deadLetters;

    InlineDelivery(Routes routes, InProcessDeadLetters deadLetters) {
        this.routes = routes;
        this.deadLetters = deadLetters;
    }

    /**
     * Delivers the event to one member of the group.
     *
     * @param context    the context of the first attempt (its subscription is the group's name)
     * @param stack      the publishing thread's {@link CallStack}
     * @param startNanos when the publish started, or 0 when it is not timed (no observer)
     * @return null when a handler returned or the group has no member left; otherwise the last failure, after the
     *         event was dead-lettered
     */
    Throwable deliver(SubscriptionGroup group, DomainEvent event, EventContext context, CallStack stack, long startNanos) {
        SubscriptionGroup.InFlight timed = startNanos == 0L ? null : group.begin(startNanos);
        try {
            DirectSubscription<?> member = group.tryChoose(stack);
            if (member == null) {
                if (timed == null) {
                    timed = group.begin(System.nanoTime());
                }
                try {
                    member = group.awaitMember(stack, routes.pauseTimeout());
                } catch (TimeoutException e) {
                    return deadLetter(group.anyInvoker(), event, context, e, e.getMessage(), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return deadLetter(group.anyInvoker(), event, context, e, "The publishing thread was interrupted while subscription '"
                            + group.name() + "' was paused, so the event was not handled.", 0);
                }
                if (member == null) {
                    return null;
                }
            }
            try {
                return attempts(member, group, event, context, timed != null);
            } finally {
                member.exit(stack);
            }
        } finally {
            if (timed != null) {
                group.end(timed);
            }
        }
    }

    /** The first attempt; when it fails, the retries that its {@link dev.eventport.ports.ErrorPolicy} asks for. */
    private <E extends DomainEvent> Throwable attempts(DirectSubscription<E> member, SubscriptionGroup group,
                                                       DomainEvent event, EventContext context, boolean timed) {
        Class<E> type = member.eventType();
        if (!type.isInstance(event)) {
            return mismatch(member, event, context);
        }
        E typed = type.cast(event);
        HandlerInvoker.Attempt attempt = member.invoker().attempt(typed, context);
        return attempt.processed() ? null : retries(member, group, typed, context, attempt, timed);
    }

    /** Dead-letters an event of a type that the member's subscription cannot handle. */
    private Throwable mismatch(DirectSubscription<?> member, DomainEvent event, EventContext context) {
        UndecodableEventException mismatch = new UndecodableEventException(context.eventType() + " " + context.eventId()
                + " on '" + context.destination() + "' cannot be handled by subscription '" + member.name()
                + "', which expects " + member.eventType().getName() + ". Give the two event types distinct "
                + "destinations (eventport.destination.<SimpleClassName>).", new byte[0], null);
        return deadLetter(member.invoker(), event, context, mismatch, mismatch.getMessage(), 0);
    }

    /** Retries in line after the failed {@code attempt} until a handler returns or the event is dead-lettered. */
    private <E extends DomainEvent> Throwable retries(DirectSubscription<E> member, SubscriptionGroup group, E event,
                                                      EventContext context, HandlerInvoker.Attempt attempt, boolean timed) {
        HandlerInvoker<E> invoker = member.invoker();
        SubscriptionGroup.InFlight retrying = timed ? null : group.begin(System.nanoTime());
        try {
            EventContext attemptContext = context;
            while (true) {
                Throwable failure = attempt.failure();
                int number = attemptContext.attempt();
                if (!attempt.retry()) {
                    return deadLetter(invoker, event, context, failure, failure.getMessage(), number);
                }
                if (!member.awaitRetry(attempt.retryDelay())) {
                    String why = Thread.currentThread().isInterrupted() ? "the publishing thread was interrupted"
                            : "the subscription was closed";
                    return deadLetter(invoker, event, context, failure, failure.getMessage() + " (not retried: " + why
                            + " before attempt " + (number + 1) + ")", number);
                }
                attemptContext = attemptContext.withAttempt(number + 1);
                attempt = invoker.attempt(event, attemptContext);
                if (attempt.processed()) {
                    return null;
                }
            }
        } finally {
            if (retrying != null) {
                group.end(retrying);
            }
        }
    }

    /** Keeps the dead letter and reports it through the invoker (which logs it); no invoker when the group emptied. */
    private Throwable deadLetter(HandlerInvoker<?> invoker, DomainEvent event, EventContext context, Throwable failure,
                                 String reason, int attempts) {
        deadLetters.add(new DeadLetter(context.eventId(), context.destination(), context.subscription(),
                failure.getClass().getName(), reason, attempts, OptionalInt.empty(), OptionalLong.empty(),
                context.headers(), event, new byte[0], Instant.now()));
        if (invoker != null) {
            invoker.deadLettered(context.eventId(), attempts, failure);
        }
        return failure;
    }
}

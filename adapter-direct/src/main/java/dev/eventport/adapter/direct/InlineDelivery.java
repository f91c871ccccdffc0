package dev.eventport.adapter.direct;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.spi.InProcessDeadLetters;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
     * @param context the context of the first attempt (its subscription is the group's name)
     * @return null when a handler returned or the group has no member left; otherwise the last failure, after the
     *         event was dead-lettered
     */
    Throwable deliver(SubscriptionGroup group, DomainEvent event, EventContext context) {
        group.begin();
        try {
            DirectSubscription member;
            try {
                member = group.choose(routes.pauseTimeout());
            } catch (TimeoutException e) {
                return deadLetter(event, context, e, e.getMessage(), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return deadLetter(event, context, e, "The publishing thread was interrupted while subscription '"
                        + group.name() + "' was paused, so the event was not handled.", 0);
            }
            if (member == null) {
                return null;
            }
            try {
                return attempt(member, event, context);
            } finally {
                member.exit();
            }
        } finally {
            group.end();
        }
    }

    private Throwable attempt(DirectSubscription member, DomainEvent event, EventContext context) {
        for (int attempt = 1; ; attempt++) {
            try {
                member.handle(event, context.withAttempt(attempt));
                return null;
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable failure) {
                Optional<Duration> delay = member.errorPolicy().nextRetryDelay(failure, attempt);
                if (delay.isEmpty()) {
                    return deadLetter(event, context, failure, failure.getMessage(), attempt);
                }
                if (!member.awaitRetry(delay.get())) {
                    String why = Thread.currentThread().isInterrupted() ? "the publishing thread was interrupted"
                            : "the subscription was closed";
                    return deadLetter(event, context, failure, failure.getMessage() + " (not retried: " + why
                            + " before attempt " + (attempt + 1) + ")", attempt);
                }
            }
        }
    }

    private Throwable deadLetter(DomainEvent event, EventContext context, Throwable failure, String reason, int attempts) {
        deadLetters.add(new DeadLetter(context.eventId(), context.destination(), context.subscription(),
                failure.getClass().getName(), reason, attempts, OptionalInt.empty(), OptionalLong.empty(),
                context.headers(), event, new byte[0], Instant.now()));
        return failure;
    }
}

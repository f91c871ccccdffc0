package dev.eventport.ports.spi;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.TraceParent;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one subscription's handler once per delivery attempt, the same way on every backend: the event's trace is
 * current while the handler runs, the call is timed and reported to the observers, a failure is logged with the
 * event id, destination and subscription, and the subscription's {@link ErrorPolicy} decides what follows.
 *
 * <p>Contract: {@link #attempt} never throws (except {@link VirtualMachineError}); it returns
 * {@link Attempt#PROCESSED} or a failed attempt carrying the delay before the next attempt, or none when the event
 * must be dead-lettered. The backend then retries or dead-letters and reports the latter with
 * {@link #deadLettered}. One instance serves one subscription and may be used from several threads.
 *
 * @param <E> the event type of the subscription
 */
public final class HandlerInvoker<E extends DomainEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerInvoker.class);
    /** Per thread, the handler calls in progress and the duplicates reported during the innermost one. */
    private static final ThreadLocal<Calls> CALLS = ThreadLocal.withInitial(Calls::new);

    private final EventHandler<? super E> handler;
    private final ErrorPolicy policy;
    private final String destination;
    private final String subscription;
    private final BackendObservers observers;

    /** An invoker of {@code handler} for {@code subscription} on {@code destination}, reporting to {@code observers}. */
    public HandlerInvoker(EventHandler<? super E> handler, ErrorPolicy policy, String destination, String subscription,
                          BackendObservers observers) {
        this.handler = handler;
        this.policy = policy;
        this.destination = destination;
        this.subscription = subscription;
        this.observers = observers;
    }

    /** Calls the handler once and says what to do next. */
    public Attempt attempt(E event, EventContext context) {
        TraceParent.Scope trace = TraceParent.makeCurrent(context.headers());
        Calls calls = CALLS.get();
        int outerDuplicates = calls.duplicates;
        calls.duplicates = 0;
        calls.depth++;
        long start = observers.startTimer();
        Throwable failure = null;
        int duplicates;
        try {
            handler.handle(event, context);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (Throwable thrown) {
            failure = thrown;
        } finally {
            duplicates = calls.duplicates;
            calls.duplicates = outerDuplicates;
            calls.depth--;
            trace.close();
        }
        for (; duplicates > 0; duplicates--) {
            observers.duplicateSkipped(context.destination(), context.subscription(), context.eventId());
        }
        if (start != 0L) {
            observers.handled(destination, subscription, System.nanoTime() - start, failure);
        }
        return failure == null ? Attempt.PROCESSED : failed(context, failure);
    }

    private Attempt failed(EventContext context, Throwable failure) {
        Optional<Duration> delay = policy.nextRetryDelay(failure, context.attempt());
        if (delay.isPresent()) {
            LOG.warn("Subscription '{}' on '{}': handler failed on event {} ({}) at attempt {} of {}; retrying in {} ms: {}",
                    subscription, destination, context.eventId(), context.eventType(), context.attempt(),
                    policy.maxAttempts(), delay.get().toMillis(), failure.toString());
            observers.retryScheduled(destination, subscription, context.eventId(), context.attempt(), delay.get());
        }
        return new Attempt(failure, delay.orElse(null));
    }

    /** Reports and logs that an event went to the dead letters after {@code attempts} attempts. */
    public void deadLettered(String eventId, int attempts, Throwable reason) {
        LOG.warn("Subscription '{}' on '{}': event {} dead-lettered after {} attempt(s): {}", subscription, destination,
                eventId, attempts, reason.toString());
        observers.deadLettered(destination, subscription, eventId, attempts, reason);
    }

    /**
     * Reports that the handler running on this thread skipped {@code context}'s event as a duplicate; called by
     * {@link dev.eventport.ports.idempotency.IdempotentHandler}. The observers hear of it when that handler returns,
     * before {@link BackendObserver#handled}, with the destination, subscription and event id of that call. No effect
     * outside a handler call.
     */
    public static void reportDuplicateSkipped(EventContext context) {
        Calls calls = CALLS.get();
        if (calls.depth > 0) {
            calls.duplicates++;
        }
    }

    /**
     * One thread's handler calls: only numbers, so that a call stores no reference into this long-lived object (each
     * such store would cost a garbage-collector write barrier).
     */
    private static final class Calls {
        int depth;
        int duplicates;
    }

    /**
     * The result of one attempt.
     *
     * @param failure    what the handler threw, null when it returned
     * @param retryDelay the wait before the next attempt; null when processed or when it must be dead-lettered
     */
    public record Attempt(Throwable failure, Duration retryDelay) {

        /** The handler returned normally. */
        public static final Attempt PROCESSED = new Attempt(null, null);

        /** Whether the handler returned normally. */
        public boolean processed() {
            return failure == null;
        }

        /** Whether another attempt follows after {@link #retryDelay()}. */
        public boolean retry() {
            return retryDelay != null;
        }
    }
}

package dev.eventport.ports.idempotency;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.spi.HandlerInvoker;
import java.util.concurrent.atomic.LongAdder;

/**
 * A handler decorator that runs the delegate at most once per event id and subscription, whatever the number of
 * deliveries (at-least-once delivery becomes exactly-once in effect).
 *
 * <p>Contract: an event id already recorded in {@link ProcessedEvents} for {@link EventContext#subscription()} is
 * skipped, counted in {@link #duplicatesSkipped()} and reported to the backend's observers
 * ({@link dev.eventport.ports.BackendObserver#duplicateSkipped}); otherwise the delegate runs and, only if it returned
 * normally, the id is recorded (a failed attempt is retried, not skipped). Concurrent deliveries of the same id
 * run one after the other, so the second sees the first's record.
 *
 * @param <E> the event type
 */
public final class IdempotentHandler<E extends DomainEvent> implements EventHandler<E> {

    private static final int STRIPES = 64;

    private final EventHandler<? super E> delegate;
    private final ProcessedEvents processed;
    private final Object[] locks = new Object[STRIPES];
    private final LongAdder duplicates = new LongAdder();

    private IdempotentHandler(EventHandler<? super E> delegate, ProcessedEvents processed) {
        this.delegate = delegate;
        this.processed = processed;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** Wraps {@code delegate} so that it sees each event id once per subscription, as recorded in {@code processed}. */
    public static <E extends DomainEvent> IdempotentHandler<E> wrap(EventHandler<? super E> delegate, ProcessedEvents processed) {
        return new IdempotentHandler<>(delegate, processed);
    }

    @Override
    public void handle(E event, EventContext context) throws Exception {
        String subscription = context.subscription();
        String eventId = event.eventId();
        synchronized (locks[Math.floorMod(eventId.hashCode(), STRIPES)]) {
            if (processed.isProcessed(subscription, eventId)) {
                duplicates.increment();
                HandlerInvoker.reportDuplicateSkipped(context);
                return;
            }
            delegate.handle(event, context);
            processed.markProcessed(subscription, eventId);
        }
    }

    /** How many deliveries were skipped as duplicates. */
    public long duplicatesSkipped() {
        return duplicates.sum();
    }
}

package dev.eventport.examples.comparison;

import dev.eventport.domain.DomainEvent;
import dev.eventport.examples.store.SeededChance;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishReceipt;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

/**
 * Chaos for tests and the comparison: a publisher that publishes a share of the events twice, as a producer that
 * retries after a lost acknowledgement would, so that consumers see duplicate deliveries of the same event id.
 *
 * <p>Contract: the choice is made from the event's aggregate id and the seed, so the same seed duplicates the same
 * orders; the returned future completes when both publishes completed (the receipt is the first one's) and fails if
 * either failed; {@link #duplicatesPublished()} counts the second publishes; {@link #close()} closes the delegate.
 */
public final class DuplicatingPublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final double rate;
    private final long seed;
    private final LongAdder duplicates = new LongAdder();

    /** Publishes through {@code delegate}, publishing a share {@code rate} (0 to 1) of the events twice. */
    public DuplicatingPublisher(EventPublisher delegate, double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("DuplicatingPublisher rate must be between 0 and 1, but was " + rate);
        }
        this.delegate = delegate;
        this.rate = rate;
        this.seed = seed;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        CompletableFuture<PublishReceipt> first = delegate.publish(event, headers);
        if (!duplicates(event.aggregateId())) {
            return first;
        }
        duplicates.increment();
        CompletableFuture<PublishReceipt> second = delegate.publish(event, headers);
        return first.thenCombine(second, (a, b) -> a);
    }

    /** Whether the events of this aggregate are published twice. */
    boolean duplicates(String aggregateId) {
        if (rate == 0) {
            return false;
        }
        return SeededChance.of(aggregateId, seed, 0) < rate;
    }

    /** How many events were published a second time. */
    public long duplicatesPublished() {
        return duplicates.sum();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

package dev.eventport.testkit.chaos;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A publisher that publishes again, with a short growing pause, when a publish fails with
 * {@link PublishFailedException} (thrown or as a failed future), as an at-least-once producer does: an event whose
 * acknowledgement was lost is then sent twice, and idempotent consumers absorb the duplicate.
 *
 * <p>Contract: the returned future completes with the first successful receipt, or fails with the last failure
 * once {@code maxAttempts} publishes failed; failures other than {@link PublishFailedException} are not retried.
 * {@link #retries()} counts the publishes repeated. {@link #close()} closes the delegate.
 */
public final class AtLeastOncePublisher implements EventPublisher {

    private final EventPublisher delegate;
    private final int maxAttempts;
    private final Duration initialPause;
    private final LongAdder retries = new LongAdder();

    /** Retries each event up to {@code maxAttempts} publishes in all, pausing {@code initialPause}, doubled each time. */
    public AtLeastOncePublisher(EventPublisher delegate, int maxAttempts, Duration initialPause) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, but was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.initialPause = Objects.requireNonNull(initialPause, "initialPause");
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        return attempt(event, headers, 1);
    }

    private CompletableFuture<PublishReceipt> attempt(DomainEvent event, Map<String, String> headers, int attempt) {
        CompletableFuture<PublishReceipt> sent;
        try {
            sent = delegate.publish(event, headers);
        } catch (PublishFailedException thrown) {
            sent = CompletableFuture.failedFuture(thrown);
        }
        return sent.handle((receipt, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(receipt);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (!(cause instanceof PublishFailedException) || attempt >= maxAttempts) {
                return CompletableFuture.<PublishReceipt>failedFuture(cause);
            }
            retries.increment();
            Executor later = CompletableFuture.delayedExecutor(pauseBefore(attempt + 1), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> attempt(event, headers, attempt + 1), later).thenCompose(f -> f);
        }).thenCompose(f -> f);
    }

    private long pauseBefore(int attempt) {
        return initialPause.toMillis() << Math.min(attempt - 2, 10);
    }

    /** How many publishes were repeated after a failure. */
    public long retries() {
        return retries.sum();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

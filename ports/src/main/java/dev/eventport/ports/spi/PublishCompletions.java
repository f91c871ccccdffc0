package dev.eventport.ports.spi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The thread on which a broker backend completes its publish futures, so that what a caller chains on a future
 * never runs on the broker client's I/O thread (SPI, for backend authors; see the
 * {@link dev.eventport.ports.EventPublisher} contract).
 *
 * <p>Contract: futures handed to {@link #complete} and {@link #fail} are completed in the order handed, on one
 * daemon thread named at construction; a dependent action that blocks delays the completion of the futures after it,
 * never the sending of events. After {@link #close()} (which completes everything handed before it, waiting at most
 * the given time) a future handed over is completed on the calling thread. Thread safe.
 */
public final class PublishCompletions implements AutoCloseable {

    private final ExecutorService thread;

    /** Completions on a daemon thread called {@code threadName}. */
    public PublishCompletions(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread completer = new Thread(task, threadName);
            completer.setDaemon(true);
            return completer;
        });
    }

    /** Completes {@code future} with {@code value} on the completion thread. */
    public <T> void complete(CompletableFuture<T> future, T value) {
        run(() -> future.complete(value));
    }

    /** Completes {@code future} exceptionally with {@code failure} on the completion thread. */
    public void fail(CompletableFuture<?> future, Throwable failure) {
        run(() -> future.completeExceptionally(failure));
    }

    private void run(Runnable completion) {
        try {
            thread.execute(completion);
        } catch (RejectedExecutionException closed) {
            completion.run();
        }
    }

    /** Completes what was handed over, waiting at most {@code timeout}, then stops the thread. */
    public void close(Duration timeout) {
        thread.shutdown();
        try {
            thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #close(Duration)} waiting at most 10 s. */
    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}

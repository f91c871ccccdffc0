package dev.eventport.adapter.kafka;

import java.util.concurrent.atomic.AtomicBoolean;
import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.EventportException;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.spi.HandlerInvoker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running subscription: its consumer threads, its pause flag, and its lag, measured in the background from the
 * group's committed offsets and the topic's end offsets with the admin client (so it covers every member of the
 * group, never touches the poll loops, and keeps the last figures when the cluster cannot be asked), with the age
 * of the oldest unprocessed record (see {@link OldestRecords}). {@link #lag()} only reads the last measurement.
 * Reports its life (opened, paused, resumed, closed) to the backend's observers.
 */
final class KafkaSubscription<E extends DomainEvent> implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSubscription.class);
    private static final Duration MAX_LAG_WAIT = Duration.ofSeconds(5);
    private static final Duration OLDEST_RECORD_WAIT = Duration.ofMillis(500);

    private final SubscriptionRequest<E> request;
    private final String topic;
    private final KafkaContext context;
    private final Consumer<KafkaSubscription<?>> onClose;
    private final HandlerInvoker<E> invoker;
    private final OldestRecords oldestRecords;
    private final List<ConsumerWorker<E>> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<ConsumerLag> lag = new AtomicReference<>(new ConsumerLag(0, Map.of(), Instant.EPOCH));
    private volatile boolean paused;
    private final AtomicBoolean closed = new AtomicBoolean();
    private ScheduledFuture<?> lagMeasurement;
    private volatile int partitions;

    KafkaSubscription(SubscriptionRequest<E> request, String topic, KafkaContext context, Consumer<KafkaSubscription<?>> onClose) {
        this.request = request;
        this.topic = topic;
        this.context = context;
        this.onClose = onClose;
        this.invoker = new HandlerInvoker<>(request.handler(), request.errorPolicy(), topic, request.name(), context.observers());
        this.oldestRecords = new OldestRecords(context);
    }

    /** Starts the consumer threads and returns once the subscription is live; closes it and throws if it does not get there. */
    void start() {
        try {
            for (int i = 0; i < request.consumers(); i++) {
                ConsumerWorker<E> worker = new ConsumerWorker<>(request, topic, context, invoker, () -> paused);
                workers.add(worker);
                Thread thread = new Thread(worker, "eventport-kafka-" + request.name() + "-" + i);
                thread.setDaemon(true);
                threads.add(thread);
            }
            threads.forEach(Thread::start);
            awaitLive();
            measureLagNow();
            long interval = context.config().lagInterval().toMillis();
            lagMeasurement = context.scheduler().scheduleWithFixedDelay(this::measureLag, interval, interval, TimeUnit.MILLISECONDS);
            context.observers().subscriptionOpened(this);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Live means: every consumer thread has its first assignment with positions established, and every partition of
     * the topic has a stored position for the group, so an event published from now on is delivered whoever owns
     * its partition.
     */
    private void awaitLive() {
        Duration timeout = context.config().operationTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            CompletableFuture.allOf(workers.stream().map(ConsumerWorker::live).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            partitions = context.topics().partitions(topic).orElse(0);
            while (committedOffsets().size() < partitions) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("not every partition has a stored position yet");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        } catch (ExecutionException e) {
            throw notLive(e.getCause());
        } catch (TimeoutException e) {
            throw notLive(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notLive(e);
        }
    }

    private EventportException notLive(Throwable cause) {
        return new EventportException("Subscription '" + request.name() + "' to topic '" + topic + "' did not become live within "
                + context.config().operationTimeout().toSeconds() + " s (" + KafkaConfig.OPERATION_TIMEOUT + "): " + cause
                + ". Check that the Kafka cluster at " + context.config().bootstrapServers() + " is reachable and that this "
                + "client may join the group '" + request.name() + "'.", cause);
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets() throws ExecutionException, InterruptedException, TimeoutException {
        long timeout = Math.min(context.config().operationTimeout().toMillis(), MAX_LAG_WAIT.toMillis());
        Map<TopicPartition, OffsetAndMetadata> all = context.admin()
                .listConsumerGroupOffsets(request.name(), new ListConsumerGroupOffsetsOptions().timeoutMs((int) timeout))
                .partitionsToOffsetAndMetadata().get(timeout, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetAndMetadata> ofTopic = new HashMap<>();
        all.forEach((partition, offset) -> {
            if (partition.topic().equals(topic) && offset != null) {
                ofTopic.put(partition, offset);
            }
        });
        return ofTopic;
    }

    /** Measures the lag on the lag thread (which owns {@link #oldestRecords}) and waits for it, at most the operation timeout. */
    private void measureLagNow() {
        try {
            context.scheduler().submit(this::measureLag).get(context.config().operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            LOG.debug("Subscription '{}': lag not measured now: {}", request.name(), e.toString());
        }
    }

    private void measureLag() {
        if (closed.get()) {
            return;
        }
        try {
            long timeout = Math.min(context.config().operationTimeout().toMillis(), MAX_LAG_WAIT.toMillis());
            Map<TopicPartition, OffsetSpec> query = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                query.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            var ends = context.admin().listOffsets(query, new ListOffsetsOptions().timeoutMs((int) timeout)).all()
                    .get(timeout, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets();
            context.health().answered();
            Map<Integer, Long> byPartition = new HashMap<>();
            Map<TopicPartition, Long> lagging = new HashMap<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata position = committed.get(partition);
                long from = position == null ? 0 : position.offset();
                long behind = Math.max(0, end.offset() - from);
                byPartition.put(partition.partition(), behind);
                if (behind > 0) {
                    lagging.put(partition, from);
                }
            });
            Optional<Duration> oldestAge = lagging.isEmpty() ? Optional.of(Duration.ZERO)
                    : oldestRecords.oldest(lagging, OLDEST_RECORD_WAIT).map(at -> age(at, Instant.now()));
            lag.set(ConsumerLag.of(byPartition, oldestAge));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Subscription '{}': lag not measured, keeping the figures of {}: {}", request.name(),
                    lag.get().measuredAt(), e.toString());
        }
    }

    private static Duration age(Instant written, Instant now) {
        return written.isBefore(now) ? Duration.between(written, now) : Duration.ZERO;
    }

    /** What stops this subscription from consuming, apart from the cluster and pausing: consumers that failed. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (ConsumerWorker<E> worker : workers) {
            worker.failure().ifPresent(failure -> problems.add("subscription '" + request.name() + "' on '" + topic
                    + "' stopped consuming: its consumer failed: " + context.config().secretFree(failure.toString())));
        }
        return problems;
    }

    @Override
    public String name() {
        return request.name();
    }

    @Override
    public String destination() {
        return topic;
    }

    @Override
    public synchronized void pause() {
        if (!paused && !closed.get()) {
            paused = true;
            context.observers().subscriptionPaused(this);
        }
    }

    @Override
    public synchronized void resume() {
        if (paused && !closed.get()) {
            paused = false;
            context.observers().subscriptionResumed(this);
        }
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    /**
     * Moves every partition this process's consumers own to {@code position} and stores it as the group's position;
     * returns once they have moved. Partitions owned by other processes of the same group are not moved.
     */
    @Override
    public void rewind(StartPosition position) {
        if (closed.get()) {
            throw new IllegalStateException("Subscription '" + request.name() + "' is closed; rewind an open subscription");
        }
        try {
            CompletableFuture.allOf(workers.stream().map(w -> w.submit(() -> w.rewindTo(position))).toArray(CompletableFuture[]::new))
                    .get(context.config().operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new EventportException("Rewinding subscription '" + request.name() + "' on '" + topic + "' to " + position
                    + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new EventportException("Rewinding subscription '" + request.name() + "' on '" + topic + "' to " + position
                    + " did not finish within " + context.config().operationTimeout().toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventportException("Interrupted while rewinding subscription '" + request.name() + "'", e);
        }
        measureLagNow();
    }

    @Override
    public ConsumerLag lag() {
        return lag.get();
    }

    /** Lets the records in flight finish, commits, leaves the group; waits at most about twice the close timeout. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (lagMeasurement != null) {
            lagMeasurement.cancel(false);
        }
        workers.forEach(ConsumerWorker::stop);
        long deadline = System.nanoTime() + 2 * context.config().closeTimeout().toNanos();
        for (Thread thread : threads) {
            if (thread == Thread.currentThread()) {
                continue; // a handler closing its own subscription: its loop ends when the handler returns
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (thread.isAlive()) {
                LOG.warn("Subscription '{}': consumer thread {} did not stop within the close timeout ({}); interrupting it",
                        request.name(), thread.getName(), KafkaConfig.CLOSE_TIMEOUT);
                thread.interrupt();
            }
        }
        try {
            context.scheduler().execute(oldestRecords::close); // on the lag thread, which may be using it
        } catch (RejectedExecutionException e) {
            oldestRecords.close(); // the lag thread has ended
        }
        context.observers().subscriptionClosed(this);
        onClose.accept(this);
    }
}

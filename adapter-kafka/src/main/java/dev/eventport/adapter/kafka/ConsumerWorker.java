package dev.eventport.adapter.kafka;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.ports.spi.HandlerInvoker;
import dev.eventport.codec.json.CloudEventAttributes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer thread of a subscription: a poll loop over one {@link KafkaConsumer} of the subscription's group.
 *
 * <p>Records of a partition are handled one at a time in offset order, each attempt through the subscription's
 * {@link HandlerInvoker} (trace, timing, observers, error policy). A record is done when its handler returned
 * or it was written to the dead-letter topic (an undecodable one at once, with 0 attempts); only then does the partition's committed offset move past it. A failed
 * record that may be retried is sought back to and its partition alone is paused until its backoff has passed, so
 * the loop keeps polling (and the group membership stays alive) while it waits. A poll's records are handled for
 * at most half of {@code max.poll.interval.ms}: past that, the rest is sought back to, what is done is committed and
 * the loop polls again, so a batch of slow handlers never gets the member evicted and its batch redelivered over and
 * over (only one handler call longer than the whole interval can still be). Every method except
 * {@link #stop()}, {@link #submit} and {@link #live()} runs in the worker's own thread.
 */
final class ConsumerWorker<E extends DomainEvent> implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerWorker.class);
    private static final Duration MAX_POLL = Duration.ofMillis(100);
    private static final Duration DEAD_LETTER_RETRY = Duration.ofSeconds(1);
    private static final String UNKNOWN_ID = "unknown";

    private final SubscriptionRequest<E> request;
    private final String topic;
    private final KafkaContext context;
    private final HandlerInvoker<E> invoker;
    private final KafkaConsumer<String, byte[]> consumer;
    private final DeadLetterWriter deadLetters;
    private final BooleanSupplier subscriptionPaused;
    private final long batchBudgetNanos;
    private final CompletableFuture<Void> live = new CompletableFuture<>();
    private final Queue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Map<TopicPartition, Long> toCommit = new HashMap<>();
    private final Map<TopicPartition, Retry> retries = new HashMap<>();
    private volatile boolean running = true;
    private volatile Throwable failure;

    /** The state of the record at the head of a partition that failed and waits for another attempt. */
    private record Retry(long offset, String eventId, int attempts, Throwable failure, boolean deadLetterPending,
                         long resumeAtNanos) {
    }

    private enum Outcome { DONE, WAIT }

    ConsumerWorker(SubscriptionRequest<E> request, String topic, KafkaContext context, HandlerInvoker<E> invoker,
                   BooleanSupplier subscriptionPaused) {
        this.request = request;
        this.topic = topic;
        this.context = context;
        this.invoker = invoker;
        this.subscriptionPaused = subscriptionPaused;
        this.consumer = context.newConsumer(request.name());
        this.batchBudgetNanos = Duration.ofMillis(context.config().maxPollIntervalMillis(request.name())).toNanos() / 2;
        this.deadLetters = new DeadLetterWriter(context.producer(), context.config().operationTimeout());
    }

    /** Completes once this consumer has its first assignment with every position established and stored. */
    CompletableFuture<Void> live() {
        return live;
    }

    /** Why this consumer stopped before it was asked to, if it did. */
    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Runs {@code command} in the poll thread before its next poll; the future completes when it ran. */
    CompletableFuture<Void> submit(Runnable command) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.complete(null);
            return done;
        }
        commands.add(() -> {
            try {
                command.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Asks the loop to finish the record in flight, commit and leave the group. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(topic), new Rebalance());
            while (running) {
                runCommands();
                applyPauses();
                ConsumerRecords<String, byte[]> records;
                try {
                    records = consumer.poll(nextPollTimeout());
                } catch (WakeupException e) {
                    continue;
                } catch (RetriableException e) {
                    LOG.warn("Subscription '{}' on '{}': poll failed, retrying: {}", request.name(), topic, e.toString());
                    continue;
                }
                handle(records);
                commitAsync();
            }
        } catch (InterruptException e) {
            LOG.warn("Subscription '{}' on '{}': consumer thread interrupted; stopping", request.name(), topic);
        } catch (RuntimeException | Error e) {
            LOG.error("Subscription '{}' on '{}' stopped: its consumer failed: {}", request.name(), topic, e.toString(), e);
            failure = e;
            live.completeExceptionally(e);
        } finally {
            shutDown();
        }
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
    }

    private Duration nextPollTimeout() {
        long now = System.nanoTime();
        long wait = MAX_POLL.toNanos();
        for (Retry retry : retries.values()) {
            wait = Math.min(wait, Math.max(0, retry.resumeAtNanos() - now));
        }
        return Duration.ofNanos(wait);
    }

    /** Pauses everything while the subscription is paused; otherwise resumes partitions whose backoff is over. */
    private void applyPauses() {
        Set<TopicPartition> assignment = consumer.assignment();
        if (subscriptionPaused.getAsBoolean()) {
            consumer.pause(assignment);
            return;
        }
        long now = System.nanoTime();
        Set<TopicPartition> resume = new HashSet<>();
        for (TopicPartition partition : consumer.paused()) {
            Retry retry = retries.get(partition);
            if (retry == null || retry.resumeAtNanos() <= now) {
                resume.add(partition);
            }
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void handle(ConsumerRecords<String, byte[]> records) {
        long pollAgainAt = System.nanoTime() + batchBudgetNanos;
        boolean outOfTime = false;
        for (TopicPartition partition : records.partitions()) {
            long done = -1;
            try {
                for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                    outOfTime = outOfTime || System.nanoTime() - pollAgainAt > 0;
                    if (!running || outOfTime || subscriptionPaused.getAsBoolean()) {
                        consumer.seek(partition, record.offset());
                        break;
                    }
                    if (process(partition, record) == Outcome.WAIT) {
                        break;
                    }
                    done = record.offset();
                }
            } finally {
                if (done >= 0) {
                    toCommit.put(partition, done + 1);
                }
            }
        }
    }

    private Outcome process(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        Retry previous = retries.isEmpty() ? null : retries.get(partition);
        if (previous != null && previous.offset() != record.offset()) {
            previous = null;
        }
        if (previous != null && previous.deadLetterPending()) {
            return deadLetter(partition, record, previous.eventId(), previous.failure(), previous.attempts());
        }
        int attempt = previous == null ? 1 : previous.attempts() + 1;
        E event;
        try {
            event = context.codec().decode(record.value(), request.eventType());
        } catch (UndecodableEventException e) {
            return deadLetter(partition, record, headerOr(record, CloudEventAttributes.ID, UNKNOWN_ID), e, 0);
        }
        HandlerInvoker.Attempt outcome = invoker.attempt(event, eventContext(record, event, attempt));
        if (outcome.processed()) {
            if (previous != null) {
                retries.remove(partition);
            }
            return Outcome.DONE;
        }
        if (!outcome.retry()) {
            return deadLetter(partition, record, event.eventId(), outcome.failure(), attempt);
        }
        waitBeforeRetry(partition, new Retry(record.offset(), event.eventId(), attempt, outcome.failure(), false,
                System.nanoTime() + outcome.retryDelay().toNanos()));
        return Outcome.WAIT;
    }

    private Outcome deadLetter(TopicPartition partition, ConsumerRecord<String, byte[]> record, String eventId, Throwable failure,
                               int attempts) {
        try {
            deadLetters.write(record, UNKNOWN_ID.equals(eventId) ? null : eventId, request.name(), failure, attempts);
            retries.remove(partition);
            invoker.deadLettered(eventId, attempts, failure);
            return Outcome.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (Exception e) {
            LOG.warn("Subscription '{}': could not write event {} ({}-{}@{}) to {}; retrying in {} ms: {}", request.name(), eventId,
                    record.topic(), record.partition(), record.offset(), KafkaTopics.deadLetterTopic(record.topic()),
                    DEAD_LETTER_RETRY.toMillis(), e.toString());
            waitBeforeRetry(partition, new Retry(record.offset(), eventId, attempts, failure, true,
                    System.nanoTime() + DEAD_LETTER_RETRY.toNanos()));
            return Outcome.WAIT;
        }
    }

    private void waitBeforeRetry(TopicPartition partition, Retry retry) {
        retries.put(partition, retry);
        consumer.seek(partition, retry.offset());
        consumer.pause(List.of(partition));
    }

    private static String headerOr(ConsumerRecord<String, byte[]> record, String name, String fallback) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? fallback : new String(header.value(), StandardCharsets.UTF_8);
    }

    private EventContext eventContext(ConsumerRecord<String, byte[]> record, E event, int attempt) {
        Map<String, String> headers = KafkaHeaders.fromKafka(record.headers());
        String type = headers.getOrDefault(CloudEventAttributes.TYPE, request.eventType().getSimpleName());
        return new EventContext(event.eventId(), type, record.topic(), request.name(), OptionalInt.of(record.partition()),
                OptionalLong.of(record.offset()), attempt, headers);
    }

    /** Moves every partition of this consumer to {@code position} and stores that position. */
    void rewindTo(StartPosition position) {
        Set<TopicPartition> assignment = consumer.assignment();
        Map<TopicPartition, Long> targets = resolve(position, assignment);
        targets.forEach(consumer::seek);
        retries.keySet().removeAll(assignment);
        toCommit.putAll(targets);
        commitSync(targets.keySet());
    }

    private Map<TopicPartition, Long> resolve(StartPosition position, Collection<TopicPartition> partitions) {
        Duration timeout = context.config().operationTimeout();
        if (partitions.isEmpty()) {
            return Map.of();
        }
        if (position instanceof StartPosition.Earliest) {
            return consumer.beginningOffsets(partitions, timeout);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        if (position instanceof StartPosition.AtTime at) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, at.time().toEpochMilli()));
            Map<TopicPartition, Long> result = new HashMap<>(ends);
            consumer.offsetsForTimes(query, timeout).forEach((p, found) -> {
                if (found != null) {
                    result.put(p, found.offset());
                }
            });
            return result;
        }
        return ends;
    }

    private void commitAsync() {
        if (toCommit.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = offsets(toCommit.keySet());
        toCommit.clear();
        consumer.commitAsync(offsets, (committed, failure) -> {
            if (failure != null) {
                // retry with the next commit, unless a newer offset waits already or the partition has moved on
                // (committing for a partition another member owns could move its position past unprocessed records)
                Set<TopicPartition> assignment = consumer.assignment();
                committed.forEach((p, o) -> {
                    if (assignment.contains(p)) {
                        toCommit.putIfAbsent(p, o.offset());
                    }
                });
                LOG.debug("Subscription '{}': offset commit failed, will retry: {}", request.name(), failure.toString());
            }
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> offsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long next = toCommit.get(partition);
            if (next != null) {
                offsets.put(partition, new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    /** Commits what is done for {@code partitions}, waiting at most the close timeout; a failure is logged, not thrown. */
    private void commitSync(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = offsets(partitions);
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, context.config().closeTimeout());
            partitions.forEach(toCommit::remove);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("Subscription '{}': could not commit {} ({}); those records may be delivered again", request.name(),
                    offsets, e.toString());
        }
    }

    private void shutDown() {
        try {
            commitSync(new HashSet<>(toCommit.keySet()));
        } catch (RuntimeException e) {
            LOG.warn("Subscription '{}': final commit failed: {}", request.name(), e.toString());
        } finally {
            try {
                consumer.close(CloseOptions.timeout(context.config().closeTimeout()));
            } catch (RuntimeException e) {
                LOG.warn("Subscription '{}': closing the consumer failed: {}", request.name(), e.toString());
            }
            live.completeExceptionally(new IllegalStateException("Subscription '" + request.name() + "' was closed"));
        }
    }

    /** Commits what is done before partitions move, and gives partitions without a stored position their start. */
    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitSync(partitions);
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        private void forget(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> {
                toCommit.remove(p);
                retries.remove(p);
            });
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            try {
                establishPositions(partitions);
            } catch (KafkaException e) {
                LOG.warn("Subscription '{}': could not set the start position of {} ({}); partitions without a stored "
                        + "position start from the earliest record", request.name(), partitions, e.toString());
            }
            if (subscriptionPaused.getAsBoolean()) {
                consumer.pause(partitions);
            }
            live.complete(null);
        }

        private void establishPositions(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions),
                    context.config().operationTimeout());
            Set<TopicPartition> fresh = new HashSet<>();
            for (TopicPartition partition : partitions) {
                if (committed.get(partition) == null) {
                    fresh.add(partition);
                }
            }
            if (fresh.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> starts = resolve(request.startPosition(), fresh);
            starts.forEach(consumer::seek);
            toCommit.putAll(starts);
            Map<TopicPartition, OffsetAndMetadata> offsets = offsets(starts.keySet());
            consumer.commitSync(offsets, context.config().operationTimeout());
            starts.keySet().forEach(toCommit::remove);
        }
    }
}

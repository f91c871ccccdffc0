package dev.eventport.adapter.kafka;

import dev.eventport.codec.json.CloudEventAttributes;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.EventportException;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.spi.BackendObservers;
import dev.eventport.ports.spi.DeadLetterHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code <topic>.DLT} from the beginning to its current end with a short-lived consumer that belongs to no
 * group, so listing never consumes, commits or removes anything; republishes a dead letter by producing its original
 * bytes, key and headers (plus {@link DeadLetters#REPUBLISHED_HEADER}) to its original topic, while the dead-letter
 * topic, an immutable log, keeps it.
 */
final class KafkaDeadLetters implements DeadLetters {

    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaContext context;

    KafkaDeadLetters(KafkaContext context) {
        this.context = context;
    }

    @Override
    public List<DeadLetter> list(String destination) {
        String topic = KafkaTopics.deadLetterTopic(destination);
        Duration timeout = context.config().operationTimeout();
        int count = context.topics().partitions(topic).orElse(0);
        if (count == 0) {
            return List.of();
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        List<DeadLetter> result = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = context.newConsumer(null)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!atEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new EventportException("Reading the dead letters of '" + destination + "' from '"
                            + topic + "' did not finish within " + timeout.toSeconds() + " s (" + KafkaConfig.OPERATION_TIMEOUT + ")");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        result.add(toDeadLetter(destination, record));
                    }
                }
            }
        }
        result.sort(Comparator.comparing(DeadLetter::deadLetteredAt));
        return result;
    }

    /**
     * Produces the letter's original payload (encoding its event when it has no payload) with its original headers
     * and key ({@code ce_partitionkey}) to its original topic; reported to the observers as a publish.
     */
    @Override
    public CompletableFuture<PublishReceipt> republish(DeadLetter deadLetter) {
        BackendObservers observers = context.observers();
        long start = observers.startTimer();
        String topic = deadLetter.destination();
        String type = deadLetter.event() != null ? deadLetter.event().getClass().getSimpleName()
                : deadLetter.headers().getOrDefault(CloudEventAttributes.TYPE, "unknown");
        CompletableFuture<PublishReceipt> result = new CompletableFuture<>();
        try {
            Map<String, String> headers = new LinkedHashMap<>(deadLetter.headers());
            headers.put(REPUBLISHED_HEADER, Integer.toString(deadLetter.attempts()));
            byte[] payload = deadLetter.payload().length == 0 && deadLetter.event() != null
                    ? context.codec().encode(deadLetter.event(), Map.of()).body() : deadLetter.payload();
            context.producer().send(new ProducerRecord<>(topic, null, headers.get(CloudEventAttributes.PARTITION_KEY), payload,
                    KafkaHeaders.toKafka(headers)), (metadata, failure) -> {
                        if (failure == null) {
                            observers.publishCompleted(topic, type, start, null);
                            result.complete(PublishReceipt.at(deadLetter.eventId(), topic, metadata.partition(), metadata.offset()));
                        } else {
                            fail(result, deadLetter, type, start, failure);
                        }
                    });
        } catch (RuntimeException e) {
            fail(result, deadLetter, type, start, e);
        }
        return result;
    }

    private void fail(CompletableFuture<PublishReceipt> result, DeadLetter deadLetter, String type, long start, Exception cause) {
        PublishFailedException failure = new PublishFailedException(deadLetter.eventId(), type, deadLetter.destination(),
                "republishing the dead letter to the Kafka cluster at " + context.config().bootstrapServers() + " failed: "
                        + context.config().secretFree(cause.toString()), cause);
        context.observers().publishCompleted(deadLetter.destination(), type, start, failure);
        result.completeExceptionally(failure);
    }

    private static boolean atEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static DeadLetter toDeadLetter(String destination, ConsumerRecord<String, byte[]> record) {
        Map<String, String> all = KafkaHeaders.fromKafka(record.headers());
        Map<String, String> original = new LinkedHashMap<>();
        all.forEach((name, value) -> {
            if (!name.startsWith("eventport_dlt_")) {
                original.put(name, value);
            }
        });
        if (record.key() != null) {
            // an event sent without attributes (eventport.wire.attributes=none) has its key in the record alone
            original.putIfAbsent(CloudEventAttributes.PARTITION_KEY, record.key());
        }
        return new DeadLetter(
                all.getOrDefault(CloudEventAttributes.ID, "unknown"),
                all.getOrDefault(DeadLetterHeaders.ORIGINAL_DESTINATION, destination),
                all.get(DeadLetterHeaders.SUBSCRIPTION),
                all.getOrDefault(DeadLetterHeaders.EXCEPTION_TYPE, "unknown"),
                all.get(DeadLetterHeaders.EXCEPTION_MESSAGE),
                parseInt(all.get(DeadLetterHeaders.ATTEMPTS), 0),
                all.containsKey(DeadLetterHeaders.ORIGINAL_PARTITION)
                        ? OptionalInt.of(parseInt(all.get(DeadLetterHeaders.ORIGINAL_PARTITION), 0)) : OptionalInt.empty(),
                all.containsKey(DeadLetterHeaders.ORIGINAL_OFFSET)
                        ? OptionalLong.of(parseLong(all.get(DeadLetterHeaders.ORIGINAL_OFFSET))) : OptionalLong.empty(),
                original,
                null,
                record.value(),
                deadLetteredAt(all.get(DeadLetterHeaders.DEAD_LETTERED_AT), record.timestamp()));
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Instant deadLetteredAt(String header, long recordTimestamp) {
        try {
            return header == null ? Instant.ofEpochMilli(recordTimestamp) : Instant.parse(header);
        } catch (DateTimeParseException e) {
            return Instant.ofEpochMilli(recordTimestamp);
        }
    }
}

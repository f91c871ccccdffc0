package dev.eventport.adapter.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Finds when the oldest unprocessed record of one subscription was written: the timestamp of the record at each
 * lagging partition's committed offset, read with one small fetch by a consumer of no group (it never commits and
 * never joins a group) and remembered until that committed offset moves, so a stalled or paused subscription costs
 * one fetch per partition in all. Used by the subscription's lag measurements only, on the backend's lag thread;
 * not thread safe.
 */
final class OldestRecords implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);

    /** The record found at a committed offset: when it was written. */
    private record Head(long offset, long timestamp) {
    }

    private final KafkaContext context;
    private final Map<TopicPartition, Head> heads = new HashMap<>();
    private KafkaConsumer<String, byte[]> consumer;

    OldestRecords(KafkaContext context) {
        this.context = context;
    }

    /**
     * When the oldest of the records at {@code committed} (the positions of the lagging partitions) was written;
     * empty when one of them could not be read within {@code budget}.
     */
    Optional<Instant> oldest(Map<TopicPartition, Long> committed, Duration budget) {
        heads.keySet().retainAll(committed.keySet());
        long oldest = Long.MAX_VALUE;
        Map<TopicPartition, Long> unknown = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> position : committed.entrySet()) {
            Head head = heads.get(position.getKey());
            if (head != null && head.offset() == position.getValue()) {
                oldest = Math.min(oldest, head.timestamp());
            } else {
                unknown.put(position.getKey(), position.getValue());
            }
        }
        if (!unknown.isEmpty()) {
            oldest = Math.min(oldest, fetch(unknown, budget));
        }
        return unknown.isEmpty() && oldest != Long.MAX_VALUE ? Optional.of(Instant.ofEpochMilli(oldest)) : Optional.empty();
    }

    /** Reads the first record at or after each position; removes the partitions found from {@code unknown}. */
    private long fetch(Map<TopicPartition, Long> unknown, Duration budget) {
        KafkaConsumer<String, byte[]> reader = consumer();
        reader.assign(unknown.keySet());
        unknown.forEach(reader::seek);
        long oldest = Long.MAX_VALUE;
        long deadline = System.nanoTime() + budget.toNanos();
        while (!unknown.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long wanted = unknown.get(partition);
                if (wanted != null && record.offset() >= wanted) {
                    heads.put(partition, new Head(wanted, record.timestamp()));
                    oldest = Math.min(oldest, record.timestamp());
                    unknown.remove(partition);
                }
            }
        }
        reader.assign(List.of());
        return oldest;
    }

    private KafkaConsumer<String, byte[]> consumer() {
        if (consumer == null) {
            // one batch per partition is all it needs
            consumer = context.newConsumer(null, Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "1",
                    ConsumerConfig.FETCH_MAX_BYTES_CONFIG, "1"));
        }
        return consumer;
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close(context.config().closeTimeout());
            consumer = null;
        }
    }
}

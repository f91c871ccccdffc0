package dev.eventport.adapter.kafka;

import dev.eventport.codec.json.CloudEventAttributes;
import dev.eventport.ports.spi.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a failed record to {@code <topic>.DLT}: same key and bytes, its original headers, and the
 * {@link DeadLetterHeaders} saying where it came from and why it failed; returns once the broker acknowledged it.
 */
final class DeadLetterWriter {

    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    DeadLetterWriter(Producer<String, byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    /**
     * Sends and waits for the acknowledgement; throws if the dead letter could not be written. A decoded event's id
     * ({@code eventId}, else null) is added as {@code ce_id} when the record has none (it was sent without
     * attributes), so that the dead letter names its event.
     */
    void write(ConsumerRecord<String, byte[]> record, String eventId, String subscription, Throwable failure, int attempts)
            throws ExecutionException, TimeoutException, InterruptedException {
        Headers headers = new RecordHeaders(record.headers().toArray());
        if (eventId != null && headers.lastHeader(CloudEventAttributes.ID) == null) {
            add(headers, CloudEventAttributes.ID, eventId);
        }
        add(headers, DeadLetterHeaders.ORIGINAL_DESTINATION, record.topic());
        add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, String.valueOf(record.partition()));
        add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, String.valueOf(record.offset()));
        add(headers, DeadLetterHeaders.SUBSCRIPTION, subscription);
        add(headers, DeadLetterHeaders.EXCEPTION_TYPE, failure.getClass().getName());
        add(headers, DeadLetterHeaders.EXCEPTION_MESSAGE, String.valueOf(failure.getMessage()));
        add(headers, DeadLetterHeaders.ATTEMPTS, String.valueOf(attempts));
        add(headers, DeadLetterHeaders.DEAD_LETTERED_AT, Instant.now().toString());
        Future<RecordMetadata> written = producer.send(new ProducerRecord<>(KafkaTopics.deadLetterTopic(record.topic()), null,
                record.key(), record.value(), headers));
        producer.flush(); // the consumer waits for this write: do not let it sit out linger.ms
        written.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void add(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

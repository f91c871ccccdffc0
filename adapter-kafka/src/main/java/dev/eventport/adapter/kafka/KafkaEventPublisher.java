package dev.eventport.adapter.kafka;

import java.util.concurrent.atomic.AtomicBoolean;
import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.PublisherClosedException;
import dev.eventport.ports.spi.EncodedEvent;
import dev.eventport.ports.spi.EventCodec;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes events to Kafka: one record per event on the topic its type maps to, keyed by the aggregate id, with a
 * JSON body and CloudEvents {@code ce_*} headers.
 *
 * <p>Contract: as {@link EventPublisher}. The future completes when the broker acknowledged the record per
 * {@code acks} (default {@code all}), with the partition and offset in the receipt, or fails with a
 * {@link PublishFailedException} naming the event id, type, topic and cause. The first publish to a topic makes sure
 * the topic and its {@code .DLT} exist (see {@link KafkaConfig#TOPICS_CREATE}). Created by the Kafka backend.
 */
public final class KafkaEventPublisher implements EventPublisher {

    private static final String RESERVED_CE = "ce_";
    private static final String RESERVED_EVENTPORT = "eventport_";

    private final Producer<String, byte[]> producer;
    private final EventCodec codec;
    private final DestinationNaming naming;
    private final KafkaTopics topics;
    private final Consumer<KafkaEventPublisher> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    KafkaEventPublisher(Producer<String, byte[]> producer, EventCodec codec, DestinationNaming naming, KafkaTopics topics,
                        Consumer<KafkaEventPublisher> onClose) {
        this.producer = producer;
        this.codec = codec;
        this.naming = naming;
        this.topics = topics;
        this.onClose = onClose;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        String type = event.getClass().getSimpleName();
        String topic = naming.destinationFor(event.getClass());
        if (closed.get()) {
            return CompletableFuture.failedFuture(new PublisherClosedException(event.eventId(), type, topic));
        }
        for (String name : headers.keySet()) {
            if (name.startsWith(RESERVED_CE) || name.startsWith(RESERVED_EVENTPORT)) {
                return CompletableFuture.failedFuture(new PublishFailedException(event.eventId(), type, topic, "header '" + name
                        + "' is reserved (names starting with 'ce_' or 'eventport_' belong to the wire format). Rename it.", null));
            }
        }
        CompletableFuture<PublishReceipt> result = new CompletableFuture<>();
        try {
            topics.ensureExists(topic);
            EncodedEvent encoded = codec.encode(event, headers);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, event.aggregateId(), encoded.body(),
                    KafkaHeaders.toKafka(encoded.headers()));
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    result.complete(PublishReceipt.at(event.eventId(), topic, metadata.partition(), metadata.offset()));
                } else {
                    result.completeExceptionally(new PublishFailedException(event.eventId(), type, topic,
                            "the broker did not acknowledge it: " + failure, failure));
                }
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(new PublishFailedException(event.eventId(), type, topic, e.getMessage(), e));
        }
        return result;
    }

    /** Flushes every record sent so far, so that every returned future is complete; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            producer.flush();
        } finally {
            onClose.accept(this);
        }
    }
}

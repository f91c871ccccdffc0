package dev.eventport.adapter.kafka;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventportException;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.PublisherClosedException;
import dev.eventport.ports.TraceParent;
import dev.eventport.ports.spi.BackendObservers;
import dev.eventport.ports.spi.EncodedEvent;
import dev.eventport.ports.spi.PublishHeaders;
import dev.eventport.ports.spi.WireAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Publishes events to Kafka: one record per event on the topic its type maps to, keyed by the aggregate id, with a
 * JSON body and, unless {@link KafkaConfig#wireAttributes} is {@code none}, CloudEvents {@code ce_*} headers and a W3C
 * {@code traceparent}.
 *
 * <p>Contract: as {@link EventPublisher}. The future completes when the broker acknowledged the record per
 * {@code acks} (default {@code all}), with the partition and offset in the receipt, or fails with a
 * {@link PublishFailedException} naming the event id, type, topic and cause, at the latest about
 * {@link KafkaConfig#PUBLISH_TIMEOUT} after the call when no broker takes it (naming the bootstrap servers then);
 * {@code publish} itself blocks at most that long, and only while the producer has no metadata for the topic. The
 * first publish to a topic makes sure the topic and its {@code .DLT} exist (see {@link KafkaConfig#TOPICS_CREATE}).
 * Created by the Kafka backend.
 */
public final class KafkaEventPublisher implements EventPublisher {

    private static final String RESERVED_CE = "ce_";
    private static final String RESERVED_EVENTPORT = "eventport_";

    private final KafkaContext context;
    private final BackendObservers observers;
    private final WireAttributes wireAttributes;
    private final Consumer<KafkaEventPublisher> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    KafkaEventPublisher(KafkaContext context, Consumer<KafkaEventPublisher> onClose) {
        this.context = context;
        this.observers = context.observers();
        this.wireAttributes = context.config().wireAttributes();
        this.onClose = onClose;
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        long start = observers.startTimer();
        String topic = context.naming().destinationFor(event.getClass());
        if (closed.get()) {
            return failed(start, new PublisherClosedException(event.eventId(), typeOf(event), topic));
        }
        if (!headers.isEmpty()) {
            for (String name : headers.keySet()) {
                if (name.startsWith(RESERVED_CE) || name.startsWith(RESERVED_EVENTPORT)) {
                    return failed(start, new PublishFailedException(event.eventId(), typeOf(event), topic, "header '" + name
                            + "' is reserved (names starting with 'ce_' or 'eventport_' belong to the wire format). Rename it.", null));
                }
            }
        }
        Acknowledgement acknowledgement = new Acknowledgement(event, topic, start);
        try {
            context.topics().ensureExists(topic);
            context.producer().send(record(event, topic, headers), acknowledgement);
        } catch (RuntimeException e) {
            acknowledgement.onCompletion(null, e);
        }
        return acknowledgement;
    }

    /** The record of one event: keyed by aggregate id, with the attributes {@link KafkaConfig#wireAttributes} asks for. */
    private ProducerRecord<String, byte[]> record(DomainEvent event, String topic, Map<String, String> headers) {
        if (wireAttributes == WireAttributes.NONE) {
            return new ProducerRecord<>(topic, null, event.aggregateId(), context.codec().encodeBody(event),
                    KafkaHeaders.toKafka(headers));
        }
        String traceparent = PublishHeaders.traceparentFor(headers);
        EncodedEvent encoded = context.codec().encode(event, withoutTraceparent(headers));
        return new ProducerRecord<>(topic, null, event.aggregateId(), encoded.body(),
                KafkaHeaders.toKafka(encoded.headers(), TraceParent.HEADER, traceparent));
    }

    /** The caller's headers for the codec; the traceparent is added as a record header of its own. */
    private static Map<String, String> withoutTraceparent(Map<String, String> headers) {
        if (!headers.containsKey(TraceParent.HEADER)) {
            return headers;
        }
        Map<String, String> others = new HashMap<>(headers);
        others.remove(TraceParent.HEADER);
        return others;
    }

    private CompletableFuture<PublishReceipt> failed(long start, PublishFailedException failure) {
        observers.publishCompleted(failure.destination(), failure.eventType(), start, failure);
        return CompletableFuture.failedFuture(failure);
    }

    private static String typeOf(DomainEvent event) {
        return event.getClass().getSimpleName();
    }

    /** The future of one publish, completed by the producer's acknowledgement (one object per event, not two). */
    private final class Acknowledgement extends CompletableFuture<PublishReceipt> implements Callback {

        private final DomainEvent event;
        private final String topic;
        private final long start;

        Acknowledgement(DomainEvent event, String topic, long start) {
            this.event = event;
            this.topic = topic;
            this.start = start;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                if (start != 0L) {
                    observers.publishCompleted(topic, typeOf(event), start, null);
                }
                complete(PublishReceipt.at(event.eventId(), topic, metadata.partition(), metadata.offset()));
                return;
            }
            context.health().publishFailed(exception);
            PublishFailedException failure = new PublishFailedException(event.eventId(), typeOf(event), topic, reason(exception),
                    exception);
            observers.publishCompleted(topic, failure.eventType(), start, failure);
            completeExceptionally(failure);
        }

        private String reason(Exception exception) {
            KafkaConfig config = context.config();
            String cause = config.secretFree(exception.toString());
            if (exception instanceof TimeoutException) {
                return "no broker of the Kafka cluster at " + config.bootstrapServers() + " acknowledged it within "
                        + config.publishTimeout().toMillis() + " ms (" + KafkaConfig.PUBLISH_TIMEOUT + "): " + cause
                        + ". Check that the cluster is reachable from this host.";
            }
            if (exception instanceof RecordTooLargeException) {
                return "the event is larger than the Kafka cluster accepts: " + cause + ". Publish smaller events (a "
                        + "reference to large data rather than the data), or raise together the producer's max.request.size ("
                        + KafkaConfig.PRODUCER_PREFIX + "max.request.size), the topic's max.message.bytes and the brokers' "
                        + "message.max.bytes.";
            }
            if (exception instanceof AuthenticationException) {
                return KafkaAuthenticationFailure.of(exception, config).orElseThrow().getMessage();
            }
            if (exception instanceof EventportException) {
                return exception.getMessage();
            }
            return "the Kafka cluster at " + config.bootstrapServers() + " did not take it: " + cause;
        }
    }

    /** Flushes every record sent so far, so that every returned future is complete; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            context.producer().flush();
        } finally {
            onClose.accept(this);
        }
    }
}

package dev.eventport.adapter.jms;

import dev.eventport.codec.json.CloudEventAttributes;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.spi.DeadLetterHeaders;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters of a JMS backend: the messages of {@code <destination>.DLQ}, browsed for {@link #list(String)};
 * {@link #republish(DeadLetter)} moves one back to its destination in one transaction (consumed from the dead-letter
 * queue, sent with its original body and properties plus {@value DeadLetters#REPUBLISHED_HEADER}).
 */
final class JmsDeadLetters implements DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(JmsDeadLetters.class);
    private static final long FIND_MILLIS = 2000;

    private final JmsBackend backend;

    JmsDeadLetters(JmsBackend backend) {
        this.backend = backend;
    }

    @Override
    public List<DeadLetter> list(String destination) {
        String queue = destination + JmsBackend.DEAD_LETTER_SUFFIX;
        try {
            List<DeadLetter> letters = new ArrayList<>();
            for (Message message : backend.browseAll(queue)) {
                letters.add(toDeadLetter(destination, message));
            }
            return letters;
        } catch (InvalidDestinationException e) {
            return List.of();
        } catch (JMSException e) {
            throw JmsBackend.brokerFailure("Listing the dead letters of '" + destination + "' (queue '" + queue + "')", e);
        }
    }

    /**
     * Finds the letter in {@code <destination>.DLQ} (by its dead-lettering time, subscription and event id), strips
     * the dead-letter properties, adds {@value DeadLetters#REPUBLISHED_HEADER} and sends it, body untouched, to its
     * destination; the removal from the dead-letter queue and the send commit together.
     */
    @Override
    public CompletableFuture<PublishReceipt> republish(DeadLetter deadLetter) {
        long start = backend.observers().startTimer();
        String eventType = deadLetter.headers().getOrDefault(CloudEventAttributes.TYPE, "unknown");
        String destination = deadLetter.destination();
        String queue = destination + JmsBackend.DEAD_LETTER_SUFFIX;
        try {
            boolean moved = backend.withTransactedSession(session -> {
                try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector(deadLetter))) {
                    Message message = consumer.receive(FIND_MILLIS);
                    if (message == null) {
                        return false;
                    }
                    Map<String, Object> kept = new LinkedHashMap<>();
                    Enumeration<?> names = message.getPropertyNames();
                    while (names.hasMoreElements()) {
                        String name = (String) names.nextElement();
                        if ((!name.startsWith("JMS") || name.equals(JmsWireFormat.GROUP_ID)) && !name.startsWith("eventport_dlt_")) {
                            kept.put(name, message.getObjectProperty(name));
                        }
                    }
                    message.clearProperties();
                    for (Map.Entry<String, Object> property : kept.entrySet()) {
                        message.setObjectProperty(property.getKey(), property.getValue());
                    }
                    message.setStringProperty(JmsWireFormat.propertyName(REPUBLISHED_HEADER), Integer.toString(deadLetter.attempts()));
                    try (MessageProducer producer = session.createProducer(backend.destination(session, destination))) {
                        producer.send(message, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
                    }
                    return true;
                }
            });
            if (!moved) {
                return failed(deadLetter, eventType, start, "this dead letter is no longer kept in '" + queue
                        + "' (republished already, or removed)", null);
            }
        } catch (JMSException | RuntimeException e) {
            return failed(deadLetter, eventType, start, "moving it from '" + queue + "' back failed: " + e.getMessage()
                    + "; check that the broker at " + backend.where() + " is reachable", e);
        }
        LOG.info("jms: dead letter {} republished from '{}' to '{}' after {} attempt(s)", deadLetter.eventId(), queue,
                destination, deadLetter.attempts());
        backend.observers().publishCompleted(destination, eventType, start, null);
        return CompletableFuture.completedFuture(PublishReceipt.of(deadLetter.eventId(), destination));
    }

    private CompletableFuture<PublishReceipt> failed(DeadLetter deadLetter, String eventType, long start, String reason,
                                                     Throwable cause) {
        PublishFailedException failure = new PublishFailedException(deadLetter.eventId(), eventType,
                deadLetter.destination(), reason, cause);
        backend.observers().publishCompleted(deadLetter.destination(), eventType, start, failure);
        return CompletableFuture.failedFuture(failure);
    }

    /** A selector that matches the one dead-letter message a {@link DeadLetter} was read from. */
    private static String selector(DeadLetter deadLetter) {
        StringBuilder selector = new StringBuilder(DeadLetterHeaders.DEAD_LETTERED_AT).append(" = ")
                .append(quoted(deadLetter.deadLetteredAt().toString()));
        if (deadLetter.subscription() != null) {
            selector.append(" AND ").append(DeadLetterHeaders.SUBSCRIPTION).append(" = ").append(quoted(deadLetter.subscription()));
        }
        if (deadLetter.headers().containsKey(CloudEventAttributes.ID)) {
            selector.append(" AND ").append(CloudEventAttributes.ID).append(" = ")
                    .append(quoted(deadLetter.headers().get(CloudEventAttributes.ID)));
        }
        return selector.toString();
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static DeadLetter toDeadLetter(String destination, Message message) throws JMSException {
        Map<String, String> headers = new HashMap<>(JmsWireFormat.readHeaders(message));
        Map<String, String> reasons = new HashMap<>();
        headers.keySet().removeIf(name -> {
            if (name.startsWith("eventport_dlt_")) {
                reasons.put(name, headers.get(name));
                return true;
            }
            return false;
        });
        byte[] payload = JmsWireFormat.body(message);
        return new DeadLetter(
                headers.getOrDefault(CloudEventAttributes.ID, "unknown"),
                reasons.getOrDefault(DeadLetterHeaders.ORIGINAL_DESTINATION, destination),
                reasons.get(DeadLetterHeaders.SUBSCRIPTION),
                reasons.getOrDefault(DeadLetterHeaders.EXCEPTION_TYPE, "unknown"),
                reasons.getOrDefault(DeadLetterHeaders.EXCEPTION_MESSAGE, ""),
                parseAttempts(reasons.get(DeadLetterHeaders.ATTEMPTS)),
                OptionalInt.empty(), OptionalLong.empty(), headers, null, payload,
                parseTime(reasons.get(DeadLetterHeaders.DEAD_LETTERED_AT), message.getJMSTimestamp()));
    }

    private static int parseAttempts(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant parseTime(String value, long fallbackMillis) {
        try {
            return value == null ? Instant.ofEpochMilli(fallbackMillis) : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.ofEpochMilli(fallbackMillis);
        }
    }
}

package dev.eventport.adapter.jms;

import dev.eventport.codec.json.CloudEventAttributes;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.spi.DeadLetterHeaders;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The dead letters of a JMS backend: the messages of {@code <destination>.DLQ}, browsed, never consumed. */
final class JmsDeadLetters implements DeadLetters {

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

package dev.eventport.ports;

import dev.eventport.domain.DomainEvent;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An event that a subscription could not process, kept with the reason.
 *
 * @param eventId        the event id, or "unknown" when the payload could not be decoded
 * @param destination    the destination it was read from
 * @param subscription   the subscription that failed it
 * @param exceptionType  the class name of the last failure
 * @param reason         the message of the last failure
 * @param attempts       how many times it was attempted
 * @param partition      its partition, where the backend has one
 * @param offset         its original position, where the backend has one
 * @param headers        the headers it was published with
 * @param event          the decoded event, or null when it could not be decoded (or was not decoded)
 * @param payload        the raw bytes, on backends with a wire format (empty in process)
 * @param deadLetteredAt when it was dead-lettered
 */
public record DeadLetter(String eventId, String destination, String subscription, String exceptionType, String reason,
                         int attempts, OptionalInt partition, OptionalLong offset, Map<String, String> headers,
                         DomainEvent event, byte[] payload, Instant deadLetteredAt) {

    /** Copies headers and payload. */
    public DeadLetter {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(exceptionType, "exceptionType");
        reason = Objects.requireNonNullElse(reason, "");
        headers = Map.copyOf(headers);
        payload = payload == null ? new byte[0] : payload.clone();
    }
}

package dev.eventport.ports;

/**
 * A publish did not reach the state its backend promises; the event may not have been delivered.
 *
 * <p>Contract: the message and the accessors name the event id, the event type and the destination; the cause
 * is chained. Publishing the same event again is safe for idempotent consumers.
 */
public class PublishFailedException extends EventportException {

    private static final long serialVersionUID = 1L;

    private final String eventId;
    private final String eventType;
    private final String destination;

    /** A failure to publish one event, with the reason and the cause (may be null). */
    public PublishFailedException(String eventId, String eventType, String destination, String reason, Throwable cause) {
        super("Publishing " + eventType + " " + eventId + " to '" + destination + "' failed: " + reason, cause);
        this.eventId = eventId;
        this.eventType = eventType;
        this.destination = destination;
    }

    /** The id of the event that was not published. */
    public String eventId() {
        return eventId;
    }

    /** The type name of the event. */
    public String eventType() {
        return eventType;
    }

    /** The destination it was published to. */
    public String destination() {
        return destination;
    }
}

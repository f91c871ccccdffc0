package dev.eventport.ports;

/**
 * The bytes received cannot be turned into the subscription's event type. Never retried: the message goes to the
 * dead letters at once, with these bytes, so that it never blocks a partition.
 *
 * <p>Contract: {@link #rawPayload()} returns the bytes exactly as received (a copy).
 */
public class UndecodableEventException extends EventportException {

    private static final long serialVersionUID = 1L;

    private final byte[] rawPayload;

    /** The payload could not be decoded, for the given reason. */
    public UndecodableEventException(String message, byte[] rawPayload, Throwable cause) {
        super(message, cause);
        this.rawPayload = rawPayload == null ? new byte[0] : rawPayload.clone();
    }

    /** The undecodable bytes. */
    public byte[] rawPayload() {
        return rawPayload.clone();
    }
}

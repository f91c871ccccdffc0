package dev.eventport.ports;

/**
 * The root of eventport's small, unchecked exception taxonomy; callers branch on the subtype.
 *
 * <p>Contract: every message says what failed, for which event, destination or key, and how to fix it; the
 * underlying cause is chained.
 */
public class EventportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public EventportException(String message) {
        super(message);
    }

    /** An exception with a message and its cause. */
    public EventportException(String message, Throwable cause) {
        super(message, cause);
    }
}

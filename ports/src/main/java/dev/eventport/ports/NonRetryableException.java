package dev.eventport.ports;

/**
 * Thrown by a handler (or wrapping its cause) to say that retrying cannot help: the event is dead-lettered after
 * this attempt, whatever the {@link ErrorPolicy}'s attempt count.
 */
public class NonRetryableException extends EventportException {

    private static final long serialVersionUID = 1L;

    /** A permanent failure with a reason. */
    public NonRetryableException(String message) {
        super(message);
    }

    /** A permanent failure with a reason and its cause. */
    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}

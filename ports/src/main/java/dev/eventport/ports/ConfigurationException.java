package dev.eventport.ports;

/**
 * Bad or missing configuration, raised at start-up (never later) with the key, the value, what is valid and how
 * to fix it.
 */
public class ConfigurationException extends EventportException {

    private static final long serialVersionUID = 1L;

    /** A configuration error with a message naming the key and the fix. */
    public ConfigurationException(String message) {
        super(message);
    }

    /** A configuration error caused by another exception. */
    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}

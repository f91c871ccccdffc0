package dev.eventport.domain;

/**
 * Thrown by a domain record's constructor when the data would break one of its invariants.
 *
 * <p>Contract: the message names the record, the field and the rejected value, so the caller can fix its input
 * without reading this library's source. Nothing is half-built: the object is never created.
 */
public final class InvalidDomainDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the record, the field and the value. */
    public InvalidDomainDataException(String message) {
        super(message);
    }
}

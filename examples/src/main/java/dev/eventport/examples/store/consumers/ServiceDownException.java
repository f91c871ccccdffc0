package dev.eventport.examples.store.consumers;

/** A downstream service could not process an event (it is down or failed transiently); retrying may help. */
public final class ServiceDownException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The failure, naming the service and the order. */
    public ServiceDownException(String message) {
        super(message);
    }
}

package dev.eventport.ports;

/** A publish was attempted on a publisher (or backend) that was already closed; the event was not published. */
public class PublisherClosedException extends PublishFailedException {

    private static final long serialVersionUID = 1L;

    /** The publisher was closed before this event was published. */
    public PublisherClosedException(String eventId, String eventType, String destination) {
        super(eventId, eventType, destination,
                "the publisher is closed. Publish through an open publisher (EventBackend.createPublisher())", null);
    }
}

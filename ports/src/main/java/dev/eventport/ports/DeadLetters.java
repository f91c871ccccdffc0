package dev.eventport.ports;

import java.util.List;

/**
 * Read access to a backend's dead letters (Kafka {@code <topic>.DLT}, JMS {@code <destination>.DLQ}, an in-process
 * list elsewhere).
 *
 * <p>Contract: {@link #list(String)} returns every dead letter of the destination still kept, oldest first,
 * without consuming or removing them; it returns an empty list when there are none.
 */
public interface DeadLetters {

    /** The dead letters of one destination, oldest first. */
    List<DeadLetter> list(String destination);
}

package dev.eventport.ports;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A backend's dead letters (Kafka {@code <topic>.DLT}, JMS {@code <destination>.DLQ}, an in-process list
 * elsewhere): list them, inspect them (reason, attempts, original position, headers, payload) and, once the cause
 * is fixed, publish them again.
 *
 * <p>Contract: {@link #list(String)} returns every dead letter of the destination still kept, oldest first,
 * without consuming or removing them; it returns an empty list when there are none.
 * {@link #republish(DeadLetter)} publishes the dead letter's original event (its payload as it was, where the
 * backend has a wire format, so even an undecodable one goes back unchanged) to its original destination with its
 * original headers, plus {@value #REPUBLISHED_HEADER} set to the attempts it had; every subscription of the
 * destination receives it again. A dead letter is removed from the list once republished where the backend can
 * remove one (in-process lists, JMS dead-letter queues); Kafka's dead-letter topic is an immutable log and keeps it.
 */
public interface DeadLetters {

    /** The header set on a republished event: how many attempts it had before it was dead-lettered. */
    String REPUBLISHED_HEADER = "eventport_republished_after_attempts";

    /** The dead letters of one destination, oldest first. */
    List<DeadLetter> list(String destination);

    /**
     * Publishes a dead letter again to its original destination; the future completes as a publish's does, and
     * fails with {@link PublishFailedException} when the letter is no longer kept or the publish fails.
     */
    CompletableFuture<PublishReceipt> republish(DeadLetter deadLetter);
}

package dev.eventport.ports.spi;

/**
 * The header (Kafka) and property (JMS) names with which every broker backend records why a message was
 * dead-lettered. The names are valid JMS property identifiers, so one set serves every backend.
 */
public final class DeadLetterHeaders {

    /** The destination the message was read from. */
    public static final String ORIGINAL_DESTINATION = "eventport_dlt_original_destination";
    /** The partition it was read from, where the backend has one. */
    public static final String ORIGINAL_PARTITION = "eventport_dlt_original_partition";
    /** Its offset in that partition, where the backend has one. */
    public static final String ORIGINAL_OFFSET = "eventport_dlt_original_offset";
    /** The subscription that failed it. */
    public static final String SUBSCRIPTION = "eventport_dlt_subscription";
    /** The class name of the last failure. */
    public static final String EXCEPTION_TYPE = "eventport_dlt_exception_type";
    /** The message of the last failure. */
    public static final String EXCEPTION_MESSAGE = "eventport_dlt_exception_message";
    /** How many attempts were made. */
    public static final String ATTEMPTS = "eventport_dlt_attempts";
    /** When it was dead-lettered, ISO-8601. */
    public static final String DEAD_LETTERED_AT = "eventport_dlt_at";

    private DeadLetterHeaders() {
    }
}

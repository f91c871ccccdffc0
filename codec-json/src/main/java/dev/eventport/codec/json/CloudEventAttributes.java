package dev.eventport.codec.json;

/**
 * The CloudEvents 1.0 binary-mode attributes every broker backend writes as headers (Kafka) or properties (JMS),
 * next to a JSON body. Names use '_' so they are valid JMS property identifiers.
 */
public final class CloudEventAttributes {

    /** The event id ({@code DomainEvent.eventId()}). */
    public static final String ID = "ce_id";
    /** The event type: the simple class name, e.g. {@code OrderCreated}. Informative only: never used to load a class. */
    public static final String TYPE = "ce_type";
    /** Who published it ({@code eventport.source}, default {@code /eventport}). */
    public static final String SOURCE = "ce_source";
    /** When it occurred, ISO-8601 ({@code DomainEvent.occurredAt()}). */
    public static final String TIME = "ce_time";
    /** Always {@code 1.0}. */
    public static final String SPEC_VERSION = "ce_specversion";
    /** The aggregate id, the ordering key (CloudEvents partitioning extension). */
    public static final String PARTITION_KEY = "ce_partitionkey";
    /** The body's MIME type, {@code application/json}. */
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventAttributes() {
    }
}

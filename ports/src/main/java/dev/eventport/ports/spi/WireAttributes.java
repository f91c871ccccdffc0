package dev.eventport.ports.spi;

import dev.eventport.ports.EventportConfig;
import java.util.Locale;
import java.util.Set;

/**
 * Which metadata a broker backend sends beside each event's body, chosen by {@value #KEY}: the trade between
 * interoperability and throughput made explicit.
 *
 * <p>Contract: {@link #CLOUDEVENTS}, the default, sends the CloudEvents binary-mode attributes ({@code ce_*},
 * {@code content-type}) and a W3C {@code traceparent} with every event, beside the caller's headers. {@link #NONE}
 * sends the body and the caller's headers only, as a hand-written producer would: tools outside eventport cannot
 * tell the event's id or type from the message, handlers get no trace unless the publisher passes a
 * {@code traceparent} header, and they read the event id and time from the event itself (a dead letter of a
 * decoded event gets its id as {@code ce_id}; one of undecodable bytes has none). That saves about 250 bytes of
 * metadata per event, which on 1 KiB events cost 10-40% of the broker throughput in eventport's benchmarks (see
 * {@code docs/PERFORMANCE.md}). Receivers accept both, so publishers may differ. The broker-native ordering key
 * (the Kafka record key, JMS {@code JMSXGroupID}) is sent either way. {@link #from} fails fast on any other value
 * and on any other key under {@code eventport.wire.}; backends without a wire ignore the setting.
 */
public enum WireAttributes {

    /** CloudEvents binary-mode attributes and a {@code traceparent} on every event (the default). */
    CLOUDEVENTS,

    /** The body and the caller's headers only. */
    NONE;

    /** The configuration key: {@code cloudevents} (default) or {@code none}. */
    public static final String KEY = "eventport.wire.attributes";

    private static final String FAMILY = "eventport.wire.";

    /** The setting in {@code config}; a {@link dev.eventport.ports.ConfigurationException} for an unknown value or key. */
    public static WireAttributes from(EventportConfig config) {
        config.rejectUnknownKeys(FAMILY, Set.of(KEY), "the wire format of the broker backends");
        String value = config.getChoice(KEY, CLOUDEVENTS.key(), Set.of(CLOUDEVENTS.key(), NONE.key()));
        return value.equals(NONE.key()) ? NONE : CLOUDEVENTS;
    }

    /** The value that selects this setting. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.eventport.ports.spi;

import java.util.Map;

/**
 * One event as it travels on the wire.
 *
 * @param body    the encoded payload (not copied: treat it as read-only)
 * @param headers the wire attributes and extra headers, immutable
 */
public record EncodedEvent(byte[] body, Map<String, String> headers) {

    /** Makes the headers immutable. */
    public EncodedEvent {
        headers = Map.copyOf(headers);
    }
}

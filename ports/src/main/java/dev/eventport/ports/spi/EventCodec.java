package dev.eventport.ports.spi;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.UndecodableEventException;
import java.util.Map;

/**
 * Turns events into bytes and headers for a broker, and back.
 *
 * <p>Contract: thread safe; {@code decode(encode(e).body(), e.getClass())} equals {@code e}; the type to decode
 * into is always given by the caller (the subscription), never read from the message, and no class named in a
 * message is ever loaded; bytes that cannot be decoded into a valid event raise {@link UndecodableEventException}
 * carrying the raw bytes; unknown fields are ignored (tolerant reader).
 */
public interface EventCodec {

    /** The MIME type of the bodies, e.g. {@code application/json}. */
    String contentType();

    /** The body and headers (wire attributes plus {@code extraHeaders}) of one event. */
    EncodedEvent encode(DomainEvent event, Map<String, String> extraHeaders);

    /**
     * The body alone, as {@link #encode} makes it: for a wire without attributes ({@link WireAttributes#NONE}).
     * Codecs override it when building the attributes costs something.
     */
    default byte[] encodeBody(DomainEvent event) {
        return encode(event, Map.of()).body();
    }

    /** The event of type {@code type} in {@code body}. */
    <E extends DomainEvent> E decode(byte[] body, Class<E> type);
}

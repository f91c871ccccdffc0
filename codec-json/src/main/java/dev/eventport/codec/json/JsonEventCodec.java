package dev.eventport.codec.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventportException;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.ports.spi.EncodedEvent;
import dev.eventport.ports.spi.EventCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Jackson {@link EventCodec} for any {@link DomainEvent} record: a JSON body plus CloudEvents binary-mode
 * attributes ({@link CloudEventAttributes}).
 *
 * <p>Contract: as {@link EventCodec}. Times are ISO-8601 strings, amounts plain decimals, currencies ISO codes.
 * Polymorphic typing is never enabled, so a message cannot name a class to instantiate. A body that is not JSON,
 * lacks a required field or breaks the record's invariants raises {@link UndecodableEventException} with the
 * raw bytes and a reason naming the type.
 */
public final class JsonEventCodec implements EventCodec {

    /** The MIME type of the bodies. */
    public static final String CONTENT_TYPE = "application/json";

    private static final String SPEC_VERSION = "1.0";

    private final ObjectMapper mapper;
    private final String source;
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();
    private final ClassValue<String> typeNames = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName();
        }
    };

    /** A codec whose {@code ce_source} is {@code /eventport}. */
    public JsonEventCodec() {
        this("/eventport");
    }

    /** A codec whose {@code ce_source} is {@code source} (a URI-reference naming the publishing service). */
    public JsonEventCodec(String source) {
        this.source = source;
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .addModule(new SimpleModule("eventport-plain-decimals").addSerializer(BigDecimal.class, new PlainDecimalSerializer()))
                .build();
    }

    @Override
    public String contentType() {
        return CONTENT_TYPE;
    }

    @Override
    public EncodedEvent encode(DomainEvent event, Map<String, String> extraHeaders) {
        return new EncodedEvent(encodeBody(event), headers(event, extraHeaders));
    }

    @Override
    public byte[] encodeBody(DomainEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new EventportException("Cannot encode " + event.getClass().getSimpleName() + " " + event.eventId()
                    + " as JSON: " + e.getOriginalMessage() + ". Events must be records of JSON-friendly values.", e);
        }
    }

    /** The attributes and extra headers as an immutable map, built once (EncodedEvent keeps it without a copy). */
    private Map<String, String> headers(DomainEvent event, Map<String, String> extraHeaders) {
        String type = typeNames.get(event.getClass());
        String time = IsoInstant.format(event.occurredAt());
        if (extraHeaders.isEmpty()) {
            return Map.of(CloudEventAttributes.ID, event.eventId(), CloudEventAttributes.TYPE, type,
                    CloudEventAttributes.SOURCE, source, CloudEventAttributes.TIME, time,
                    CloudEventAttributes.SPEC_VERSION, SPEC_VERSION, CloudEventAttributes.PARTITION_KEY, event.aggregateId(),
                    CloudEventAttributes.CONTENT_TYPE, CONTENT_TYPE);
        }
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put(CloudEventAttributes.ID, event.eventId());
        headers.put(CloudEventAttributes.TYPE, type);
        headers.put(CloudEventAttributes.SOURCE, source);
        headers.put(CloudEventAttributes.TIME, time);
        headers.put(CloudEventAttributes.SPEC_VERSION, SPEC_VERSION);
        headers.put(CloudEventAttributes.PARTITION_KEY, event.aggregateId());
        headers.put(CloudEventAttributes.CONTENT_TYPE, CONTENT_TYPE);
        return Map.copyOf(headers);
    }

    @Override
    public <E extends DomainEvent> E decode(byte[] body, Class<E> type) {
        if (body == null || body.length == 0) {
            throw new UndecodableEventException("Cannot decode " + type.getSimpleName() + ": the body is empty", body, null);
        }
        try {
            E event = readers.computeIfAbsent(type, mapper::readerFor).readValue(body);
            if (event == null) {
                throw new UndecodableEventException("Cannot decode " + type.getSimpleName() + ": the body is JSON null", body, null);
            }
            return event;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UndecodableEventException undecodable) {
                throw undecodable;
            }
            throw new UndecodableEventException("Cannot decode " + type.getSimpleName() + " from " + body.length
                    + " bytes: " + rootMessage(e), body, e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root instanceof JsonProcessingException json ? json.getOriginalMessage() : root.getMessage();
        return root.getClass().getSimpleName() + ": " + message;
    }
}

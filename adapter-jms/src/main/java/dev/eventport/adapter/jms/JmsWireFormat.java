package dev.eventport.adapter.jms;

import dev.eventport.codec.json.CloudEventAttributes;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How eventport headers travel as JMS message properties, and how bodies are read.
 *
 * <p>JMS property names must be Java identifiers that are not SQL selector words and do not start with
 * {@code JMS}. The CloudEvents attributes ({@code ce_*}) already are; {@code content-type} becomes
 * {@value #CONTENT_TYPE_PROPERTY} (the CloudEvents attribute name). In other header names '-' becomes
 * {@code _HYPHEN_} and '.' becomes {@code _DOT_} (the convention of Apache Camel); any other name that is not a
 * valid identifier is refused. Reading reverses the mapping.
 */
final class JmsWireFormat {

    /** The JMS property that carries the {@code content-type} header. */
    static final String CONTENT_TYPE_PROPERTY = "ce_datacontenttype";
    /** The JMS property that orders messages of one aggregate (Artemis pins a group to one consumer). */
    static final String GROUP_ID = "JMSXGroupID";

    private static final String HYPHEN = "_HYPHEN_";
    private static final String DOT = "_DOT_";
    private static final Set<String> SELECTOR_WORDS = Set.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN",
            "LIKE", "IN", "IS", "ESCAPE");

    /** Header names seen so far are mapped once (every message carries the same few); a bound keeps it small. */
    private static final int MAX_CACHED_NAMES = 1024;
    private static final Map<String, String> PROPERTY_NAMES = new ConcurrentHashMap<>();
    private static final Map<String, String> HEADER_NAMES = new ConcurrentHashMap<>();

    private JmsWireFormat() {
    }

    /** The JMS property name of a header; throws IllegalArgumentException naming the header if it cannot be mapped. */
    static String propertyName(String header) {
        String known = PROPERTY_NAMES.get(header);
        if (known != null) {
            return known;
        }
        String name = mapToProperty(header);
        if (PROPERTY_NAMES.size() < MAX_CACHED_NAMES) {
            PROPERTY_NAMES.put(header, name);
        }
        return name;
    }

    private static String mapToProperty(String header) {
        if (CloudEventAttributes.CONTENT_TYPE.equals(header)) {
            return CONTENT_TYPE_PROPERTY;
        }
        String name = header.replace("-", HYPHEN).replace(".", DOT);
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))
                || !name.chars().allMatch(Character::isJavaIdentifierPart)
                || SELECTOR_WORDS.contains(name.toUpperCase(java.util.Locale.ROOT)) || name.startsWith("JMS")
                || name.startsWith("_AMQ") || name.startsWith("__AMQ")) {
            throw new IllegalArgumentException("header '" + header + "' cannot travel as a JMS property: use letters, "
                    + "digits, '_', '-' and '.', start with a letter, and do not start with 'JMS' or '_AMQ' (names the "
                    + "broker acts on, e.g. _AMQ_DUPL_ID would make Artemis drop events as duplicates)");
        }
        return name;
    }

    /** The header name of a JMS property (the reverse of {@link #propertyName(String)}). */
    static String headerName(String property) {
        String known = HEADER_NAMES.get(property);
        if (known != null) {
            return known;
        }
        String name = CONTENT_TYPE_PROPERTY.equals(property) ? CloudEventAttributes.CONTENT_TYPE
                : property.replace(HYPHEN, "-").replace(DOT, ".");
        if (HEADER_NAMES.size() < MAX_CACHED_NAMES) {
            HEADER_NAMES.put(property, name);
        }
        return name;
    }

    /** Writes every header as a string property. */
    static void writeHeaders(Message message, Map<String, String> headers) throws JMSException {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            message.setStringProperty(propertyName(header.getKey()), header.getValue());
        }
    }

    /** The message's application properties as headers, without provider ({@code JMS*}) properties. */
    static Map<String, String> readHeaders(Message message) throws JMSException {
        Map<String, String> headers = new HashMap<>();
        Enumeration<?> names = message.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMS") && !name.startsWith("_AMQ") && !name.startsWith("__AMQ")) {
                Object value = message.getObjectProperty(name);
                if (value != null) {
                    headers.put(headerName(name), value.toString());
                }
            }
        }
        return headers;
    }

    /**
     * The body of a text or bytes message, or null for any other kind (an {@code ObjectMessage} is never
     * deserialized: its body is not read at all).
     */
    static byte[] body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            String body = text.getText();
            return body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        }
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            bytes.reset();
            return body;
        }
        return null;
    }

    /** The JMS interface a message implements, for error messages. */
    static String kind(Message message) {
        if (message instanceof TextMessage) {
            return "TextMessage";
        } else if (message instanceof BytesMessage) {
            return "BytesMessage";
        } else if (message instanceof jakarta.jms.ObjectMessage) {
            return "ObjectMessage";
        } else if (message instanceof jakarta.jms.MapMessage) {
            return "MapMessage";
        } else if (message instanceof jakarta.jms.StreamMessage) {
            return "StreamMessage";
        }
        return "Message";
    }
}

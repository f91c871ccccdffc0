package dev.eventport.adapter.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Kafka record headers to and from the string maps of the ports; values are UTF-8. */
final class KafkaHeaders {

    private KafkaHeaders() {
    }

    static Headers toKafka(Map<String, String> headers) {
        RecordHeaders result = new RecordHeaders();
        headers.forEach((name, value) -> result.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return result;
    }

    /** The headers plus one more, {@code name} (not among them) set to {@code value}. */
    static Headers toKafka(Map<String, String> headers, String name, String value) {
        Headers result = toKafka(headers);
        result.add(name, value.getBytes(StandardCharsets.UTF_8));
        return result;
    }

    /** The headers as an immutable map of strings; for a repeated name the last value wins. */
    @SuppressWarnings("unchecked")
    static Map<String, String> fromKafka(Headers headers) {
        Header[] all = headers.toArray();
        Map.Entry<String, String>[] entries = new Map.Entry[all.length];
        for (int i = 0; i < all.length; i++) {
            entries[i] = Map.entry(all[i].key(), all[i].value() == null ? "" : new String(all[i].value(), StandardCharsets.UTF_8));
        }
        try {
            return Map.ofEntries(entries); // built once, and not copied again by the records that take it
        } catch (IllegalArgumentException repeatedName) {
            Map<String, String> lastWins = new LinkedHashMap<>();
            for (Map.Entry<String, String> entry : entries) {
                lastWins.put(entry.getKey(), entry.getValue());
            }
            return Map.copyOf(lastWins);
        }
    }
}

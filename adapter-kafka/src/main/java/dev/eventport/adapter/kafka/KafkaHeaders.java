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

    /** The headers as strings; for a repeated name the last value wins. */
    static Map<String, String> fromKafka(Headers headers) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Header header : headers) {
            result.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
        }
        return result;
    }
}

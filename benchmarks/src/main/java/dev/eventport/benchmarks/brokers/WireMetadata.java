package dev.eventport.benchmarks.brokers;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.TraceParent;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata eventport's wire format puts beside each body (CloudEvents binary-mode attributes and a W3C
 * {@code traceparent}), written by hand the way a service without eventport would send the same information: what
 * the "raw + same metadata" baselines add to their records, so that the wrapper's own cost can be told apart from
 * the cost of the bytes its wire format carries.
 */
final class WireMetadata {

    private WireMetadata() {
    }

    /** The attributes of one order, keyed by eventport's Kafka header names. */
    static Map<String, String> of(OrderCreated order) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("ce_id", order.eventId());
        metadata.put("ce_type", "OrderCreated");
        metadata.put("ce_source", "/eventport");
        metadata.put("ce_time", order.occurredAt().toString());
        metadata.put("ce_specversion", "1.0");
        metadata.put("ce_partitionkey", order.aggregateId());
        metadata.put("content-type", "application/json");
        metadata.put(TraceParent.HEADER, TraceParent.headerForPublish());
        return metadata;
    }
}

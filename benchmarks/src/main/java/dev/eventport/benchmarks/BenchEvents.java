package dev.eventport.benchmarks;

import dev.eventport.codec.json.JsonEventCodec;
import dev.eventport.domain.Money;
import dev.eventport.domain.OrderCreated;
import dev.eventport.domain.OrderLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events every benchmark publishes: {@link OrderCreated} orders whose JSON body (as {@link JsonEventCodec}
 * writes it) has exactly the requested size, each with its own event id and order id (so they spread over
 * partitions).
 *
 * <p>Contract: for a given size every event encodes to the same number of bytes; event {@code i} is always the same.
 */
public final class BenchEvents {

    private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");
    private static final int MAX_LINES = 64;
    private static final int MAX_DISTINCT = 4096;

    private BenchEvents() {
    }

    /** {@code count} distinct orders of {@code bytes} JSON bytes each. */
    public static OrderCreated[] orders(int count, int bytes) {
        int lines = linesFor(bytes);
        int padding = bytes - encodedSize(order(0, lines, 0));
        if (padding < 0) {
            throw new IllegalArgumentException("event.bytes=" + bytes + " is too small: the smallest order event takes "
                    + encodedSize(order(0, 1, 0)) + " bytes");
        }
        OrderCreated[] orders = new OrderCreated[count];
        for (int i = 0; i < count; i++) {
            orders[i] = order(i, lines, padding);
        }
        return orders;
    }

    /**
     * The orders a run of {@code events} publishes cycle through: as many as it publishes, at most 4096 (enough
     * distinct keys to spread over partitions, few enough to stay in the CPU caches), of {@code bytes} JSON bytes each.
     */
    public static OrderCreated[] pool(int events, int bytes) {
        return orders(Math.max(1, Math.min(MAX_DISTINCT, events)), bytes);
    }

    /** The JSON body size of an event, as the broker adapters send it. */
    public static int encodedSize(OrderCreated order) {
        return new JsonEventCodec().encode(order, Map.of()).body().length;
    }

    private static int linesFor(int bytes) {
        int lines = 1;
        while (lines < MAX_LINES && encodedSize(order(0, lines + 1, 0)) <= bytes) {
            lines++;
        }
        return lines;
    }

    private static OrderCreated order(int i, int lineCount, int padding) {
        List<OrderLine> lines = new ArrayList<>(lineCount);
        for (int l = 0; l < lineCount; l++) {
            lines.add(new OrderLine(String.format("sku-%06d", l), 1 + l % 3, Money.of("12.50", "EUR")));
        }
        Money total = Money.zero(lines.get(0).unitPrice().currency());
        for (OrderLine line : lines) {
            total = total.plus(line.lineTotal());
        }
        Instant at = BASE.plusSeconds(i % 86_400);
        String customer = String.format("customer-%08d", i) + "x".repeat(padding);
        return new OrderCreated(new UUID(0x5eedL, i).toString(), at, String.format("order-%08d", i), customer, lines,
                total, at);
    }
}

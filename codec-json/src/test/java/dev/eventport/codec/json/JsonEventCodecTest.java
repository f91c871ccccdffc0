package dev.eventport.codec.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.eventport.domain.DomainEvent;
import dev.eventport.domain.Money;
import dev.eventport.domain.OrderCreated;
import dev.eventport.domain.OrderLine;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.ports.spi.EncodedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("JsonEventCodec")
class JsonEventCodecTest {

    /** A user's own event type, unknown to eventport. */
    record ParcelShipped(String eventId, Instant occurredAt, String parcelId, int weightGrams, List<String> labels)
            implements DomainEvent {
        @Override
        public String aggregateId() {
            return parcelId;
        }
    }

    /** An event with decimals of every notation {@link BigDecimal#toString()} may choose. */
    record PriceQuoted(String eventId, Instant occurredAt, String sku, List<BigDecimal> prices,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal quotedAs) implements DomainEvent {
        @Override
        public String aggregateId() {
            return sku;
        }
    }

    /** An event whose field is typed by an interface: only a polymorphic reader could fill it. */
    record Wrapped(String eventId, Instant occurredAt, String key, DomainEvent inner) implements DomainEvent {
        @Override
        public String aggregateId() {
            return key;
        }
    }

    /** Set by {@link Tripwire}'s static initialiser: proof that a class named in a message was loaded. */
    static final AtomicBoolean TRIPWIRE_LOADED = new AtomicBoolean();

    /** A class that a malicious message names; it must never be initialised by decoding. */
    static final class Tripwire implements DomainEvent {
        static {
            TRIPWIRE_LOADED.set(true);
        }

        @Override
        public String eventId() {
            return "tripwire";
        }

        @Override
        public Instant occurredAt() {
            return Instant.EPOCH;
        }

        @Override
        public String aggregateId() {
            return "tripwire";
        }
    }

    private static final String TRIPWIRE = Tripwire.class.getName();

    private final JsonEventCodec codec = new JsonEventCodec();

    private static OrderCreated order() {
        return new OrderCreated("evt-1", Instant.parse("2026-03-01T10:15:30.123456789Z"), "order-42", "customer-7",
                List.of(new OrderLine("SKU-1", 2, Money.of("12.50", "EUR")), new OrderLine("SKU-2", 1, Money.of("0.99", "EUR"))),
                Money.of("25.99", "EUR"), Instant.parse("2026-03-01T10:15:29Z"));
    }

    private static byte[] json(String text) {
        return text.getBytes(UTF_8);
    }

    @Test
    @DisplayName("OrderCreated survives a round trip with its amounts, currencies and nanosecond times")
    void orderCreatedRoundTrip() {
        OrderCreated order = order();

        OrderCreated decoded = codec.decode(codec.encode(order, Map.of()).body(), OrderCreated.class);

        assertThat(decoded).isEqualTo(order);
        assertThat(decoded.total().amount()).isEqualByComparingTo("25.99");
        assertThat(decoded.occurredAt()).isEqualTo(order.occurredAt());
    }

    @Test
    @DisplayName("a user's own record survives a round trip")
    void userRecordRoundTrip() {
        ParcelShipped parcel = new ParcelShipped("evt-9", Instant.parse("2026-03-02T08:00:00Z"), "parcel-3", 1250,
                List.of("fragile", "Zürich"));

        ParcelShipped decoded = codec.decode(codec.encode(parcel, Map.of()).body(), ParcelShipped.class);

        assertThat(decoded).isEqualTo(parcel);
    }

    @Test
    @DisplayName("encoding writes the CloudEvents binary-mode attributes and keeps the extra headers")
    void cloudEventsHeaders() {
        OrderCreated order = order();

        EncodedEvent encoded = new JsonEventCodec("/store/checkout").encode(order, Map.of("traceparent", "00-abc-01"));

        assertThat(encoded.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "ce_id", "evt-1",
                "ce_type", "OrderCreated",
                "ce_source", "/store/checkout",
                "ce_time", "2026-03-01T10:15:30.123456789Z",
                "ce_specversion", "1.0",
                "ce_partitionkey", "order-42",
                "content-type", "application/json",
                "traceparent", "00-abc-01"));
        assertThat(codec.contentType()).isEqualTo("application/json");
        assertThat(codec.encode(order, Map.of()).headers()).containsEntry(CloudEventAttributes.SOURCE, "/eventport");
    }

    @Test
    @DisplayName("decimals are written in plain notation, never with an exponent, and read back equal")
    void decimalsArePlain() {
        List<BigDecimal> prices = List.of(new BigDecimal("1E+3"), new BigDecimal("0.0000001"),
                new BigDecimal("0.000001"), new BigDecimal("12.50"), new BigDecimal("-7"),
                new BigDecimal("123456789012345678901234567890.123"));
        PriceQuoted quote = new PriceQuoted("evt-d", Instant.parse("2026-03-01T10:15:30Z"), "sku-1", prices,
                new BigDecimal("1E+2"));

        byte[] body = codec.encodeBody(quote);

        assertThat(new String(body, UTF_8)).contains(
                "\"prices\":[1000,0.0000001,0.000001,12.50,-7,123456789012345678901234567890.123]",
                "\"quotedAs\":\"100\"");
        assertThat(codec.decode(body, PriceQuoted.class).prices()).isEqualTo(List.of(new BigDecimal("1000"),
                new BigDecimal("0.0000001"), new BigDecimal("0.000001"), new BigDecimal("12.50"),
                new BigDecimal("-7"), new BigDecimal("123456789012345678901234567890.123")));
    }

    @Test
    @DisplayName("the body alone is the body encode writes")
    void bodyAlone() {
        OrderCreated order = order();

        assertThat(codec.encodeBody(order)).isEqualTo(codec.encode(order, Map.of()).body());
    }

    @Test
    @DisplayName("the body is plain JSON: ISO-8601 times, plain decimal amounts, currency codes")
    void bodyIsPlainJson() {
        String body = new String(codec.encode(order(), Map.of()).body(), UTF_8);

        assertThat(body).contains("\"occurredAt\":\"2026-03-01T10:15:30.123456789Z\"")
                .contains("\"amount\":25.99").contains("\"currency\":\"EUR\"").doesNotContain("@class");
    }

    @Test
    @DisplayName("unknown fields are ignored (tolerant reader)")
    void unknownFieldsAreIgnored() {
        OrderCreated order = order();
        String body = new String(codec.encode(order, Map.of()).body(), UTF_8);
        String extended = "{\"couponCode\":\"SPRING\",\"audit\":{\"by\":\"v2\",\"tags\":[1,2]},"
                + body.substring(1, body.length() - 1).replace("\"sku\":\"SKU-1\"", "\"sku\":\"SKU-1\",\"colour\":\"red\"") + "}";

        assertThat(codec.decode(json(extended), OrderCreated.class)).isEqualTo(order);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @DisplayName("undecodable bytes raise UndecodableEventException naming the type and keeping the raw bytes")
    @ValueSource(strings = {
            "not json at all",
            "{\"eventId\":\"evt-1\",",
            "null",
            "[1,2,3]",
            "{\"eventId\":\"evt-1\"}",
            "{\"eventId\":\"evt-1\",\"occurredAt\":\"yesterday\",\"orderId\":\"o\",\"customerId\":\"c\",\"lines\":[],"
                    + "\"total\":{\"amount\":1,\"currency\":\"EUR\"},\"createdAt\":\"2026-03-01T10:15:29Z\"}",
            "{\"eventId\":\"evt-1\",\"occurredAt\":\"2026-03-01T10:15:30Z\",\"orderId\":\"o\",\"customerId\":\"c\","
                    + "\"lines\":[{\"sku\":\"S\",\"quantity\":0,\"unitPrice\":{\"amount\":1,\"currency\":\"EUR\"}}],"
                    + "\"total\":{\"amount\":0,\"currency\":\"EUR\"},\"createdAt\":\"2026-03-01T10:15:29Z\"}",
            "{\"eventId\":\"evt-1\",\"occurredAt\":\"2026-03-01T10:15:30Z\",\"orderId\":\"o\",\"customerId\":\"c\","
                    + "\"lines\":[{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":{\"amount\":1,\"currency\":\"EUR\"}}],"
                    + "\"total\":{\"amount\":2,\"currency\":\"EUR\"},\"createdAt\":\"2026-03-01T10:15:29Z\"}"})
    void undecodableBytes(String body) {
        byte[] raw = json(body);

        assertThatThrownBy(() -> codec.decode(raw, OrderCreated.class))
                .isInstanceOfSatisfying(UndecodableEventException.class, e -> {
                    assertThat(e.rawPayload()).isEqualTo(raw);
                    assertThat(e.getMessage()).startsWith("Cannot decode OrderCreated");
                });
    }

    @Test
    @DisplayName("an empty body and JSON null are named as such")
    void emptyAndNullBodies() {
        assertThatThrownBy(() -> codec.decode(new byte[0], OrderCreated.class))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessage("Cannot decode OrderCreated: the body is empty");
        assertThatThrownBy(() -> codec.decode(null, OrderCreated.class))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessage("Cannot decode OrderCreated: the body is empty");
        assertThatThrownBy(() -> codec.decode(json("null"), OrderCreated.class))
                .isInstanceOfSatisfying(UndecodableEventException.class, e -> assertThat(e.rawPayload()).isEqualTo(json("null")))
                .hasMessage("Cannot decode OrderCreated: the body is JSON null");
    }

    @Test
    @DisplayName("invalid domain data is undecodable, with the domain's message naming the field and the value")
    void invalidDomainDataNamesTheField() {
        byte[] raw = json("{\"eventId\":\"evt-1\",\"occurredAt\":\"2026-03-01T10:15:30Z\",\"orderId\":\"o\",\"customerId\":\"c\","
                + "\"lines\":[{\"sku\":\"S\",\"quantity\":-3,\"unitPrice\":{\"amount\":1,\"currency\":\"EUR\"}}],"
                + "\"total\":{\"amount\":0,\"currency\":\"EUR\"},\"createdAt\":\"2026-03-01T10:15:29Z\"}");

        assertThatThrownBy(() -> codec.decode(raw, OrderCreated.class))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageStartingWith("Cannot decode OrderCreated from " + raw.length + " bytes: ")
                .hasMessageContaining("OrderLine.quantity must be at least 1, but was -3 for sku 'S'");
    }

    @Test
    @DisplayName("a body naming a class (@class, type ids) never makes the codec load or instantiate it")
    void classNamesInTheBodyAreNeverLoaded() {
        OrderCreated order = order();
        String body = new String(codec.encode(order, Map.of()).body(), UTF_8);
        String withClassName = "{\"@class\":\"" + TRIPWIRE + "\",\"@type\":\"" + TRIPWIRE + "\","
                + body.substring(1);

        assertThat(codec.decode(json(withClassName), OrderCreated.class)).isEqualTo(order);
        byte[] wrapped = json("{\"eventId\":\"e\",\"occurredAt\":\"2026-03-01T10:15:30Z\",\"key\":\"k\","
                + "\"inner\":{\"@class\":\"" + TRIPWIRE + "\"}}");
        assertThatThrownBy(() -> codec.decode(wrapped, Wrapped.class)).isInstanceOf(UndecodableEventException.class)
                .hasMessageStartingWith("Cannot decode Wrapped");
        byte[] typed = json("[\"" + TRIPWIRE + "\",{\"eventId\":\"e\"}]");
        assertThatThrownBy(() -> codec.decode(typed, Wrapped.class)).isInstanceOf(UndecodableEventException.class);

        assertThat(TRIPWIRE_LOADED).as("the class named in the message was initialised").isFalse();
    }
}

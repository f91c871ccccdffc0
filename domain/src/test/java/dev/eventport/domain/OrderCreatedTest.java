package dev.eventport.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderCreatedTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30Z");

    private static OrderLine line(String sku, int quantity, String price) {
        return new OrderLine(sku, quantity, Money.of(price, "EUR"));
    }

    @Nested
    @DisplayName("A valid order")
    class Valid {

        @Test
        @DisplayName("computes its total from the lines and uses the order id as the ordering key")
        void computesTotal() {
            OrderCreated order = OrderCreated.of("order-1", "customer-7", List.of(line("SKU-1", 2, "9.99"), line("SKU-2", 1, "0.02")));

            assertThat(order.total()).isEqualTo(Money.of("20.00", "EUR"));
            assertThat(order.aggregateId()).isEqualTo("order-1");
            assertThat(order.eventId()).isNotBlank();
            assertThat(order.occurredAt()).isEqualTo(order.createdAt());
        }

        @Test
        @DisplayName("keeps an immutable copy of its lines")
        void copiesLines() {
            List<OrderLine> lines = new java.util.ArrayList<>(List.of(line("SKU-1", 1, "5.00")));
            OrderCreated order = new OrderCreated("e-1", NOW, "o-1", "c-1", lines, Money.of("5", "EUR"), NOW);
            lines.clear();

            assertThat(order.lines()).hasSize(1);
            assertThatThrownBy(() -> order.lines().add(line("SKU-2", 1, "1.00"))).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        @DisplayName("equals another order with the same values, whatever the scale of the amounts")
        void valueEquality() {
            Money a = new Money(new BigDecimal("5"), Currency.getInstance("EUR"));
            Money b = new Money(new BigDecimal("5.00"), Currency.getInstance("EUR"));

            assertThat(a).isEqualTo(b).hasToString("5.00 EUR");
        }
    }

    @Nested
    @DisplayName("Invalid data is rejected with a message naming the field and the value")
    class Invalid {

        @Test
        @DisplayName("an order without lines")
        void noLines() {
            assertThatThrownBy(() -> new OrderCreated("e-1", NOW, "o-1", "c-1", List.of(), Money.of("0", "EUR"), NOW))
                    .isInstanceOf(InvalidDomainDataException.class)
                    .hasMessage("OrderCreated.lines must not be empty, but was []");
        }

        @Test
        @DisplayName("a quantity of zero or less")
        void quantity() {
            assertThatThrownBy(() -> line("SKU-9", 0, "1.00"))
                    .isInstanceOf(InvalidDomainDataException.class)
                    .hasMessage("OrderLine.quantity must be at least 1, but was 0 for sku 'SKU-9'");
            assertThatThrownBy(() -> line("SKU-9", -3, "1.00"))
                    .hasMessage("OrderLine.quantity must be at least 1, but was -3 for sku 'SKU-9'");
        }

        @Test
        @DisplayName("a negative price")
        void negativePrice() {
            assertThatThrownBy(() -> Money.of("-0.01", "EUR"))
                    .isInstanceOf(InvalidDomainDataException.class)
                    .hasMessage("Money.amount must not be negative, but was -0.01 EUR");
        }

        @Test
        @DisplayName("more decimals than the currency has, and an unknown currency")
        void badMoney() {
            assertThatThrownBy(() -> Money.of("1.005", "EUR"))
                    .hasMessage("Money.amount 1.005 has more than 2 decimals, which EUR does not allow");
            assertThatThrownBy(() -> Money.of("1.00", "EURO"))
                    .hasMessage("Money.currency must be an ISO 4217 code, but was 'EURO'");
        }

        @Test
        @DisplayName("lines in another currency than the total")
        void mixedCurrencies() {
            List<OrderLine> lines = List.of(line("SKU-1", 1, "1.00"), new OrderLine("SKU-2", 1, Money.of("1.00", "USD")));

            assertThatThrownBy(() -> new OrderCreated("e-1", NOW, "o-1", "c-1", lines, Money.of("2.00", "EUR"), NOW))
                    .isInstanceOf(InvalidDomainDataException.class)
                    .hasMessage("OrderCreated.lines must all be in EUR (the total's currency), but sku 'SKU-2' is priced in USD");
            assertThatThrownBy(() -> OrderCreated.of("o-1", "c-1", lines))
                    .isInstanceOf(InvalidDomainDataException.class)
                    .hasMessage("Money.currency must match to add amounts, but got EUR and USD");
        }

        @Test
        @DisplayName("a total that does not match the lines")
        void wrongTotal() {
            assertThatThrownBy(() -> new OrderCreated("e-1", NOW, "o-1", "c-1", List.of(line("SKU-1", 3, "2.50")),
                    Money.of("7.00", "EUR"), NOW))
                    .isInstanceOf(InvalidDomainDataException.class)
                    .hasMessage("OrderCreated.total must equal the sum of the lines (7.50 EUR), but was 7.00 EUR");
        }

        @Test
        @DisplayName("blank or missing ids")
        void blankIds() {
            List<OrderLine> lines = List.of(line("SKU-1", 1, "1.00"));
            Money total = Money.of("1.00", "EUR");

            assertThatThrownBy(() -> new OrderCreated(" ", NOW, "o-1", "c-1", lines, total, NOW))
                    .hasMessage("OrderCreated.eventId must not be blank, but was ' '");
            assertThatThrownBy(() -> new OrderCreated("e-1", NOW, "", "c-1", lines, total, NOW))
                    .hasMessage("OrderCreated.orderId must not be blank, but was ''");
            assertThatThrownBy(() -> new OrderCreated("e-1", NOW, "o-1", null, lines, total, NOW))
                    .hasMessage("OrderCreated.customerId must not be blank, but was null");
            assertThatThrownBy(() -> line(" ", 1, "1.00"))
                    .hasMessage("OrderLine.sku must not be blank, but was ' '");
            assertThatThrownBy(() -> new OrderCreated("e-1", null, "o-1", "c-1", lines, total, NOW))
                    .hasMessage("OrderCreated.occurredAt must not be null");
        }
    }
}

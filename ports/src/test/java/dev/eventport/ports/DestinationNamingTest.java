package dev.eventport.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.domain.DomainEvent;
import dev.eventport.domain.OrderCreated;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Destination naming")
class DestinationNamingTest {

    record HTTPRequestSeen(String eventId, Instant occurredAt, String aggregateId) implements DomainEvent {
    }

    record ParcelShipped2(String eventId, Instant occurredAt, String aggregateId) implements DomainEvent {
    }

    @Test
    @DisplayName("turns class names into kebab case by default")
    void kebabCase() {
        DestinationNaming naming = DestinationNaming.kebabCase();

        assertThat(naming.destinationFor(OrderCreated.class)).isEqualTo("order-created");
        assertThat(naming.destinationFor(HTTPRequestSeen.class)).isEqualTo("http-request-seen");
        assertThat(naming.destinationFor(ParcelShipped2.class)).isEqualTo("parcel-shipped2");
    }

    @Test
    @DisplayName("applies overrides from the configuration over the default")
    void overrides() {
        DestinationNaming naming = DestinationNaming.fromConfig(
                EventportConfig.of(Map.of("eventport.destination.OrderCreated", "shop.orders.v1")));

        assertThat(naming.destinationFor(OrderCreated.class)).isEqualTo("shop.orders.v1");
        assertThat(naming.destinationFor(HTTPRequestSeen.class)).isEqualTo("http-request-seen");
    }

    @Test
    @DisplayName("rejects an override that is not a valid destination name")
    void invalidOverride() {
        assertThatThrownBy(() -> DestinationNaming.fromConfig(
                EventportConfig.of(Map.of("eventport.destination.OrderCreated", "orders/v1"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("eventport.destination.OrderCreated must be 1-200 characters of letters, digits, '.', '_' and '-', "
                        + "but was 'orders/v1' (explicit configuration)");
    }
}

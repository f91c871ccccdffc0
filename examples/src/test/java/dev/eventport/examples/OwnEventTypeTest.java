package dev.eventport.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.SubscriptionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A user's own event type, unknown to eventport, travels through the ports exactly like OrderCreated. */
class OwnEventTypeTest {

    /** An event of the user's own domain, with a nested value and a list. */
    record ParcelShipped(String eventId, Instant occurredAt, String aggregateId, String carrier, List<String> items)
            implements DomainEvent {
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"direct", "inmemory"})
    @DisplayName("A user's own event type is published and consumed through the ports, chosen by configuration alone.")
    void ownEventTypeThroughThePorts(String backendName) throws Exception {
        List<ParcelShipped> received = new CopyOnWriteArrayList<>();
        List<EventContext> contexts = new CopyOnWriteArrayList<>();
        ParcelShipped event = new ParcelShipped(UUID.randomUUID().toString(), Instant.now(), "parcel-42", "DHL",
                List.of("SKU-1", "SKU-2"));

        try (EventBackend backend = MessagingBackends.load(EventportConfig.load(Map.of("eventport.backend", backendName)));
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("notifications-" + backendName, ParcelShipped.class, (e, ctx) -> {
                received.add(e);
                contexts.add(ctx);
            }));

            PublishReceipt receipt = publisher.publish(event).get(10, java.util.concurrent.TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
            assertThat(backend.name()).isEqualTo(backendName);
            assertThat(receipt.destination()).isEqualTo("parcel-shipped");
        }
        assertThat(received).containsExactly(event);
        assertThat(contexts.get(0).destination()).isEqualTo("parcel-shipped");
        assertThat(contexts.get(0).eventType()).isEqualTo("ParcelShipped");
        assertThat(contexts.get(0).subscription()).isEqualTo("notifications-" + backendName);
    }
}

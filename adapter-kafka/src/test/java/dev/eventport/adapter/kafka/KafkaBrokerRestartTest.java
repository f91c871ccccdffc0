package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.order;
import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Durability across a broker outage: this class stops its own broker, so it does not share one. */
class KafkaBrokerRestartTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.dedicated();

    private static final int EVENTS = 10_000;

    @Test
    void everyEventPublishedAroundABrokerRestartIsProcessed() throws Exception {
        String topic = uniqueTopic("restart");
        Set<String> processed = ConcurrentHashMap.newKeySet();
        List<String> published = new ArrayList<>();
        List<CompletableFuture<PublishReceipt>> receipts = new ArrayList<>();
        try (EventBackend backend = KafkaTestSupport.backend(KAFKA.bootstrapServers(), topic);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            Subscription subscription = subscriber.subscribe(SubscriptionRequest.of("restart-group", OrderCreated.class,
                    (OrderCreated event, EventContext context) -> processed.add(event.eventId())).withConsumers(2));

            publish(publisher, 0, 3_000, published, receipts);
            await().atMost(Duration.ofSeconds(60)).until(() -> processed.size() >= 1_000);

            KAFKA.broker().stop();
            assertThat(subscription.lag().byPartition()).as("the last lag measured, returned while the broker is down").hasSize(3);
            // during a full outage a send may block (at most max.block.ms) until the client has metadata again
            CompletableFuture<Void> duringOutage = CompletableFuture.runAsync(() -> publish(publisher, 3_000, 7_000, published, receipts));
            KAFKA.broker().restart();
            duringOutage.get(120, TimeUnit.SECONDS);
            publish(publisher, 7_000, EVENTS, published, receipts);

            CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(120)).until(() -> processed.containsAll(published));
        }
        assertThat(published).hasSize(EVENTS).doesNotHaveDuplicates();
        assertThat(processed).containsAll(published);
    }

    private static void publish(EventPublisher publisher, int from, int to, List<String> published,
                                List<CompletableFuture<PublishReceipt>> receipts) {
        for (int i = from; i < to; i++) {
            OrderCreated event = order("order-" + (i % 100), "sku-" + i);
            published.add(event.eventId());
            receipts.add(publisher.publish(event));
        }
    }
}

package dev.eventport.examples.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.domain.DomainEvent;
import dev.eventport.domain.OrderCreated;
import dev.eventport.examples.store.RandomCarts;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DuplicatingPublisherTest {

    private final List<String> published = new ArrayList<>();
    private final EventPublisher recording = new EventPublisher() {
        @Override
        public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
            published.add(event.eventId());
            return CompletableFuture.completedFuture(PublishReceipt.of(event.eventId(), "orders"));
        }

        @Override
        public void close() {
        }
    };

    @Test
    void theSameSeedDuplicatesTheSameOrdersAtAboutTheGivenRate() {
        DuplicatingPublisher first = new DuplicatingPublisher(recording, 0.2, 42);
        DuplicatingPublisher second = new DuplicatingPublisher(recording, 0.2, 42);
        DuplicatingPublisher otherSeed = new DuplicatingPublisher(recording, 0.2, 43);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            orders.add("order-" + i);
        }

        List<String> duplicated = orders.stream().filter(first::duplicates).toList();

        assertThat(orders.stream().filter(second::duplicates).toList()).isEqualTo(duplicated);
        assertThat(orders.stream().filter(otherSeed::duplicates).toList()).isNotEqualTo(duplicated);
        assertThat(duplicated.size()).isBetween(300, 500);
    }

    @Test
    void aDuplicatedEventIsPublishedTwiceWithTheSameId() {
        DuplicatingPublisher always = new DuplicatingPublisher(recording, 1.0, 1);
        OrderCreated order = OrderCreated.of("order-1", "customer-1", new RandomCarts(1).next().lines());

        PublishReceipt receipt = always.publish(order).join();

        assertThat(published).containsExactly(order.eventId(), order.eventId());
        assertThat(receipt.eventId()).isEqualTo(order.eventId());
        assertThat(always.duplicatesPublished()).isEqualTo(1);
    }
}

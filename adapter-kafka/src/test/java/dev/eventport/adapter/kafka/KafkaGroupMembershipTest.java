package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.order;
import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.Subscription;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaGroupMembershipTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Each member as a separate backend, as a separate process would be. */
    @Test
    void secondAndThirdConsumersJoiningAndLeavingMidStreamLoseNothingAndKeepKeyOrder() throws Exception {
        String topic = uniqueTopic("members");
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        config.put(KafkaConfig.TOPICS_PARTITIONS, "6");
        config.put("eventport.kafka.consumer.heartbeat.interval.ms", "300");
        Set<String> processed = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String[]> log = new ConcurrentLinkedQueue<>();
        AtomicInteger bySecond = new AtomicInteger();
        AtomicInteger byThird = new AtomicInteger();

        try (EventBackend first = KafkaTestSupport.open(config);
             EventBackend second = KafkaTestSupport.open(config);
             EventBackend third = KafkaTestSupport.open(config);
             EventPublisher publisher = first.createPublisher()) {
            first.createSubscriber().subscribe("members-group", OrderCreated.class, recorder(processed, log, new AtomicInteger()));
            List<String> published = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean streaming = new AtomicBoolean(true);
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                for (int i = 0; streaming.get(); i++) {
                    OrderCreated event = order("order-" + (i % 60), String.valueOf(i));
                    published.add(event.eventId());
                    CompletableFuture<?> receipt = publisher.publish(event);
                    if (i % 50 == 49) {
                        receipt.join();
                    }
                }
            });

            await().atMost(WAIT).until(() -> processed.size() >= 1_000);
            Subscription secondMember = second.createSubscriber().subscribe("members-group", OrderCreated.class,
                    recorder(processed, log, bySecond));
            await().atMost(WAIT).until(() -> bySecond.get() >= 500);
            Subscription thirdMember = third.createSubscriber().subscribe("members-group", OrderCreated.class,
                    recorder(processed, log, byThird));
            await().atMost(WAIT).until(() -> byThird.get() >= 500);
            secondMember.close();
            int afterSecondLeft = processed.size();
            await().atMost(WAIT).until(() -> processed.size() >= afterSecondLeft + 1_000);
            thirdMember.close();
            int afterThirdLeft = processed.size();
            await().atMost(WAIT).until(() -> processed.size() >= afterThirdLeft + 1_000);
            streaming.set(false);
            stream.get(60, TimeUnit.SECONDS);

            await().atMost(WAIT).until(() -> processed.containsAll(published));
            assertThat(processed).containsAll(published);
        }
        assertKeyOrder(log);
    }

    private static EventHandler<OrderCreated> recorder(Set<String> processed, ConcurrentLinkedQueue<String[]> log, AtomicInteger count) {
        return (OrderCreated event, EventContext context) -> {
            log.add(new String[] {event.orderId(), event.lines().get(0).sku()});
            count.incrementAndGet();
            processed.add(event.eventId());
        };
    }

    /** Per order, the first handling of each event happens in publish order (redeliveries may repeat, never reorder). */
    private static void assertKeyOrder(ConcurrentLinkedQueue<String[]> log) {
        Map<String, Integer> highest = new HashMap<>();
        Map<String, Set<Integer>> seen = new HashMap<>();
        for (String[] entry : log) {
            int sequence = Integer.parseInt(entry[1]);
            if (seen.computeIfAbsent(entry[0], k -> new java.util.HashSet<>()).add(sequence)) {
                assertThat(sequence).as("order %s: first handling of event %s after %s", entry[0], sequence, highest.get(entry[0]))
                        .isGreaterThan(highest.getOrDefault(entry[0], -1));
                highest.put(entry[0], sequence);
            }
        }
    }
}

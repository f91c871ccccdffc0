package dev.eventport.adapter.kafka;

import static dev.eventport.adapter.kafka.KafkaTestSupport.order;
import static dev.eventport.adapter.kafka.KafkaTestSupport.uniqueTopic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.Subscription;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health, lag and publishing while every broker is gone: this class stops its own broker, so it does not share one. */
class KafkaOutageTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.dedicated();

    /** Not a speed figure: the bound within which an answer shows that nothing waits on the unreachable broker. */
    private static final Duration ANSWER = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void healthAndLagAnswerAtOnceWhileTheBrokerIsDownAndPublishingFailsWithinItsTimeout() throws Exception {
        String topic = uniqueTopic("outage");
        AtomicInteger handled = new AtomicInteger();
        Map<String, String> config = KafkaTestSupport.config(KAFKA.bootstrapServers(), topic);
        config.put(KafkaConfig.PUBLISH_TIMEOUT, "3s");
        try (EventBackend backend = KafkaTestSupport.open(config);
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            Subscription subscription = subscriber.subscribe("outage-group", OrderCreated.class, (e, c) -> handled.incrementAndGet());
            publisher.publish(order("order-1", "before")).get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> handled.get() == 1 && subscription.lag().total() == 0);
            assertThat(backend.health().isHealthy()).isTrue();

            KAFKA.broker().stop();
            Instant stopped = Instant.now();

            await().atMost(WAIT).untilAsserted(() -> {
                BackendHealth health = assertTimeoutPreemptively(ANSWER, backend::health);
                assertThat(health.canPublish()).isFalse();
                assertThat(health.canConsume()).isFalse();
                assertThat(health.problems()).anySatisfy(problem ->
                        assertThat(problem).contains("broker unreachable at " + KAFKA.bootstrapServers()));
            });
            ConsumerLag lag = assertTimeoutPreemptively(ANSWER, subscription::lag);
            assertThat(lag.byPartition()).as("the last figures, kept").hasSize(3);
            assertThat(lag.measuredAt()).as("stale: measured before the broker stopped").isBefore(stopped);

            CompletableFuture<?> publish = assertTimeoutPreemptively(ANSWER.multipliedBy(4),
                    () -> publisher.publish(order("order-2", "during")));
            assertThat(publish).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(PublishFailedException.class)
                    .withMessageContaining(KAFKA.bootstrapServers()).withMessageContaining(KafkaConfig.PUBLISH_TIMEOUT);
            assertThat(assertTimeoutPreemptively(ANSWER, subscription::lag).measuredAt()).isBefore(stopped);

            KAFKA.broker().restart();
            await().atMost(WAIT).until(() -> backend.health().isHealthy());
            await().atMost(WAIT).until(() -> subscription.lag().measuredAt().isAfter(stopped));
            publisher.publish(order("order-3", "after")).get(30, TimeUnit.SECONDS);
            await().atMost(WAIT).until(() -> handled.get() == 2);
        }
    }
}

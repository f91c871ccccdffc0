package dev.eventport.adapter.jms;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.contract.ContractEvent;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Oversize events and messages that name classes, against a real Artemis. */
@ExtendWith(EmbeddedArtemisExtension.class)
class JmsBadInputTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final EmbeddedArtemis broker;

    JmsBadInputTest(EmbeddedArtemis broker) {
        this.broker = broker;
    }

    @Test
    void anEventLargerThanTheLimitFailsAtPublishNamingItsSizeAndTheKeyAndNothingReachesTheBroker() throws Exception {
        String destination = JmsTesting.uniqueDestination("oversize");
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.QUEUE, destination,
                Map.of(JmsConfig.MAX_EVENT_BYTES, "4096"));
             EventPublisher publisher = backend.createPublisher()) {
            ContractEvent small = ContractEvent.of("k", 0);
            ContractEvent large = new ContractEvent("big-1", small.occurredAt(), "k", "x".repeat(10_000), 1);
            publisher.publish(small).get(30, SECONDS);

            ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> publisher.publish(large).get(30, SECONDS));
            assertThat(failure.getCause()).isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining("big-1").hasMessageContaining("'" + destination + "'")
                    .hasMessageContaining("more than the 4096 allowed by " + JmsConfig.MAX_EVENT_BYTES);
            assertThat(broker.messageCount(destination)).isEqualTo(1);
        }
    }

    @Test
    void noClassNamedInAMessageIsEverLoaded() throws Exception {
        String destination = JmsTesting.uniqueDestination("tripwire");
        String tripwire = Tripwire.class.getName();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination, Map.of());
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe("careful", ContractEvent.class, (event, context) -> handled.add(event.eventId()));
            ContractEvent named = ContractEvent.of("k", 0);
            JmsTesting.sendRaw(broker, destination, session -> {
                TextMessage message = session.createTextMessage("{\"@class\":\"" + tripwire + "\",\"eventId\":\""
                        + named.eventId() + "\",\"occurredAt\":\"" + named.occurredAt() + "\",\"aggregateId\":\"k\","
                        + "\"payload\":\"p\",\"sequence\":0}");
                message.setStringProperty("ce_type", tripwire);
                message.setStringProperty("ce_id", named.eventId());
                message.setStringProperty("_type", tripwire);
                message.setStringProperty("__TypeId__", tripwire);
                message.setJMSType(tripwire);
                return message;
            });
            JmsTesting.sendRaw(broker, destination, session -> {
                TextMessage message = session.createTextMessage("[\"" + tripwire + "\", {}]");
                message.setStringProperty("ce_type", tripwire);
                return message;
            });
            ContractEvent after = ContractEvent.of("k", 1);
            publisher.publish(after).get(30, SECONDS);

            await().atMost(DEADLINE).until(() -> handled.contains(after.eventId())
                    && backend.deadLetters().list(destination).size() == 1);
            assertThat(handled).contains(named.eventId());
            List<DeadLetter> letters = backend.deadLetters().list(destination);
            assertThat(letters.get(0).reason()).contains("Cannot decode ContractEvent");
        }
        assertThat(TRIPWIRE_INITIALIZED.get()).as("a class named by a message was loaded and initialized").isFalse();
    }

    /** Set by {@link Tripwire}'s initializer (kept outside it: reading a field of Tripwire would initialize it). */
    static final AtomicBoolean TRIPWIRE_INITIALIZED = new AtomicBoolean();

    /** A class that messages name; it must never be initialized. */
    static final class Tripwire {
        static {
            TRIPWIRE_INITIALIZED.set(true);
        }

        private Tripwire() {
        }
    }
}

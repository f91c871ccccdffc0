package dev.eventport.adapter.jms;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.TraceParent;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.ports.spi.DeadLetterHeaders;
import dev.eventport.ports.spi.WireAttributes;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.contract.ContractEvent;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedArtemisExtension.class)
class JmsBackendTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final EmbeddedArtemis broker;

    JmsBackendTest(EmbeddedArtemis broker) {
        this.broker = broker;
    }

    @Test
    void anEventTravelsAsAPersistentUtf8JsonBytesMessageWithCloudEventsPropertiesAndATraceparent() throws Exception {
        String destination = JmsTesting.uniqueDestination("wire");
        ContractEvent event = ContractEvent.of("order-42", 1);
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.QUEUE, destination, Map.of());
             EventPublisher publisher = backend.createPublisher()) {
            publisher.publish(event, Map.of("x-trace.id", "abc")).get(30, SECONDS);
        }

        JmsTesting.receiveRaw(broker, destination, DEADLINE, message -> {
            assertThat(message).isInstanceOf(BytesMessage.class);
            assertThat(new String(message.getBody(byte[].class), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"aggregateId\":\"order-42\"");
            assertThat(TraceParent.parse(message.getStringProperty(TraceParent.HEADER))).isPresent();
            assertThat(message.getJMSDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
            assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo("order-42");
            assertThat(message.getStringProperty("ce_id")).isEqualTo(event.eventId());
            assertThat(message.getStringProperty("ce_type")).isEqualTo("ContractEvent");
            assertThat(message.getStringProperty("ce_specversion")).isEqualTo("1.0");
            assertThat(message.getStringProperty("ce_time")).isEqualTo(event.occurredAt().toString());
            assertThat(message.getStringProperty("ce_partitionkey")).isEqualTo("order-42");
            assertThat(message.getStringProperty("ce_datacontenttype")).isEqualTo("application/json");
            assertThat(message.getStringProperty("x_HYPHEN_trace_DOT_id")).isEqualTo("abc");
        });
    }

    @Test
    void withoutAttributesTheMessageCarriesBodyGroupAndCallerHeadersOnlyAndStillReachesSubscribers() throws Exception {
        String destination = JmsTesting.uniqueDestination("wire-none");
        ContractEvent sentRaw = ContractEvent.of("order-43", 1);
        ContractEvent sentToSubscriber = ContractEvent.of("order-43", 2);
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.QUEUE, destination, Map.of(WireAttributes.KEY, "none"));
             EventPublisher publisher = backend.createPublisher()) {
            publisher.publish(sentRaw, Map.of("tenant", "acme")).get(30, SECONDS);
            JmsTesting.receiveRaw(broker, destination, DEADLINE, message -> {
                assertThat(new String(message.getBody(byte[].class), java.nio.charset.StandardCharsets.UTF_8))
                        .contains("\"eventId\":\"" + sentRaw.eventId() + "\"");
                assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo("order-43");
                assertThat(JmsWireFormat.readHeaders(message)).containsExactlyEntriesOf(Map.of("tenant", "acme"));
            });

            CompletableFuture<Map.Entry<ContractEvent, EventContext>> received = new CompletableFuture<>();
            try (EventSubscriber subscriber = backend.createSubscriber()) {
                subscriber.subscribe(SubscriptionRequest.of("wire-none", ContractEvent.class,
                        (event, context) -> received.complete(Map.entry(event, context))));
                publisher.publish(sentToSubscriber, Map.of("tenant", "acme")).get(30, SECONDS);

                assertThat(received.get(30, SECONDS).getKey()).isEqualTo(sentToSubscriber);
                EventContext context = received.get().getValue();
                assertThat(context.eventId()).isEqualTo(sentToSubscriber.eventId());
                assertThat(context.headers()).containsExactlyEntriesOf(Map.of("tenant", "acme"));
                assertThat(context.traceparent()).isEmpty();
            }
        }
    }

    @Test
    void aHeaderThatCannotBeAJmsPropertyFailsThePublishNamingIt() throws Exception {
        String destination = JmsTesting.uniqueDestination("bad-header");
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.QUEUE, destination, Map.of());
             EventPublisher publisher = backend.createPublisher()) {
            CompletableFuture<?> publish = publisher.publish(ContractEvent.of("k", 0), Map.of("bad header", "x"));

            assertThatThrownBy(() -> publish.get(30, SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(PublishFailedException.class)
                    .hasMessageContaining("to '" + destination + "' failed: header 'bad header' cannot travel as a JMS property");
        }
    }

    @Test
    void aPoisonMessageAndAnObjectMessageAreDeadLetteredAtOnceAndTheConsumerGoesOn() throws Exception {
        String destination = JmsTesting.uniqueDestination("poison");
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination, Map.of());
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("poison-tolerant", ContractEvent.class,
                    (event, context) -> handled.add(event.eventId())).withErrorPolicy(ErrorPolicy.defaults()));
            ContractEvent before = ContractEvent.of("k", 0);
            ContractEvent after = ContractEvent.of("k", 1);
            publisher.publish(before).get(30, SECONDS);
            JmsTesting.sendRaw(broker, destination, session -> session.createTextMessage("{not json"));
            JmsTesting.sendRaw(broker, destination, session -> session.createObjectMessage(new ArrayList<>(List.of("serialized"))));
            publisher.publish(after).get(30, SECONDS);

            await().atMost(DEADLINE).until(() -> handled.containsAll(List.of(before.eventId(), after.eventId()))
                    && backend.deadLetters().list(destination).size() == 2);

            List<DeadLetter> letters = backend.deadLetters().list(destination);
            assertThat(letters).allSatisfy(letter -> {
                assertThat(letter.subscription()).isEqualTo("poison-tolerant");
                assertThat(letter.destination()).isEqualTo(destination);
                assertThat(letter.attempts()).as("never attempted: it could not be decoded").isZero();
                assertThat(letter.exceptionType()).isEqualTo(UndecodableEventException.class.getName());
            });
            assertThat(letters.get(0).reason()).contains("Cannot decode ContractEvent");
            assertThat(new String(letters.get(0).payload(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{not json");
            assertThat(letters.get(1).reason()).contains("ObjectMessage").contains("never deserializes");
            assertThat(letters.get(1).payload()).isEmpty();
            assertThat(handled).containsExactly(before.eventId(), after.eventId());
            assertThat(rawDeadLetterKinds(destination)).containsExactly("TextMessage", "ObjectMessage");
        }
    }

    @Test
    void perKeyOrderHoldsWithFourCompetingConsumers() throws Exception {
        for (JmsConfig.Mode mode : JmsConfig.Mode.values()) {
            String destination = JmsTesting.uniqueDestination("order-" + mode.key());
            int keys = 20;
            int perKey = 100;
            Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            try (EventBackend backend = JmsTesting.open(broker, mode, destination, Map.of());
                 EventSubscriber subscriber = backend.createSubscriber();
                 EventPublisher publisher = backend.createPublisher()) {
                subscriber.subscribe(SubscriptionRequest.of("ordered", ContractEvent.class, (event, context) -> {
                    threads.add(Thread.currentThread().getName());
                    seen.computeIfAbsent(event.aggregateId(), k -> Collections.synchronizedList(new ArrayList<>()))
                            .add(event.sequence());
                }).withConsumers(4));
                List<CompletableFuture<?>> publishes = new ArrayList<>();
                for (int sequence = 0; sequence < perKey; sequence++) {
                    for (int key = 0; key < keys; key++) {
                        publishes.add(publisher.publish(ContractEvent.of("key-" + key, sequence)));
                    }
                }
                CompletableFuture.allOf(publishes.toArray(new CompletableFuture<?>[0])).get(60, SECONDS);

                await().atMost(DEADLINE).until(() -> seen.values().stream().mapToInt(List::size).sum() >= keys * perKey);
                assertThat(seen).hasSize(keys);
                seen.forEach((key, sequences) -> assertThat(sequences).as(mode + " " + key).isSorted().hasSize(perKey));
                assertThat(threads).as("consumers that handled events in " + mode + " mode").hasSizeGreaterThan(1);
            }
        }
    }

    @Test
    void inQueueModeSubscriptionsCompeteAndANewOneGetsOnlyWhatNobodyConsumed() throws Exception {
        String destination = JmsTesting.uniqueDestination("queue-mode");
        Map<String, String> receivedBy = new ConcurrentHashMap<>();
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.QUEUE, destination, Map.of());
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            ContractEvent waiting = ContractEvent.of("k", 0);
            publisher.publish(waiting).get(30, SECONDS);
            Subscription first = subscriber.subscribe("first", ContractEvent.class,
                    (event, context) -> receivedBy.merge(event.eventId(), "first", (a, b) -> a + "," + b));
            await().atMost(DEADLINE).until(() -> receivedBy.containsKey(waiting.eventId()));
            subscriber.subscribe("second", ContractEvent.class,
                    (event, context) -> receivedBy.merge(event.eventId(), "second", (a, b) -> a + "," + b));

            List<CompletableFuture<?>> publishes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                publishes.add(publisher.publish(ContractEvent.of("key-" + i, i)));
            }
            CompletableFuture.allOf(publishes.toArray(new CompletableFuture<?>[0])).get(60, SECONDS);
            await().atMost(DEADLINE).until(() -> receivedBy.size() == 201);

            assertThat(receivedBy.get(waiting.eventId())).as("published before any subscription").isEqualTo("first");
            assertThat(receivedBy.values()).as("no event reached two subscriptions (no fan-out)")
                    .allSatisfy(names -> assertThat(names).doesNotContain(","));
            assertThat(receivedBy.values()).contains("first", "second");
            assertThat(first.lag().total()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void lagCountsWhatWaitsWhilePausedInBothModes() throws Exception {
        for (JmsConfig.Mode mode : JmsConfig.Mode.values()) {
            String destination = JmsTesting.uniqueDestination("lag-" + mode.key());
            Set<String> handled = ConcurrentHashMap.newKeySet();
            try (EventBackend backend = JmsTesting.open(broker, mode, destination, Map.of());
                 EventSubscriber subscriber = backend.createSubscriber();
                 EventPublisher publisher = backend.createPublisher()) {
                Subscription subscription = subscriber.subscribe("lagging", ContractEvent.class,
                        (event, context) -> handled.add(event.eventId()));
                subscription.pause();
                for (int i = 0; i < 25; i++) {
                    publisher.publish(ContractEvent.of("k", i)).get(30, SECONDS);
                }

                await().atMost(DEADLINE).until(() -> subscription.lag().total() == 25);
                assertThat(handled).isEmpty();
                subscription.resume();
                await().atMost(DEADLINE).until(() -> handled.size() == 25 && subscription.lag().total() == 0);
            }
        }
    }

    @Test
    void closeIsBoundedWhenAHandlerNeverReturns() throws Exception {
        String destination = JmsTesting.uniqueDestination("stuck");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.QUEUE, destination,
                Map.of(JmsConfig.CLOSE_TIMEOUT, "500ms"));
             EventPublisher publisher = backend.createPublisher()) {
            EventSubscriber subscriber = backend.createSubscriber();
            Subscription subscription = subscriber.subscribe("stuck", ContractEvent.class, (event, context) -> {
                entered.countDown();
                never.await();
            });
            publisher.publish(ContractEvent.of("k", 0)).get(30, SECONDS);
            assertThat(entered.await(30, SECONDS)).isTrue();

            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                subscription.close();
                subscription.close();
                subscriber.close();
            });
        } finally {
            never.countDown();
        }
    }

    @Test
    void anyJmsConnectionFactoryCanBePassedExplicitly() throws Exception {
        String destination = JmsTesting.uniqueDestination("explicit");
        Set<String> handled = ConcurrentHashMap.newKeySet();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url())) {
            factory.setConfirmationWindowSize(1024 * 1024);
            try (EventBackend backend = JmsBackendProvider.open(factory, JmsConfig.defaults(JmsConfig.Mode.TOPIC));
                 EventSubscriber subscriber = backend.createSubscriber();
                 EventPublisher publisher = backend.createPublisher()) {
                assertThat(backend.destinations().destinationFor(ContractEvent.class)).isEqualTo("contract-event");
                subscriber.subscribe(destination, ContractEvent.class, (event, context) -> handled.add(event.eventId()));
                ContractEvent event = ContractEvent.of("k", 0);
                publisher.publish(event).get(30, SECONDS);
                await().atMost(DEADLINE).until(() -> handled.contains(event.eventId()));
            }
        }
    }

    @Test
    void closingTheBackendLeavesNoClientThreadBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        String destination = JmsTesting.uniqueDestination("threads");
        Set<String> handled = ConcurrentHashMap.newKeySet();
        EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination, Map.of());
        backend.createSubscriber().subscribe("threads", ContractEvent.class, (event, context) -> handled.add(event.eventId()));
        ContractEvent event = ContractEvent.of("k", 0);
        backend.createPublisher().publish(event).get(30, SECONDS);
        await().atMost(DEADLINE).until(() -> handled.contains(event.eventId()));

        backend.close();

        await().atMost(DEADLINE).pollInSameThread().untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                .map(Thread::getName)
                .filter(name -> !name.contains("eventport-embedded"))
                .toList()).as("non-daemon threads left by the client").isEmpty());
    }

    private List<String> rawDeadLetterKinds(String destination) throws Exception {
        try (ActiveMQConnectionFactory connectionFactory = new ActiveMQConnectionFactory(broker.url());
             Connection connection = connectionFactory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            List<String> kinds = new ArrayList<>();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(destination + ".DLQ"))) {
                var messages = browser.getEnumeration();
                while (messages.hasMoreElements()) {
                    Message message = (Message) messages.nextElement();
                    assertThat(message.getStringProperty(DeadLetterHeaders.ATTEMPTS)).isEqualTo("0");
                    kinds.add(message instanceof ObjectMessage ? "ObjectMessage" : JmsWireFormat.kind(message));
                }
            }
            return kinds;
        }
    }
}

package dev.eventport.testkit.contract;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventHandler;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.HandlersFailedException;
import dev.eventport.ports.NonRetryableException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.PublisherClosedException;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.UnsupportedCapabilityException;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract every eventport backend must pass. An adapter's contract test is a small subclass that opens its
 * backend from the configuration the suite hands it:
 *
 * <pre>{@code
 * class InMemoryBackendContractTest extends EventBackendContract {
 *     @Override
 *     protected EventBackend openBackend(EventportConfig config) {
 *         return new InMemoryBackendProvider().open(config);
 *     }
 * }
 * }</pre>
 *
 * <p>Contract of the suite:
 * <ul>
 *   <li><b>One backend per test.</b> {@link #openBackend(EventportConfig)} is called before every test (and again
 *       by the cases that restart the backend) with a configuration naming fresh destinations for that test:
 *       {@code eventport.destination.ContractEvent} and {@code eventport.destination.OtherContractEvent}. The
 *       subclass adds its own keys ({@code config.with(...)}) and must honour these overrides; the suite checks that
 *       {@link EventBackend#destinations()} does. Every subscription name is derived from the test's destination,
 *       so no two tests share a destination or a subscription. Keep expensive things (an embedded broker) shared
 *       per JVM in the subclass; opening a backend should then be cheap. The suite closes everything it opened,
 *       the backend last, after each test.</li>
 *   <li><b>Capabilities.</b> A case that needs a capability the backend does not declare is skipped with the
 *       reason (an assumption, reported as skipped). Where the absence is observable the suite asserts it:
 *       without {@link Capability#REPLAY} {@code rewind} throws {@link UnsupportedCapabilityException}; without
 *       {@link Capability#NEW_SUBSCRIPTION_SEES_HISTORY} a new subscription from earliest sees no earlier event;
 *       without {@link Capability#DURABLE} a new backend does not see what was published on a closed one; without
 *       {@link Capability#COMPETING_CONSUMERS} a second subscription under a live name is either refused with an
 *       exception or receives every event itself (events are never split); without
 *       {@link Capability#SYNCHRONOUS} publish completes while a handler is still running and a failing handler
 *       does not fail the publish. {@link Capability#FAN_OUT} and {@link Capability#ORDERED_PER_KEY} have no
 *       observable absence and are only skipped.</li>
 *   <li><b>Waits</b> use Awaitility with the deadline {@link #timeout()}; absence of a delivery is checked by
 *       holding a condition for a short while, never by sleeping.</li>
 *   <li><b>Report.</b> A run writes the capability matrix and the result of every case to
 *       {@code target/contract/<backend>.md} and {@code .json} (directory overridable with the system property
 *       {@code eventport.contract.report.dir}).</li>
 * </ul>
 */
@ExtendWith(ContractReportExtension.class)
public abstract class EventBackendContract {

    static final ErrorPolicy FAST_RETRIES = ErrorPolicy.defaults().withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(10), 2.0, Duration.ofMillis(40));
    static final Duration QUIET_PERIOD = Duration.ofMillis(300);
    private static final int MAX_TEST_NAME = 60;

    private EventportConfig config;
    private EventBackend backend;
    private String destination;
    private String otherDestination;
    private String backendName;
    private Capabilities capabilities;
    private final Deque<AutoCloseable> opened = new ConcurrentLinkedDeque<>();

    /**
     * Opens the backend under test from {@code config}, which holds the suite's destination overrides; add the
     * adapter's own keys with {@link EventportConfig#with(Map)}. Called before every test, and again by cases
     * that restart the backend with the same configuration.
     */
    protected abstract EventBackend openBackend(EventportConfig config);

    /** The longest the suite waits for a delivery or a close; override for slow backends. Default 30 seconds. */
    protected Duration timeout() {
        return Duration.ofSeconds(30);
    }

    /**
     * Distinguishes the reports of one backend tested in several configurations (e.g. the JMS "queue" and "topic"
     * modes): the report is written as {@code <backend>-<variant>}. Default: none.
     */
    protected String variant() {
        return "";
    }

    /**
     * How the bad-input cases write raw bytes and headers to a destination, bypassing the codec, on backends with a
     * wire format (Kafka: a plain producer; JMS: plain messages). Default: none, and the cases that need it skip.
     */
    protected Optional<RawSender> rawSender() {
        return Optional.empty();
    }

    String backendName() {
        return backendName;
    }

    String reportName() {
        return backendName == null || variant().isEmpty() ? backendName : backendName + "-" + variant();
    }

    Capabilities declaredCapabilities() {
        return capabilities;
    }

    // For the groups of cases written in their own files (e.g. ObservabilityCases): the state of the running test.

    /** The backend of the running test (a new one after a restart). */
    EventBackend backend() {
        return backend;
    }

    /** The destination of {@link ContractEvent} in the running test. */
    String destination() {
        return destination;
    }

    /** The destination of {@link OtherContractEvent} in the running test. */
    String otherDestination() {
        return otherDestination;
    }

    /** Closes {@code closeable} after the test (before the backend), and returns it. */
    <T extends AutoCloseable> T closeAfterTest(T closeable) {
        opened.push(closeable);
        return closeable;
    }

    @BeforeEach
    void openBackendForTest(TestInfo info) {
        String test = info.getTestMethod().map(m -> m.getName()).orElse("case")
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        test = test.substring(0, Math.min(test.length(), MAX_TEST_NAME));
        destination = "contract-" + test + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 24);
        otherDestination = destination + "-other";
        config = EventportConfig.of(Map.of(
                DestinationNaming.OVERRIDE_PREFIX + ContractEvent.class.getSimpleName(), destination,
                DestinationNaming.OVERRIDE_PREFIX + OtherContractEvent.class.getSimpleName(), otherDestination));
        backend = open();
        backendName = backend.name();
        capabilities = backend.capabilities();
    }

    @AfterEach
    void closeEverything() {
        Throwable first = null;
        while (!opened.isEmpty()) {
            AutoCloseable closeable = opened.pop();
            try {
                closeWithin(closeable);
            } catch (Throwable t) {
                if (first == null) {
                    first = t;
                }
            }
        }
        if (first != null) {
            fail("Closing what the test opened failed: " + first, first);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Delivery")
    class Delivery {

        @Test
        @DisplayName("The body and the metadata of an event arrive intact, with the publisher's extra headers.")
        void bodyAndMetadataArriveIntact() throws Exception {
            Recorder<ContractEvent> recorder = Recorder.recording();
            String name = subscriptionName("intact");
            Subscription subscription = subscribe(request(name, recorder));
            ContractEvent event = ContractEvent.of("order-1", 7);
            Map<String, String> extra = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                    "tenant", "Zürich");

            PublishReceipt receipt = publisher().publish(event, extra).get(timeout().toMillis(), MILLISECONDS);
            awaitUntil(() -> recorder.count() >= 1);

            assertThat(subscription.name()).isEqualTo(name);
            assertThat(subscription.destination()).isEqualTo(destination);
            assertThat(receipt.eventId()).isEqualTo(event.eventId());
            assertThat(receipt.destination()).isEqualTo(destination);
            Recorder.Delivery<ContractEvent> delivery = recorder.deliveries().get(0);
            assertThat(delivery.event()).isEqualTo(event);
            EventContext context = delivery.context();
            assertThat(context.eventId()).isEqualTo(event.eventId());
            assertThat(context.eventType()).isEqualTo("ContractEvent");
            assertThat(context.destination()).isEqualTo(destination);
            assertThat(context.subscription()).isEqualTo(name);
            assertThat(context.attempt()).isEqualTo(1);
            assertThat(context.headers()).containsAllEntriesOf(extra);
            assertThat(context.offset().isPresent()).as("an offset is given exactly when a partition is")
                    .isEqualTo(context.partition().isPresent());
            if (receipt.partition().isPresent() && receipt.offset().isPresent()) {
                assertThat(context.partition()).as("partition in the context, as in the receipt").isEqualTo(receipt.partition());
                assertThat(context.offset()).as("offset in the context, as in the receipt").isEqualTo(receipt.offset());
            }
        }

        @Test
        @DisplayName("One event reaches every one of eight subscriptions.")
        void fanOutToEightSubscriptions() throws Exception {
            requireCapability(Capability.FAN_OUT);
            List<Recorder<ContractEvent>> recorders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Recorder<ContractEvent> recorder = Recorder.recording();
                recorders.add(recorder);
                subscribe(request(subscriptionName("fan-" + i), recorder));
            }
            ContractEvent event = ContractEvent.of("order-1", 0);

            publishAll(publisher(), List.of(event));

            awaitUntil(() -> recorders.stream().allMatch(r -> r.ids().contains(event.eventId())));
            for (int i = 0; i < recorders.size(); i++) {
                assertThat(recorders.get(i).deliveries().get(0).context().subscription()).isEqualTo(subscriptionName("fan-" + i));
            }
        }

        @Test
        @DisplayName("Twenty concurrent publishers and several concurrent subscribers lose nothing.")
        void concurrentPublishersAndSubscribersLoseNothing() throws Exception {
            int subscriptions = has(Capability.FAN_OUT) ? 3 : 1;
            int consumers = has(Capability.COMPETING_CONSUMERS) ? 2 : 1;
            List<Recorder<ContractEvent>> recorders = new ArrayList<>();
            for (int i = 0; i < subscriptions; i++) {
                Recorder<ContractEvent> recorder = Recorder.recording();
                recorders.add(recorder);
                subscribe(request(subscriptionName("concurrent-" + i), recorder).withConsumers(consumers));
            }
            EventPublisher publisher = publisher();
            List<ContractEvent> events = ContractEvents.interleaved("concurrent", 20, 50);
            ExecutorService threads = Executors.newFixedThreadPool(20);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<CompletableFuture<Void>> publishers = new ArrayList<>();
                for (int t = 0; t < 20; t++) {
                    List<ContractEvent> share = events.subList(t * 50, (t + 1) * 50);
                    publishers.add(CompletableFuture.runAsync(() -> {
                        awaitLatch(start);
                        share.stream().map(publisher::publish).toList().forEach(CompletableFuture::join);
                    }, threads));
                }
                start.countDown();
                CompletableFuture.allOf(publishers.toArray(new CompletableFuture<?>[0])).get(timeout().toMillis(), MILLISECONDS);
            } finally {
                threads.shutdownNow();
            }

            List<String> ids = ContractEvents.ids(events);
            awaitUntil(() -> recorders.stream().allMatch(r -> r.sawAll(ids)));
            for (Recorder<ContractEvent> recorder : recorders) {
                assertThat(recorder.ids()).containsExactlyInAnyOrderElementsOf(ids);
            }
        }

        @Test
        @DisplayName("Destinations are isolated: a subscription receives only the events of its own destination.")
        void destinationsAreIsolated() throws Exception {
            Recorder<ContractEvent> contractEvents = Recorder.recording();
            Recorder<OtherContractEvent> otherEvents = Recorder.recording();
            subscribe(request(subscriptionName("isolated"), contractEvents));
            subscribe(SubscriptionRequest.of(subscriptionName("isolated-other"), OtherContractEvent.class, otherEvents));
            EventPublisher publisher = publisher();
            List<ContractEvent> mine = List.of(ContractEvent.of("a", 0), ContractEvent.of("b", 0));
            List<OtherContractEvent> theirs = List.of(OtherContractEvent.of("a"), OtherContractEvent.of("c"));

            publishAll(publisher, theirs);
            publishAll(publisher, mine);

            awaitUntil(() -> contractEvents.sawAll(ContractEvents.ids(mine)) && otherEvents.sawAll(ContractEvents.ids(theirs)));
            assertThat(contractEvents.ids()).containsExactlyInAnyOrderElementsOf(ContractEvents.ids(mine));
            assertThat(otherEvents.ids()).containsExactlyInAnyOrderElementsOf(ContractEvents.ids(theirs));
            assertThat(otherEvents.deliveries()).allSatisfy(d -> assertThat(d.context().destination()).isEqualTo(otherDestination));
        }
    }

    @Nested
    @DisplayName("Observability")
    class Observability extends ObservabilityCases {
        Observability() {
            super(EventBackendContract.this);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Consumer groups and ordering")
    class GroupsAndOrdering {

        @Test
        @DisplayName("Consumers sharing a subscription split the work and together see every event.")
        void consumersSharingASubscriptionSplitTheWork() throws Exception {
            requireCapability(Capability.COMPETING_CONSUMERS);
            String name = subscriptionName("shared");
            Recorder<ContractEvent> first = Recorder.recording();
            Recorder<ContractEvent> second = Recorder.recording();
            subscribe(subscriber(), request(name, first));
            subscribe(subscriber(), request(name, second));
            List<ContractEvent> events = ContractEvents.interleaved("shared", 16, 16);

            publishAll(publisher(), events);

            List<String> ids = ContractEvents.ids(events);
            awaitUntil(() -> union(first, second).containsAll(ids));
            assertThat(first.count()).as("events handled by the first consumer").isPositive();
            assertThat(second.count()).as("events handled by the second consumer").isPositive();
            assertThat(first.ids().containsAll(ids)).as("the first consumer alone saw every event: the work was not split")
                    .isFalse();
        }

        @Test
        @DisplayName("Without competing consumers, a second subscription under a live name is refused or receives every event itself.")
        void withoutCompetingConsumersEventsAreNotSplit() throws Exception {
            requireAbsence(Capability.COMPETING_CONSUMERS);
            String name = subscriptionName("shared");
            Recorder<ContractEvent> first = Recorder.recording();
            Recorder<ContractEvent> second = Recorder.recording();
            subscribe(subscriber(), request(name, first));
            Subscription other;
            try {
                other = subscriber().subscribe(request(name, second));
            } catch (RuntimeException refused) {
                assertThat(refused.getMessage()).as("the refusal names the subscription").contains(name);
                return;
            }
            opened.push(other);
            List<ContractEvent> events = ContractEvents.interleaved("shared", 4, 5);

            publishAll(publisher(), events);

            List<String> ids = ContractEvents.ids(events);
            awaitUntil(() -> first.sawAll(ids) && second.sawAll(ids));
        }

        @Test
        @DisplayName("Events with the same key are handled in publish order, across sixteen keys.")
        void orderHoldsPerKey() throws Exception {
            requireCapability(Capability.ORDERED_PER_KEY);
            Recorder<ContractEvent> recorder = Recorder.recording();
            int consumers = has(Capability.COMPETING_CONSUMERS) ? 4 : 1;
            subscribe(request(subscriptionName("ordered"), recorder).withConsumers(consumers));
            List<ContractEvent> events = ContractEvents.interleaved("ordered", 16, 25);

            publishAll(publisher(), events);

            awaitUntil(() -> recorder.sawAll(ContractEvents.ids(events)));
            Map<String, List<Integer>> firstSeenOrder = new HashMap<>();
            Set<String> seen = new HashSet<>();
            for (Recorder.Delivery<ContractEvent> delivery : recorder.deliveries()) {
                if (seen.add(delivery.event().eventId())) {
                    firstSeenOrder.computeIfAbsent(delivery.event().aggregateId(), k -> new ArrayList<>())
                            .add(delivery.event().sequence());
                }
            }
            assertThat(firstSeenOrder).hasSize(16);
            firstSeenOrder.forEach((key, sequences) ->
                    assertThat(sequences).as("sequence numbers of key %s in handling order", key).isSorted().hasSize(25));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Failures and dead letters")
    class Failures {

        @Test
        @DisplayName("A failing event is retried per the policy, then dead-lettered with reason and attempts, while later events keep flowing.")
        void failingEventIsRetriedThenDeadLettered() throws Exception {
            requireCapability(Capability.DEAD_LETTER);
            ContractEvent poison = ContractEvent.of("key-1", 0);
            String name = subscriptionName("retries");
            Recorder<ContractEvent> recorder = Recorder.recordingThen((event, context) -> {
                if (event.eventId().equals(poison.eventId())) {
                    throw new IllegalStateException("contract failure for " + event.eventId());
                }
            });
            subscribe(request(name, recorder).withErrorPolicy(FAST_RETRIES));
            List<ContractEvent> later = new ArrayList<>(ContractEvents.interleaved("later", 2, 10));
            later.addAll(List.of(ContractEvent.of("key-1", 1), ContractEvent.of("key-1", 2)));

            publishIgnoringHandlerFailures(List.of(poison));
            publishAll(publisher(), later);

            awaitUntil(() -> recorder.sawAll(ContractEvents.ids(later)));
            awaitUntil(() -> backend.deadLetters().list(destination).size() == 1);
            assertThat(recorder.attemptsOf(poison.eventId())).containsExactly(1, 2, 3);
            DeadLetter deadLetter = backend.deadLetters().list(destination).get(0);
            assertThat(deadLetter.eventId()).isEqualTo(poison.eventId());
            assertThat(deadLetter.destination()).isEqualTo(destination);
            assertThat(deadLetter.subscription()).isEqualTo(name);
            assertThat(deadLetter.exceptionType()).isEqualTo(IllegalStateException.class.getName());
            assertThat(deadLetter.reason()).contains("contract failure for " + poison.eventId());
            assertThat(deadLetter.attempts()).isEqualTo(3);
            assertThat(backend.deadLetters().list(otherDestination)).as("dead letters of another destination").isEmpty();
        }

        @Test
        @DisplayName("A non-retryable exception, built in or listed in the policy, dead-letters the event after one attempt.")
        void nonRetryableExceptionDeadLettersAtOnce() throws Exception {
            requireCapability(Capability.DEAD_LETTER);
            ContractEvent builtIn = ContractEvent.of("key-1", 0);
            ContractEvent listed = ContractEvent.of("key-2", 0);
            Recorder<ContractEvent> recorder = Recorder.recordingThen((event, context) -> {
                if (event.eventId().equals(builtIn.eventId())) {
                    throw new NonRetryableException("cannot ever handle " + event.eventId());
                }
                if (event.eventId().equals(listed.eventId())) {
                    throw new UnsupportedOperationException("listed as non-retryable: " + event.eventId());
                }
            });
            subscribe(request(subscriptionName("non-retryable"), recorder)
                    .withErrorPolicy(FAST_RETRIES.withMaxAttempts(5).withNonRetryable(UnsupportedOperationException.class)));
            ContractEvent marker = ContractEvent.of("key-1", 1);

            publishIgnoringHandlerFailures(List.of(builtIn, listed));
            publishAll(publisher(), List.of(marker));

            awaitUntil(() -> recorder.ids().contains(marker.eventId()) && backend.deadLetters().list(destination).size() == 2);
            assertThat(recorder.attemptsOf(builtIn.eventId())).containsExactly(1);
            assertThat(recorder.attemptsOf(listed.eventId())).containsExactly(1);
            Map<String, DeadLetter> byId = new HashMap<>();
            backend.deadLetters().list(destination).forEach(d -> byId.put(d.eventId(), d));
            assertThat(byId.get(builtIn.eventId()).attempts()).isEqualTo(1);
            assertThat(byId.get(builtIn.eventId()).exceptionType()).isEqualTo(NonRetryableException.class.getName());
            assertThat(byId.get(listed.eventId()).attempts()).isEqualTo(1);
            assertThat(byId.get(listed.eventId()).reason()).contains("listed as non-retryable");
        }

        @Test
        @DisplayName("On a synchronous backend a failing handler fails the publish with the subscription named, and the other handlers still run.")
        void synchronousHandlerFailureFailsThePublish() {
            requireCapability(Capability.SYNCHRONOUS);
            String failing = subscriptionName("failing");
            Recorder<ContractEvent> healthy = Recorder.recording();
            subscribe(request(failing, Recorder.<ContractEvent>recordingThen((event, context) -> {
                throw new IllegalStateException("contract failure");
            })).withErrorPolicy(FAST_RETRIES));
            subscribe(request(subscriptionName("healthy"), healthy));
            ContractEvent event = ContractEvent.of("key-1", 0);

            Throwable failure = failureOf(() -> publisher().publish(event));

            assertThat(failure).isInstanceOf(HandlersFailedException.class).hasMessageContaining(event.eventId());
            assertThat(((HandlersFailedException) failure).failedSubscriptions()).containsExactly(failing);
            assertThat(healthy.ids()).containsExactly(event.eventId());
        }

        @Test
        @DisplayName("On an asynchronous backend a failing handler does not fail the publish.")
        void asynchronousHandlerFailureDoesNotFailThePublish() throws Exception {
            requireAbsence(Capability.SYNCHRONOUS);
            Recorder<ContractEvent> recorder = Recorder.recordingThen((event, context) -> {
                throw new NonRetryableException("contract failure");
            });
            subscribe(request(subscriptionName("failing"), recorder));
            ContractEvent event = ContractEvent.of("key-1", 0);

            PublishReceipt receipt = publisher().publish(event).get(timeout().toMillis(), MILLISECONDS);

            assertThat(receipt.eventId()).isEqualTo(event.eventId());
            awaitUntil(() -> recorder.count() == 1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Publishing")
    class Publishing {

        @Test
        @DisplayName("On a synchronous backend publish completes only after every handler ran, in the caller's thread.")
        void synchronousPublishCompletesAfterHandlers() throws Exception {
            requireCapability(Capability.SYNCHRONOUS);
            Recorder<ContractEvent> first = Recorder.recording();
            Recorder<ContractEvent> second = Recorder.recording();
            subscribe(request(subscriptionName("first"), first));
            subscribe(request(subscriptionName("second"), second));
            ContractEvent event = ContractEvent.of("key-1", 0);

            publisher().publish(event).get(timeout().toMillis(), MILLISECONDS);

            assertThat(first.ids()).containsExactly(event.eventId());
            assertThat(second.ids()).containsExactly(event.eventId());
            assertThat(first.deliveries().get(0).thread()).isSameAs(Thread.currentThread());
        }

        @Test
        @DisplayName("On an asynchronous backend publish completes while a handler is still running.")
        void asynchronousPublishDoesNotWaitForHandlers() throws Exception {
            requireAbsence(Capability.SYNCHRONOUS);
            CountDownLatch release = new CountDownLatch(1);
            Recorder<ContractEvent> recorder = Recorder.recordingThen((event, context) -> awaitLatch(release));
            subscribe(request(subscriptionName("blocked"), recorder));
            try {
                publisher().publish(ContractEvent.of("key-1", 0)).get(timeout().toMillis(), MILLISECONDS);
                assertThat(release.getCount()).as("the handler is still blocked").isEqualTo(1);
            } finally {
                release.countDown();
            }
            awaitUntil(() -> recorder.count() == 1);
        }

        @Test
        @DisplayName("Closing a publisher flushes: every publish returned before close is complete when close returns.")
        void publisherCloseFlushes() throws Exception {
            Recorder<ContractEvent> recorder = Recorder.recording();
            subscribe(request(subscriptionName("flush"), recorder));
            EventPublisher publisher = backend.createPublisher();
            List<ContractEvent> events = ContractEvents.interleaved("flush", 8, 50);

            List<CompletableFuture<PublishReceipt>> futures = events.stream().map(publisher::publish).toList();
            closeWithin(publisher);

            assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
            awaitUntil(() -> recorder.sawAll(ContractEvents.ids(events)));
        }

        @Test
        @DisplayName("Publishing after close fails with a PublisherClosedException naming the event and destination, and nothing is delivered.")
        void publishAfterCloseFails() throws Exception {
            Recorder<ContractEvent> recorder = Recorder.recording();
            subscribe(request(subscriptionName("closed"), recorder));
            EventPublisher closed = backend.createPublisher();
            closeWithin(closed);
            ContractEvent rejected = ContractEvent.of("key-1", 0);

            Throwable failure = failureOf(() -> closed.publish(rejected));

            assertThat(failure).isInstanceOf(PublisherClosedException.class)
                    .hasMessageContaining(rejected.eventId()).hasMessageContaining(destination);
            ContractEvent marker = ContractEvent.of("key-1", 1);
            publishAll(publisher(), List.of(marker));
            awaitUntil(() -> recorder.ids().contains(marker.eventId()));
            assertThat(recorder.ids()).doesNotContain(rejected.eventId());
        }

        @Test
        @DisplayName("Publishing through a publisher of a closed backend fails with a PublisherClosedException.")
        void publishAfterBackendCloseFails() {
            EventPublisher publisher = backend.createPublisher();
            closeWithin(backend);
            ContractEvent rejected = ContractEvent.of("key-1", 0);

            assertThat(failureOf(() -> publisher.publish(rejected))).isInstanceOf(PublisherClosedException.class)
                    .hasMessageContaining(rejected.eventId());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Subscriptions")
    class Subscriptions {

        @Test
        @DisplayName("Close is idempotent for subscriptions, subscribers, publishers and the backend.")
        void closeIsIdempotent() {
            EventPublisher publisher = backend.createPublisher();
            EventSubscriber subscriber = backend.createSubscriber();
            Subscription subscription = subscriber.subscribe(request(subscriptionName("twice"), Recorder.recording()));

            for (int i = 0; i < 2; i++) {
                closeWithin(subscription);
                closeWithin(subscriber);
                closeWithin(publisher);
                closeWithin(backend);
            }
        }

        @Test
        @DisplayName("Closing a subscription while its handler runs lets the handler finish, then no handler is called.")
        void closeWhileHandlerRuns() throws Exception {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicBoolean finished = new AtomicBoolean();
            Recorder<ContractEvent> recorder = Recorder.recordingThen((event, context) -> {
                if (event.sequence() == 0) {
                    entered.countDown();
                    awaitLatch(release);
                    finished.set(true);
                }
            });
            Subscription subscription = subscribe(request(subscriptionName("closing"), recorder));
            CompletableFuture<Void> published = CompletableFuture.runAsync(
                    () -> publisher().publish(ContractEvent.of("key-1", 0)));
            assertThat(entered.await(timeout().toMillis(), MILLISECONDS)).as("the handler started").isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(subscription::close);
            holdFor(() -> !closing.isDone());
            release.countDown();
            closing.get(timeout().toMillis(), MILLISECONDS);
            published.get(timeout().toMillis(), MILLISECONDS);

            assertThat(finished).as("the handler in flight finished before close returned").isTrue();
            int handled = recorder.count();
            publishIgnoringHandlerFailures(List.of(ContractEvent.of("key-1", 1), ContractEvent.of("key-2", 1)));
            holdFor(() -> recorder.count() == handled);
        }

        @Test
        @DisplayName("A handler may close its own subscription, after which it is called no more.")
        void handlerClosesItsOwnSubscription() throws Exception {
            AtomicReference<Subscription> self = new AtomicReference<>();
            CountDownLatch closed = new CountDownLatch(1);
            Recorder<ContractEvent> recorder = Recorder.recordingThen((event, context) -> {
                self.get().close();
                closed.countDown();
            });
            self.set(subscribe(request(subscriptionName("self-closing"), recorder)));

            CompletableFuture.runAsync(() -> publisher().publish(ContractEvent.of("key-1", 0)));

            assertThat(closed.await(timeout().toMillis(), MILLISECONDS)).as("the handler closed its subscription").isTrue();
            int handled = recorder.count();
            publishIgnoringHandlerFailures(List.of(ContractEvent.of("key-1", 1)));
            holdFor(() -> recorder.count() == handled);
        }

        @Test
        @DisplayName("Closing a subscriber stops its subscriptions and leaves the others running.")
        void closingSubscriberStopsItsSubscriptions() throws Exception {
            Recorder<ContractEvent> closed = Recorder.recording();
            Recorder<ContractEvent> open = Recorder.recording();
            EventSubscriber subscriber = subscriber();
            subscribe(subscriber, request(subscriptionName("closed"), closed));
            subscribe(request(subscriptionName("open"), open));

            closeWithin(subscriber);
            ContractEvent event = ContractEvent.of("key-1", 0);
            publishAll(publisher(), List.of(event));

            awaitUntil(() -> open.ids().contains(event.eventId()));
            assertThat(closed.count()).as("deliveries after the subscriber closed").isZero();
        }

        @Test
        @DisplayName("Pause stops deliveries and resume delivers everything published meanwhile.")
        void pauseAndResumeLoseNothing() throws Exception {
            Recorder<ContractEvent> recorder = Recorder.recording();
            Subscription subscription = subscribe(request(subscriptionName("paused"), recorder));
            ContractEvent first = ContractEvent.of("key-1", 0);
            publishAll(publisher(), List.of(first));
            awaitUntil(() -> recorder.count() == 1);

            subscription.pause();
            assertThat(subscription.isPaused()).isTrue();
            List<ContractEvent> whilePaused = ContractEvents.interleaved("paused", 4, 10);
            EventPublisher publisher = publisher();
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publishAllUnchecked(publisher, whilePaused));
            if (lacks(Capability.SYNCHRONOUS)) {
                publishing.get(timeout().toMillis(), MILLISECONDS);
            }
            holdFor(() -> recorder.count() == 1);
            subscription.resume();

            assertThat(subscription.isPaused()).isFalse();
            awaitUntil(() -> recorder.sawAll(ContractEvents.ids(whilePaused)));
            publishing.get(timeout().toMillis(), MILLISECONDS);
        }

        @Test
        @DisplayName("The lag falls to zero once every event is processed.")
        void lagFallsToZero() throws Exception {
            Recorder<ContractEvent> recorder = Recorder.recording();
            Subscription subscription = subscribe(request(subscriptionName("lag"), recorder));
            List<ContractEvent> events = ContractEvents.interleaved("lag", 4, 10);

            publishAll(publisher(), events);

            awaitUntil(() -> recorder.sawAll(ContractEvents.ids(events)));
            awaitUntil(() -> subscription.lag().total() == 0);
        }

        @Test
        @DisplayName("Duplicates of an event reach an IdempotentHandler only once.")
        void duplicatesReachAnIdempotentHandlerOnce() throws Exception {
            Recorder<ContractEvent> recorder = Recorder.recording();
            IdempotentHandler<ContractEvent> handler = IdempotentHandler.wrap(recorder, new InMemoryProcessedEvents());
            subscribe(request(subscriptionName("idempotent"), handler));
            ContractEvent duplicated = ContractEvent.of("key-1", 0);
            ContractEvent other = ContractEvent.of("key-1", 1);

            publishAll(publisher(), List.of(duplicated, duplicated, other, duplicated));

            awaitUntil(() -> recorder.sawAll(List.of(duplicated.eventId(), other.eventId())) && handler.duplicatesSkipped() >= 2);
            assertThat(recorder.timesDelivered(duplicated.eventId())).isEqualTo(1);
            assertThat(recorder.timesDelivered(other.eventId())).isEqualTo(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("Durability")
    class Durability {

        @Test
        @DisplayName("A subscription closed and reopened under the same name receives what was published while it was closed.")
        void reopenedSubscriptionLosesNothing() throws Exception {
            requireCapability(Capability.DURABLE);
            String name = subscriptionName("durable");
            Recorder<ContractEvent> before = Recorder.recording();
            Subscription subscription = subscribe(request(name, before));
            List<ContractEvent> early = ContractEvents.interleaved("early", 2, 5);
            publishAll(publisher(), early);
            awaitUntil(() -> before.sawAll(ContractEvents.ids(early)));
            closeWithin(subscription);

            List<ContractEvent> whileClosed = ContractEvents.interleaved("closed", 2, 5);
            publishAll(publisher(), whileClosed);
            Recorder<ContractEvent> after = Recorder.recording();
            subscribe(request(name, after));

            awaitUntil(() -> after.sawAll(ContractEvents.ids(whileClosed)));
        }

        @Test
        @DisplayName("Events published before a restart of the backend reach a subscription reopened under its name.")
        void eventsSurviveABackendRestart() throws Exception {
            requireCapability(Capability.DURABLE);
            String name = subscriptionName("restart");
            List<ContractEvent> events = publishWhileClosedThenRestart(name);

            Recorder<ContractEvent> after = Recorder.recording();
            subscribe(request(name, after));

            awaitUntil(() -> after.sawAll(ContractEvents.ids(events)));
        }

        @Test
        @DisplayName("Without durability, a new backend does not see the events published on a closed one.")
        void withoutDurabilityEventsDoNotSurviveARestart() throws Exception {
            requireAbsence(Capability.DURABLE);
            String name = subscriptionName("restart");
            publishWhileClosedThenRestart(name);

            Recorder<ContractEvent> after = Recorder.recording();
            subscribe(request(name, after).withStartPosition(StartPosition.earliest()));
            ContractEvent marker = ContractEvent.of("key-1", 99);
            publishAll(publisher(), List.of(marker));

            awaitUntil(() -> after.ids().contains(marker.eventId()));
            assertThat(after.ids()).containsExactly(marker.eventId());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Nested
    @DisplayName("History and replay")
    class History {

        @Test
        @DisplayName("A new subscription starting from earliest sees every earlier event.")
        void newSubscriptionFromEarliestSeesHistory() throws Exception {
            requireCapability(Capability.NEW_SUBSCRIPTION_SEES_HISTORY);
            List<ContractEvent> history = ContractEvents.interleaved("history", 4, 5);
            publishAll(publisher(), history);
            Recorder<ContractEvent> recorder = Recorder.recording();

            subscribe(request(subscriptionName("earliest"), recorder).withStartPosition(StartPosition.earliest()));

            awaitUntil(() -> recorder.sawAll(ContractEvents.ids(history)));
        }

        @Test
        @DisplayName("A new subscription starting from a time sees the events published from that time on, and none before.")
        void newSubscriptionFromTimestampSeesLaterHistory() throws Exception {
            requireCapability(Capability.NEW_SUBSCRIPTION_SEES_HISTORY);
            List<ContractEvent> before = ContractEvents.interleaved("before", 4, 5);
            List<ContractEvent> after = ContractEvents.interleaved("after", 4, 5);
            EventPublisher publisher = publisher();
            Instant boundary = publishAcrossBoundary(publisher, before, after);
            Recorder<ContractEvent> recorder = Recorder.recording();

            subscribe(request(subscriptionName("from-time"), recorder).withStartPosition(StartPosition.at(boundary)));

            awaitUntil(() -> recorder.sawAll(ContractEvents.ids(after)));
            assertThat(recorder.ids()).doesNotContainAnyElementsOf(ContractEvents.ids(before));
        }

        @Test
        @DisplayName("A running subscription rewound to earliest receives every retained event again.")
        void rewindToEarliest() throws Exception {
            requireCapability(Capability.REPLAY);
            Recorder<ContractEvent> recorder = Recorder.recording();
            Subscription subscription = subscribe(request(subscriptionName("rewind"), recorder));
            List<ContractEvent> events = ContractEvents.interleaved("rewind", 4, 5);
            publishAll(publisher(), events);
            awaitUntil(() -> recorder.sawAll(ContractEvents.ids(events)));

            subscription.rewind(StartPosition.earliest());

            awaitUntil(() -> events.stream().allMatch(e -> recorder.timesDelivered(e.eventId()) >= 2));
        }

        @Test
        @DisplayName("A running subscription rewound to a time receives the events from that time on again, and no earlier one.")
        void rewindToTime() throws Exception {
            requireCapability(Capability.REPLAY);
            Recorder<ContractEvent> recorder = Recorder.recording();
            Subscription subscription = subscribe(request(subscriptionName("rewind-time"), recorder));
            List<ContractEvent> before = ContractEvents.interleaved("before", 4, 5);
            List<ContractEvent> after = ContractEvents.interleaved("after", 4, 5);
            Instant boundary = publishAcrossBoundary(publisher(), before, after);
            awaitUntil(() -> recorder.sawAll(ContractEvents.ids(after)) && recorder.sawAll(ContractEvents.ids(before)));

            subscription.rewind(StartPosition.at(boundary));

            awaitUntil(() -> after.stream().allMatch(e -> recorder.timesDelivered(e.eventId()) >= 2));
            assertThat(before).allSatisfy(e -> assertThat(recorder.timesDelivered(e.eventId())).isEqualTo(1));
        }

        @Test
        @DisplayName("Without replay, rewind throws UnsupportedCapabilityException naming REPLAY.")
        void withoutReplayRewindIsRefused() {
            requireAbsence(Capability.REPLAY);
            Subscription subscription = subscribe(request(subscriptionName("rewind"), Recorder.recording()));

            assertThatThrownBy(() -> subscription.rewind(StartPosition.earliest()))
                    .isInstanceOfSatisfying(UnsupportedCapabilityException.class,
                            e -> assertThat(e.capability()).isEqualTo(Capability.REPLAY));
        }

        @Test
        @DisplayName("Without history for new subscriptions, a new subscription from earliest sees no event already consumed.")
        void withoutHistoryEarliestSeesNothingOld() throws Exception {
            requireAbsence(Capability.NEW_SUBSCRIPTION_SEES_HISTORY);
            Recorder<ContractEvent> witness = Recorder.recording();
            Subscription first = subscribe(request(subscriptionName("witness"), witness));
            List<ContractEvent> history = ContractEvents.interleaved("history", 2, 5);
            publishIgnoringHandlerFailures(history);
            awaitUntil(() -> witness.count() >= history.size());
            closeWithin(first);
            Recorder<ContractEvent> recorder = Recorder.recording();
            subscribe(request(subscriptionName("earliest"), recorder).withStartPosition(StartPosition.earliest()));
            ContractEvent marker = ContractEvent.of("key-1", 99);

            publishAll(publisher(), List.of(marker));

            awaitUntil(() -> recorder.ids().contains(marker.eventId()));
            assertThat(recorder.ids()).containsExactly(marker.eventId());
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // groups of cases written in their own files

    @Nested
    @DisplayName("Resilience under seeded chaos")
    class Chaos extends ChaosCases {
        Chaos() {
            super(EventBackendContract.this);
        }
    }

    @Nested
    @DisplayName("Bad input")
    class BadInput extends BadInputCases {
        BadInput() {
            super(EventBackendContract.this);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    EventBackend open() {
        EventBackend opened = openBackend(config);
        this.opened.push(opened);
        assertThat(opened.destinations().destinationFor(ContractEvent.class))
                .as("openBackend(config) must honour the suite's destination override "
                        + DestinationNaming.OVERRIDE_PREFIX + "ContractEvent")
                .isEqualTo(destination);
        return opened;
    }

    /**
     * Opens and closes subscription {@code name}, publishes ten events, closes the backend and opens a new one with
     * the same configuration; returns the events.
     */
    List<ContractEvent> publishWhileClosedThenRestart(String name) throws Exception {
        closeWithin(subscribe(request(name, Recorder.recording())));
        List<ContractEvent> events = ContractEvents.interleaved("restart", 2, 5);
        publishIgnoringHandlerFailures(events);
        closeWithin(backend);
        backend = open();
        return events;
    }

    String subscriptionName(String role) {
        return destination + "-" + role;
    }

    boolean has(Capability capability) {
        return capabilities.has(capability);
    }

    boolean lacks(Capability capability) {
        return capabilities.lacks(capability);
    }

    void requireCapability(Capability capability) {
        assumeTrue(has(capability), () -> "The '" + backendName + "' backend does not declare " + capability + " ("
                + capability.description() + ")");
    }

    void requireAbsence(Capability capability) {
        assumeTrue(lacks(capability), () -> "The '" + backendName + "' backend declares " + capability
                + "; this case checks its absence");
    }

    static SubscriptionRequest<ContractEvent> request(String name, EventHandler<ContractEvent> handler) {
        return SubscriptionRequest.of(name, ContractEvent.class, handler);
    }

    EventPublisher publisher() {
        EventPublisher publisher = backend.createPublisher();
        opened.push(publisher);
        return publisher;
    }

    EventSubscriber subscriber() {
        EventSubscriber subscriber = backend.createSubscriber();
        opened.push(subscriber);
        return subscriber;
    }

    Subscription subscribe(SubscriptionRequest<?> request) {
        return subscribe(subscriber(), request);
    }

    Subscription subscribe(EventSubscriber subscriber, SubscriptionRequest<?> request) {
        Subscription subscription = subscriber.subscribe(request);
        opened.push(subscription);
        return subscription;
    }

    /** Publishes every event, then waits for every receipt. */
    List<PublishReceipt> publishAll(EventPublisher publisher, List<? extends DomainEvent> events) throws Exception {
        List<CompletableFuture<PublishReceipt>> futures = events.stream().map(publisher::publish).toList();
        List<PublishReceipt> receipts = new ArrayList<>(futures.size());
        for (CompletableFuture<PublishReceipt> future : futures) {
            receipts.add(future.get(timeout().toMillis(), MILLISECONDS));
        }
        return receipts;
    }

    void publishAllUnchecked(EventPublisher publisher, List<? extends DomainEvent> events) {
        try {
            publishAll(publisher, events);
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /**
     * Publishes and waits for each publish to settle; a synchronous backend fails the publish when a handler
     * fails, which is what these cases provoke, so failures are ignored here and asserted elsewhere.
     */
    void publishIgnoringHandlerFailures(List<? extends DomainEvent> events) throws Exception {
        EventPublisher publisher = publisher();
        for (DomainEvent event : events) {
            try {
                publisher.publish(event).get(timeout().toMillis(), MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof HandlersFailedException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Publishes {@code before}, waits for the clock to pass a boundary instant, publishes {@code after}, and
     * returns the boundary: every event of {@code before} was accepted before it, every one of {@code after}
     * after it, with a margin of some milliseconds for backends that keep times in milliseconds.
     */
    Instant publishAcrossBoundary(EventPublisher publisher, List<ContractEvent> before, List<ContractEvent> after)
            throws Exception {
        publishAll(publisher, before);
        Instant lastBefore = Instant.now();
        waitForClockPast(lastBefore.plusMillis(20));
        Instant boundary = Instant.now();
        waitForClockPast(boundary.plusMillis(20));
        publishAll(publisher, after);
        return boundary;
    }

    void waitForClockPast(Instant instant) {
        within().pollInterval(Duration.ofMillis(5)).until(() -> Instant.now().isAfter(instant));
    }

    static Set<String> union(Recorder<?> first, Recorder<?> second) {
        Set<String> all = new HashSet<>(first.ids());
        all.addAll(second.ids());
        return all;
    }

    /** The failure of a publish, whether thrown at once or completing the future exceptionally. */
    Throwable failureOf(Supplier<CompletableFuture<PublishReceipt>> publish) {
        CompletableFuture<PublishReceipt> future;
        try {
            future = publish.get();
        } catch (RuntimeException thrown) {
            return thrown;
        }
        try {
            future.get(timeout().toMillis(), MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            return fail("The publish neither failed nor completed within " + timeout(), e);
        }
        return fail("The publish was expected to fail, but it completed normally");
    }

    ConditionFactory within() {
        return await().atMost(timeout()).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    void awaitUntil(Callable<Boolean> condition) {
        within().until(condition);
    }

    /** Asserts that the condition stays true for a short quiet period (how the suite checks that nothing arrives). */
    void holdFor(Callable<Boolean> condition) {
        await().during(QUIET_PERIOD).atMost(QUIET_PERIOD.plus(timeout())).pollInterval(Duration.ofMillis(10)).until(condition);
    }

    void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(timeout().toMillis(), MILLISECONDS)) {
                throw new IllegalStateException("latch not released within " + timeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the test", e);
        }
    }

    void closeWithin(AutoCloseable closeable) {
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            closing.get(timeout().toMillis(), MILLISECONDS);
        } catch (TimeoutException e) {
            fail(closeable + ".close() did not return within " + timeout(), e);
        } catch (ExecutionException e) {
            fail(closeable + ".close() failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while closing " + closeable, e);
        }
    }
}

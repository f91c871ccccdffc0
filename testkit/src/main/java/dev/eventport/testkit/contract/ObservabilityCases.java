package dev.eventport.testkit.contract;

import static dev.eventport.testkit.contract.EventBackendContract.FAST_RETRIES;
import static dev.eventport.testkit.contract.EventBackendContract.QUIET_PERIOD;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.metrics.micrometer.EventportMetrics;
import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.Capability;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.HandlersFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.TraceParent;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The observability group of {@link EventBackendContract}: metrics (through {@link EventportMetrics} on a
 * {@link SimpleMeterRegistry}), consumer lag, W3C trace context, {@link BackendHealth} and dead letters as a feature
 * (list, inspect, republish). Every backend passes the same cases; a case that needs a capability the backend does
 * not declare is skipped with the reason.
 */
abstract class ObservabilityCases {

    private final EventBackendContract contract;

    ObservabilityCases(EventBackendContract contract) {
        this.contract = contract;
    }

    @Test
    @DisplayName("Metrics count a known workload exactly: publishes, handler calls per outcome, retries and dead letters.")
    void metricsCountAKnownWorkloadExactly() throws Exception {
        contract.requireCapability(Capability.DEAD_LETTER);
        MeterRegistry registry = bindMetrics();
        ContractEvent poison = ContractEvent.of("key-1", 0);
        String name = contract.subscriptionName("counted");
        Recorder<ContractEvent> recorder = Recorder.recordingThen((event, context) -> {
            if (event.eventId().equals(poison.eventId())) {
                throw new IllegalStateException("contract failure for " + event.eventId());
            }
        });
        contract.subscribe(EventBackendContract.request(name, recorder).withErrorPolicy(FAST_RETRIES));
        List<ContractEvent> good = ContractEvents.interleaved("counted", 2, 5);

        contract.publishIgnoringHandlerFailures(List.of(poison));
        contract.publishAll(contract.publisher(), good);

        boolean synchronous = contract.has(Capability.SYNCHRONOUS);
        int attempts = FAST_RETRIES.maxAttempts();
        Counts expected = new Counts(good.size() + (synchronous ? 0 : 1), synchronous ? 1 : 0, good.size(), attempts,
                attempts - 1, 1, 0);
        assertCountsBecome(() -> Counts.read(registry, contract.backendName(), contract.destination(), name), expected);
        assertThat(recorder.sawAll(ContractEvents.ids(good))).isTrue();
    }

    @Test
    @DisplayName("Metrics count the duplicates an IdempotentHandler skips when an event is published again.")
    void metricsCountSkippedDuplicates() throws Exception {
        MeterRegistry registry = bindMetrics();
        String name = contract.subscriptionName("idempotent");
        Recorder<ContractEvent> recorder = Recorder.recording();
        contract.subscribe(EventBackendContract.request(name, IdempotentHandler.wrap(recorder, new InMemoryProcessedEvents())));
        ContractEvent duplicated = ContractEvent.of("key-1", 0);
        ContractEvent other = ContractEvent.of("key-1", 1);
        EventPublisher publisher = contract.publisher();

        contract.publishAll(publisher, List.of(duplicated, other));
        contract.awaitUntil(() -> recorder.sawAll(ContractEvents.ids(List.of(duplicated, other))));
        contract.publishAll(publisher, List.of(duplicated));

        Counts expected = new Counts(3, 0, 3, 0, 0, 0, 1);
        assertCountsBecome(() -> Counts.read(registry, contract.backendName(), contract.destination(), name), expected);
        assertThat(recorder.timesDelivered(duplicated.eventId())).isEqualTo(1);
    }

    @Test
    @DisplayName("The lag gauge rises while a subscription is paused and returns to zero after it resumes, with the age of the oldest event.")
    void lagGaugeRisesWhilePausedAndReturnsToZero() throws Exception {
        MeterRegistry registry = bindMetrics();
        String name = contract.subscriptionName("lagging");
        Recorder<ContractEvent> recorder = Recorder.recording();
        Subscription subscription = contract.subscribe(EventBackendContract.request(name, recorder));
        Tags tags = subscriptionTags(contract.backendName(), contract.destination(), name);
        contract.awaitUntil(() -> registry.find(EventportMetrics.CONSUMER_LAG).tags(tags).gauge() != null
                && registry.get(EventportMetrics.CONSUMER_LAG).tags(tags).gauge().value() == 0);
        List<ContractEvent> waiting = ContractEvents.interleaved("lagging", 5, 1);

        subscription.pause();
        EventPublisher publisher = contract.publisher();
        ExecutorService threads = Executors.newFixedThreadPool(waiting.size());
        try {
            // one thread per event: a synchronous backend holds each publishing thread while the subscription is paused
            List<CompletableFuture<PublishReceipt>> published = new ArrayList<>();
            for (ContractEvent event : waiting) {
                published.add(CompletableFuture.supplyAsync(() -> publisher.publish(event), threads).thenCompose(f -> f));
            }
            contract.awaitUntil(() -> lag(registry, tags) == waiting.size());
            contract.awaitUntil(() -> oldestAgeIsPositiveOrUnknown(registry, tags));
            assertThat(recorder.count()).as("deliveries while paused").isZero();

            subscription.resume();

            contract.awaitUntil(() -> recorder.sawAll(ContractEvents.ids(waiting)));
            contract.awaitUntil(() -> lag(registry, tags) == 0);
            assertThat(registry.get(EventportMetrics.CONSUMER_LAG_OLDEST_AGE).tags(tags).timeGauge().value(TimeUnit.MILLISECONDS))
                    .as("the age of the oldest waiting event when none waits").isZero();
            CompletableFuture.allOf(published.toArray(new CompletableFuture<?>[0]))
                    .get(contract.timeout().toMillis(), MILLISECONDS);
        } finally {
            subscription.resume();
            threads.shutdownNow();
        }
    }

    @Test
    @DisplayName("The meters of a closed subscription are removed.")
    void metersOfAClosedSubscriptionAreRemoved() throws Exception {
        MeterRegistry registry = bindMetrics();
        String name = contract.subscriptionName("closing");
        Recorder<ContractEvent> recorder = Recorder.recording();
        Subscription subscription = contract.subscribe(EventBackendContract.request(name, recorder));
        ContractEvent event = ContractEvent.of("key-1", 0);
        contract.publishAll(contract.publisher(), List.of(event));
        contract.awaitUntil(() -> recorder.count() == 1);
        Tags tags = subscriptionTags(contract.backendName(), contract.destination(), name);
        assertThat(registry.find(EventportMetrics.CONSUMER_LAG).tags(tags).gauge()).isNotNull();

        contract.closeWithin(subscription);

        assertThat(registry.getMeters()).as("meters still naming subscription '%s'", name)
                .noneMatch(meter -> name.equals(meter.getId().getTag(EventportMetrics.TAG_SUBSCRIPTION)));
        assertThat(registry.find(EventportMetrics.PUBLISH).tags(EventportMetrics.TAG_DESTINATION, contract.destination())
                .timers()).as("publish meters stay").isNotEmpty();
    }

    @Test
    @DisplayName("A traceparent given at publish, or one generated when none is given, reaches every handler of every subscription.")
    void traceparentReachesEveryHandler() throws Exception {
        int subscriptions = contract.has(Capability.FAN_OUT) ? 3 : 1;
        List<Recorder<ContractEvent>> recorders = new ArrayList<>();
        Map<String, Optional<TraceParent>> currentInHandler = new ConcurrentHashMap<>();
        for (int i = 0; i < subscriptions; i++) {
            Recorder<ContractEvent> recorder = Recorder.recordingThen((event, context) ->
                    currentInHandler.put(context.subscription() + "/" + event.eventId(), TraceParent.current()));
            recorders.add(recorder);
            contract.subscribe(EventBackendContract.request(contract.subscriptionName("traced-" + i), recorder));
        }
        EventPublisher publisher = contract.publisher();
        ContractEvent given = ContractEvent.of("key-1", 0);
        ContractEvent generated = ContractEvent.of("key-1", 1);
        ContractEvent continued = ContractEvent.of("key-1", 2);
        TraceParent callers = TraceParent.newRoot();
        TraceParent current = TraceParent.newRoot();

        publisher.publish(given, Map.of(TraceParent.HEADER, callers.toString())).get(contract.timeout().toMillis(), MILLISECONDS);
        publisher.publish(generated).get(contract.timeout().toMillis(), MILLISECONDS);
        try (TraceParent.Scope scope = current.makeCurrent()) {
            publisher.publish(continued).get(contract.timeout().toMillis(), MILLISECONDS);
        }

        List<String> ids = ContractEvents.ids(List.of(given, generated, continued));
        contract.awaitUntil(() -> recorders.stream().allMatch(r -> r.sawAll(ids)));
        TraceParent generatedTrace = traceOf(recorders.get(0), generated);
        assertThat(generatedTrace.traceId()).as("a new trace").isNotIn(callers.traceId(), current.traceId());
        for (Recorder<ContractEvent> recorder : recorders) {
            assertThat(traceOf(recorder, given)).as("the caller's traceparent").isEqualTo(callers);
            assertThat(traceOf(recorder, generated)).as("the generated traceparent, the same for every subscription")
                    .isEqualTo(generatedTrace);
            TraceParent child = traceOf(recorder, continued);
            assertThat(child.traceId()).as("the trace current on the publishing thread").isEqualTo(current.traceId());
            assertThat(child.parentId()).as("a new span of that trace").isNotEqualTo(current.parentId());
            for (Recorder.Delivery<ContractEvent> delivery : recorder.deliveries()) {
                assertThat(currentInHandler.get(delivery.context().subscription() + "/" + delivery.event().eventId()))
                        .as("the trace current while the handler runs").isEqualTo(delivery.context().traceparent());
            }
        }
    }

    @Test
    @DisplayName("An event published by a handler continues the trace of the event it handles.")
    void handlerPublishContinuesTheTrace() throws Exception {
        EventPublisher publisher = contract.publisher();
        Recorder<OtherContractEvent> downstream = Recorder.recording();
        contract.subscribe(SubscriptionRequest.of(contract.subscriptionName("downstream"), OtherContractEvent.class, downstream));
        contract.subscribe(EventBackendContract.request(contract.subscriptionName("upstream"), (event, context) ->
                publisher.publish(OtherContractEvent.of(event.aggregateId())).get(contract.timeout().toMillis(), MILLISECONDS)));
        TraceParent checkout = TraceParent.newRoot();

        publisher.publish(ContractEvent.of("order-1", 0), Map.of(TraceParent.HEADER, checkout.toString()))
                .get(contract.timeout().toMillis(), MILLISECONDS);

        contract.awaitUntil(() -> downstream.count() >= 1);
        TraceParent followed = downstream.deliveries().get(0).context().traceparent().orElseThrow();
        assertThat(followed.traceId()).as("the trace id of the checkout").isEqualTo(checkout.traceId());
        assertThat(followed.parentId()).as("a span of its own").isNotEqualTo(checkout.parentId());
    }

    @Test
    @DisplayName("health() is healthy when open, names a paused subscription while it is paused, and cannot publish after close.")
    void healthReportsPausedSubscriptionsAndClose() throws Exception {
        assertThat(health().problems()).as("problems of a new backend").isEmpty();
        assertThat(health().isHealthy()).isTrue();
        String name = contract.subscriptionName("unhealthy");
        Subscription subscription = contract.subscribe(EventBackendContract.request(name, Recorder.recording()));
        contract.awaitUntil(() -> health().isHealthy());

        subscription.pause();
        BackendHealth paused = health();
        assertThat(paused.canConsume()).as("can consume while '%s' is paused", name).isFalse();
        assertThat(paused.canPublish()).as("can publish while a subscription is paused").isTrue();
        assertThat(paused.problems()).anySatisfy(problem -> assertThat(problem).contains(name).contains("paused"));

        subscription.resume();
        contract.awaitUntil(() -> health().isHealthy());

        contract.closeWithin(contract.backend());
        BackendHealth closed = health();
        assertThat(closed.canPublish()).as("can publish after close").isFalse();
        assertThat(closed.problems()).isNotEmpty();
    }

    @Test
    @DisplayName("Dead letters can be listed and inspected (reason, attempts, original position), then republished and processed once the handler is fixed.")
    void deadLettersCanBeInspectedAndRepublished() throws Exception {
        contract.requireCapability(Capability.DEAD_LETTER);
        AtomicBoolean fixed = new AtomicBoolean();
        Recorder<ContractEvent> recorder = Recorder.recordingThen((event, context) -> {
            if (!fixed.get()) {
                throw new IllegalStateException("not fixed yet: " + event.eventId());
            }
        });
        String name = contract.subscriptionName("fixable");
        contract.subscribe(EventBackendContract.request(name, recorder).withErrorPolicy(FAST_RETRIES.withMaxAttempts(2)));
        ContractEvent event = ContractEvent.of("key-1", 0);
        Optional<PublishReceipt> receipt = publishMayFailOnHandler(event);
        DeadLetters deadLetters = contract.backend().deadLetters();
        String destination = contract.destination();

        contract.awaitUntil(() -> deadLetters.list(destination).size() == 1);
        DeadLetter letter = deadLetters.list(destination).get(0);
        assertThat(deadLetters.list(destination)).as("listing again: listing consumes nothing").hasSize(1);
        assertThat(letter.eventId()).isEqualTo(event.eventId());
        assertThat(letter.destination()).isEqualTo(destination);
        assertThat(letter.subscription()).isEqualTo(name);
        assertThat(letter.exceptionType()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.reason()).contains("not fixed yet: " + event.eventId());
        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(letter.headers()).as("the headers it was published with").containsKey(TraceParent.HEADER);
        if (receipt.isPresent() && receipt.get().offset().isPresent()) {
            assertThat(letter.partition()).as("the original partition").isEqualTo(receipt.get().partition());
            assertThat(letter.offset()).as("the original offset").isEqualTo(receipt.get().offset());
        }

        fixed.set(true);
        deadLetters.republish(letter).get(contract.timeout().toMillis(), MILLISECONDS);

        contract.awaitUntil(() -> recorder.deliveries().stream().anyMatch(d -> isRepublished(d, event, letter.attempts())));
        if (contract.lacks(Capability.REPLAY)) {
            contract.awaitUntil(() -> deadLetters.list(destination).stream().noneMatch(d -> d.eventId().equals(event.eventId())));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Waits until the counts are as expected, then checks that they stay so for the quiet period. */
    private void assertCountsBecome(Supplier<Counts> counts, Counts expected) {
        contract.within().untilAsserted(() -> assertThat(counts.get()).isEqualTo(expected));
        await().during(QUIET_PERIOD).atMost(QUIET_PERIOD.plus(contract.timeout())).pollInterval(Duration.ofMillis(10))
                .untilAsserted(() -> assertThat(counts.get()).as("the counts a while later").isEqualTo(expected));
    }

    private MeterRegistry bindMetrics() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        contract.closeAfterTest(EventportMetrics.bind(contract.backend(), registry));
        return registry;
    }

    /** Asks for the health with the suite's deadline, so that a backend that hangs fails instead of blocking. */
    private BackendHealth health() throws Exception {
        return CompletableFuture.supplyAsync(() -> contract.backend().health()).get(contract.timeout().toMillis(), MILLISECONDS);
    }

    /** Publishes; the receipt, or empty when a synchronous backend failed the publish because the handler failed. */
    private Optional<PublishReceipt> publishMayFailOnHandler(ContractEvent event) throws Exception {
        try {
            return Optional.of(contract.publisher().publish(event).get(contract.timeout().toMillis(), MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HandlersFailedException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static boolean isRepublished(Recorder.Delivery<ContractEvent> delivery, ContractEvent event, int attempts) {
        EventContext context = delivery.context();
        return delivery.event().eventId().equals(event.eventId())
                && Integer.toString(attempts).equals(context.header(DeadLetters.REPUBLISHED_HEADER));
    }

    private static TraceParent traceOf(Recorder<ContractEvent> recorder, ContractEvent event) {
        EventContext context = recorder.deliveries().stream().filter(d -> d.event().eventId().equals(event.eventId()))
                .findFirst().orElseThrow().context();
        return context.traceparent().orElseThrow(() -> new AssertionError("no valid " + TraceParent.HEADER + " header on "
                + event.eventId() + " in subscription '" + context.subscription() + "': " + context.headers()));
    }

    private static Tags subscriptionTags(String backend, String destination, String subscription) {
        return Tags.of(EventportMetrics.TAG_BACKEND, backend, EventportMetrics.TAG_DESTINATION, destination,
                EventportMetrics.TAG_SUBSCRIPTION, subscription);
    }

    private static double lag(MeterRegistry registry, Tags tags) {
        return registry.get(EventportMetrics.CONSUMER_LAG).tags(tags).gauge().value();
    }

    private static boolean oldestAgeIsPositiveOrUnknown(MeterRegistry registry, Tags tags) {
        double age = registry.get(EventportMetrics.CONSUMER_LAG_OLDEST_AGE).tags(tags).timeGauge().value(TimeUnit.MILLISECONDS);
        return Double.isNaN(age) || age > 0;
    }

    /**
     * What the meters of one subscription and its destination's publishes count.
     *
     * @param published     successful publishes
     * @param publishFailed failed publishes
     * @param handled       handler calls that returned
     * @param handlerFailed handler calls that threw
     * @param retried       failed attempts retried
     * @param deadLettered  events dead-lettered
     * @param duplicates    duplicates skipped
     */
    private record Counts(long published, long publishFailed, long handled, long handlerFailed, long retried,
                          long deadLettered, long duplicates) {

        /** Reads the counts from the registry (zero for a meter not registered). */
        static Counts read(MeterRegistry registry, String backend, String destination, String subscription) {
            Tags publish = Tags.of(EventportMetrics.TAG_BACKEND, backend, EventportMetrics.TAG_DESTINATION, destination);
            Tags consumer = subscriptionTags(backend, destination, subscription);
            return new Counts(timerCount(registry, EventportMetrics.PUBLISH, publish, EventportMetrics.SUCCESS),
                    timerCount(registry, EventportMetrics.PUBLISH, publish, EventportMetrics.FAILURE),
                    timerCount(registry, EventportMetrics.HANDLER, consumer, EventportMetrics.SUCCESS),
                    timerCount(registry, EventportMetrics.HANDLER, consumer, EventportMetrics.FAILURE),
                    counterCount(registry, EventportMetrics.RETRIES, consumer),
                    counterCount(registry, EventportMetrics.DEAD_LETTERED, consumer),
                    counterCount(registry, EventportMetrics.DUPLICATES_SKIPPED, consumer));
        }

        private static long timerCount(MeterRegistry registry, String name, Tags tags, String outcome) {
            Timer timer = registry.find(name).tags(tags).tag(EventportMetrics.TAG_OUTCOME, outcome).timer();
            return timer == null ? 0 : timer.count();
        }

        private static long counterCount(MeterRegistry registry, String name, Tags tags) {
            Counter counter = registry.find(name).tags(tags).counter();
            return counter == null ? 0 : (long) counter.count();
        }
    }
}

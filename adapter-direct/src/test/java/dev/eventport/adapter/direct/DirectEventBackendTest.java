package dev.eventport.adapter.direct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.ErrorPolicy;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.HandlersFailedException;
import dev.eventport.ports.MessagingBackends;
import dev.eventport.ports.NonRetryableException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.PublisherClosedException;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.ports.UnsupportedCapabilityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The direct backend")
class DirectEventBackendTest {

    /** A user's own event type: the backend treats it like OrderCreated. */
    record ParcelShipped(String eventId, Instant occurredAt, String parcelId) implements DomainEvent {
        @Override
        public String aggregateId() {
            return parcelId;
        }
    }

    /** Another type, mapped to the same destination in one test. */
    record ParcelLost(String eventId, Instant occurredAt, String parcelId) implements DomainEvent {
        @Override
        public String aggregateId() {
            return parcelId;
        }
    }

    private static final ErrorPolicy FAST_RETRIES = ErrorPolicy.defaults().withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(1), 2.0, Duration.ofMillis(5));
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TRACE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final AtomicInteger ids = new AtomicInteger();
    private final List<EventBackend> backends = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void closeBackends() {
        backends.forEach(EventBackend::close);
        threads.shutdownNow();
    }

    private EventBackend backend() {
        EventBackend backend = new DirectEventBackend();
        backends.add(backend);
        return backend;
    }

    private EventBackend backend(Duration pauseTimeout) {
        EventBackend backend = new DirectEventBackend(DirectConfig.from(EventportConfig.of(Map.of(
                DirectConfig.PAUSE_TIMEOUT, pauseTimeout.toMillis() + "ms"))), DestinationNaming.kebabCase());
        backends.add(backend);
        return backend;
    }

    private ParcelShipped parcel(String parcelId) {
        return new ParcelShipped("evt-" + ids.incrementAndGet(), Instant.now(), parcelId);
    }

    private static Throwable failureOf(CompletableFuture<PublishReceipt> future) {
        assertThat(future).isCompletedExceptionally();
        return future.handle((receipt, failure) -> failure instanceof CompletionException ? failure.getCause() : failure)
                .join();
    }

    @Test
    @DisplayName("publish calls every handler in the caller's thread, in subscription order, before it returns")
    void dispatchesInCallersThreadInSubscriptionOrder() {
        EventBackend backend = backend();
        EventSubscriber subscriber = backend.createSubscriber();
        List<String> calls = new CopyOnWriteArrayList<>();
        for (String name : List.of("payment", "email", "inventory", "warehouse")) {
            subscriber.subscribe(name, ParcelShipped.class, (event, ctx) ->
                    calls.add(ctx.subscription() + "@" + Thread.currentThread().getName()));
        }
        ParcelShipped event = parcel("p-1");

        CompletableFuture<PublishReceipt> future = backend.createPublisher().publish(event);

        String me = Thread.currentThread().getName();
        assertThat(calls).containsExactly("payment@" + me, "email@" + me, "inventory@" + me, "warehouse@" + me);
        assertThat(future).isCompleted();
        assertThat(future.join().eventId()).isEqualTo(event.eventId());
        assertThat(future.join().destination()).isEqualTo("parcel-shipped");
    }

    @Test
    @DisplayName("the handler receives the event, its headers and a context without partition or offset")
    void passesEventAndContext() {
        EventBackend backend = backend();
        List<Object[]> seen = new CopyOnWriteArrayList<>();
        backend.createSubscriber().subscribe("audit", ParcelShipped.class, (event, ctx) -> seen.add(new Object[] {event, ctx}));
        ParcelShipped event = parcel("p-2");

        backend.createPublisher().publish(event, Map.of("traceparent", TRACE, "tenant", "acme")).join();

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)[0]).isSameAs(event);
        EventContext ctx = (EventContext) seen.get(0)[1];
        assertThat(ctx.eventId()).isEqualTo(event.eventId());
        assertThat(ctx.eventType()).isEqualTo("ParcelShipped");
        assertThat(ctx.destination()).isEqualTo("parcel-shipped");
        assertThat(ctx.subscription()).isEqualTo("audit");
        assertThat(ctx.attempt()).isEqualTo(1);
        assertThat(ctx.partition()).isEmpty();
        assertThat(ctx.offset()).isEmpty();
        assertThat(ctx.headers()).containsEntry("traceparent", TRACE).containsEntry("tenant", "acme");
    }

    @Test
    @DisplayName("a failing handler is retried in line, in the caller's thread, and the publish succeeds once it returns")
    void retriesInLine() {
        EventBackend backend = backend();
        List<String> attempts = new CopyOnWriteArrayList<>();
        backend.createSubscriber().subscribe(SubscriptionRequest.of("flaky", ParcelShipped.class, (event, ctx) -> {
            attempts.add(ctx.attempt() + "@" + Thread.currentThread().getName());
            if (ctx.attempt() < 3) {
                throw new IllegalStateException("warehouse offline");
            }
        }).withErrorPolicy(FAST_RETRIES));

        CompletableFuture<PublishReceipt> future = backend.createPublisher().publish(parcel("p-3"));

        String me = Thread.currentThread().getName();
        assertThat(attempts).containsExactly("1@" + me, "2@" + me, "3@" + me);
        assertThat(future).isCompleted();
        assertThat(backend.deadLetters().list("parcel-shipped")).isEmpty();
    }

    @Test
    @DisplayName("after exhaustion the publish fails naming every failed subscription, the others still run, and each failure is dead-lettered")
    void exhaustedHandlersFailThePublishAndAreDeadLettered() {
        EventBackend backend = backend();
        EventSubscriber subscriber = backend.createSubscriber();
        List<String> handled = new CopyOnWriteArrayList<>();
        subscriber.subscribe(SubscriptionRequest.of("payment", ParcelShipped.class, (event, ctx) -> {
            throw new IllegalStateException("card declined");
        }).withErrorPolicy(FAST_RETRIES.withMaxAttempts(2)));
        subscriber.subscribe("email", ParcelShipped.class, (event, ctx) -> handled.add("email"));
        subscriber.subscribe(SubscriptionRequest.of("fraud", ParcelShipped.class, (event, ctx) -> {
            throw new NonRetryableException("rule engine rejected the parcel");
        }).withErrorPolicy(FAST_RETRIES));
        subscriber.subscribe("shipping", ParcelShipped.class, (event, ctx) -> handled.add("shipping"));
        ParcelShipped event = parcel("p-4");

        Throwable failure = failureOf(backend.createPublisher().publish(event, Map.of("traceparent", TRACE)));

        assertThat(handled).containsExactly("email", "shipping");
        assertThat(failure).isInstanceOf(HandlersFailedException.class)
                .hasMessage("Publishing ParcelShipped " + event.eventId() + " to 'parcel-shipped' failed: handler(s) of "
                        + "[payment, fraud] failed after their error policy; the event is in the dead letters of each")
                .hasCauseInstanceOf(IllegalStateException.class);
        HandlersFailedException handlersFailed = (HandlersFailedException) failure;
        assertThat(handlersFailed.failedSubscriptions()).containsExactly("payment", "fraud");
        assertThat(handlersFailed.eventId()).isEqualTo(event.eventId());
        assertThat(handlersFailed.getSuppressed()).singleElement().isInstanceOf(NonRetryableException.class);

        List<DeadLetter> deadLetters = backend.deadLetters().list("parcel-shipped");
        assertThat(deadLetters).hasSize(2);
        DeadLetter payment = deadLetters.get(0);
        assertThat(payment.subscription()).isEqualTo("payment");
        assertThat(payment.eventId()).isEqualTo(event.eventId());
        assertThat(payment.event()).isSameAs(event);
        assertThat(payment.exceptionType()).isEqualTo(IllegalStateException.class.getName());
        assertThat(payment.reason()).isEqualTo("card declined");
        assertThat(payment.attempts()).isEqualTo(2);
        assertThat(payment.headers()).containsEntry("traceparent", TRACE);
        DeadLetter fraud = deadLetters.get(1);
        assertThat(fraud.subscription()).isEqualTo("fraud");
        assertThat(fraud.exceptionType()).isEqualTo(NonRetryableException.class.getName());
        assertThat(fraud.reason()).isEqualTo("rule engine rejected the parcel");
        assertThat(fraud.attempts()).isEqualTo(1);
    }

    @Test
    @DisplayName("subscriptions with different names each receive every event; the same name shares them in turn")
    void fanOutAndCompetingConsumers() {
        EventBackend backend = backend();
        EventSubscriber subscriber = backend.createSubscriber();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        List<String> audit = new CopyOnWriteArrayList<>();
        subscriber.subscribe("picking", ParcelShipped.class, (event, ctx) -> first.add(event.eventId()));
        subscriber.subscribe("audit", ParcelShipped.class, (event, ctx) -> audit.add(event.eventId()));
        subscriber.subscribe("picking", ParcelShipped.class, (event, ctx) -> second.add(event.eventId()));
        EventPublisher publisher = backend.createPublisher();
        List<String> published = new ArrayList<>();

        for (int i = 0; i < 6; i++) {
            ParcelShipped event = parcel("p-" + i);
            published.add(event.eventId());
            publisher.publish(event).join();
        }

        assertThat(audit).containsExactlyElementsOf(published);
        assertThat(first).containsExactly(published.get(0), published.get(2), published.get(4));
        assertThat(second).containsExactly(published.get(1), published.get(3), published.get(5));
    }

    @Test
    @DisplayName("while a subscription is paused the publisher waits in line; resuming lets the waiting publish through")
    void pauseHoldsThePublisherUntilResume() throws Exception {
        EventBackend backend = backend();
        List<String> handled = new CopyOnWriteArrayList<>();
        Subscription subscription = backend.createSubscriber()
                .subscribe("billing", ParcelShipped.class, (event, ctx) -> handled.add(event.eventId()));
        subscription.pause();
        ParcelShipped event = parcel("p-5");

        CompletableFuture<PublishReceipt> publishing = CompletableFuture.supplyAsync(
                () -> backend.createPublisher().publish(event).join(), threads);
        await().atMost(TIMEOUT).until(() -> subscription.lag().total() == 1);
        assertThat(subscription.isPaused()).isTrue();
        assertThat(handled).isEmpty();
        assertThat(publishing).isNotDone();

        subscription.resume();

        assertThat(publishing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).eventId()).isEqualTo(event.eventId());
        assertThat(handled).containsExactly(event.eventId());
        assertThat(subscription.lag().total()).isZero();
    }

    @Test
    @DisplayName("a subscription paused longer than the pause timeout gets the event dead-lettered and the publish fails")
    void pauseTimeoutDeadLetters() {
        EventBackend backend = backend(Duration.ofMillis(50));
        List<String> handled = new CopyOnWriteArrayList<>();
        Subscription subscription = backend.createSubscriber()
                .subscribe("billing", ParcelShipped.class, (event, ctx) -> handled.add(event.eventId()));
        subscription.pause();
        ParcelShipped event = parcel("p-6");

        Throwable failure = failureOf(backend.createPublisher().publish(event));

        assertThat(failure).isInstanceOf(HandlersFailedException.class).hasCauseInstanceOf(TimeoutException.class);
        assertThat(((HandlersFailedException) failure).failedSubscriptions()).containsExactly("billing");
        assertThat(handled).isEmpty();
        DeadLetter deadLetter = backend.deadLetters().list("parcel-shipped").get(0);
        assertThat(deadLetter.attempts()).isZero();
        assertThat(deadLetter.reason()).isEqualTo("Subscription 'billing' stayed paused for PT0.05S, so the event was "
                + "not handled. Resume the subscription sooner or raise eventport.direct.pause.timeout.");
    }

    @Test
    @DisplayName("a paused member of a shared subscription is passed over for one that is not paused")
    void pausedMemberIsPassedOver() {
        EventBackend backend = backend();
        EventSubscriber subscriber = backend.createSubscriber();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        subscriber.subscribe("picking", ParcelShipped.class, (event, ctx) -> first.add(event.eventId())).pause();
        subscriber.subscribe("picking", ParcelShipped.class, (event, ctx) -> second.add(event.eventId()));

        backend.createPublisher().publish(parcel("p-7")).join();
        backend.createPublisher().publish(parcel("p-8")).join();

        assertThat(first).isEmpty();
        assertThat(second).hasSize(2);
    }

    @Test
    @DisplayName("publisher close is idempotent and a publish after it fails with PublisherClosedException")
    void publishAfterClose() {
        EventBackend backend = backend();
        List<String> handled = new CopyOnWriteArrayList<>();
        backend.createSubscriber().subscribe("billing", ParcelShipped.class, (event, ctx) -> handled.add(event.eventId()));
        EventPublisher publisher = backend.createPublisher();
        publisher.close();
        publisher.close();
        ParcelShipped event = parcel("p-9");

        Throwable failure = failureOf(publisher.publish(event));

        assertThat(failure).isInstanceOf(PublisherClosedException.class).hasMessage("Publishing ParcelShipped "
                + event.eventId() + " to 'parcel-shipped' failed: the publisher is closed. Publish through an open "
                + "publisher (EventBackend.createPublisher())");
        assertThat(handled).isEmpty();
    }

    @Test
    @DisplayName("closing the backend closes its publishers and subscriptions; closing twice is harmless")
    void backendCloseClosesEverything() {
        EventBackend backend = backend();
        List<String> handled = new CopyOnWriteArrayList<>();
        EventPublisher publisher = backend.createPublisher();
        backend.createSubscriber().subscribe("billing", ParcelShipped.class, (event, ctx) -> handled.add(event.eventId()));

        backend.close();
        backend.close();

        assertThat(failureOf(publisher.publish(parcel("p-10")))).isInstanceOf(PublisherClosedException.class);
        assertThat(handled).isEmpty();
        assertThatThrownBy(backend::createPublisher).hasMessageContaining("The direct backend is closed");
    }

    @Test
    @DisplayName("closing a subscription while its handler runs in another thread waits for it, then no handler is called")
    void closeWhileHandlerRuns() throws Exception {
        EventBackend backend = backend();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Subscription subscription = backend.createSubscriber().subscribe("slow", ParcelShipped.class, (event, ctx) -> {
            calls.incrementAndGet();
            started.countDown();
            assertThat(release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        });
        EventPublisher publisher = backend.createPublisher();
        CompletableFuture<PublishReceipt> publishing = CompletableFuture.supplyAsync(() -> publisher.publish(parcel("p-11")).join(), threads);
        assertThat(started.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closing = CompletableFuture.runAsync(subscription::close, threads);
        assertThat(closing).isNotDone();
        release.countDown();

        closing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(publishing.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNotNull();
        publisher.publish(parcel("p-12")).join();
        assertThat(calls).hasValue(1);
        subscription.close();
    }

    @Test
    @DisplayName("a handler may close its own subscription without waiting for itself")
    void handlerClosesItsOwnSubscription() {
        EventBackend backend = backend();
        AtomicInteger calls = new AtomicInteger();
        Subscription[] self = new Subscription[1];
        self[0] = backend.createSubscriber().subscribe("once", ParcelShipped.class, (event, ctx) -> {
            calls.incrementAndGet();
            self[0].close();
        });
        EventPublisher publisher = backend.createPublisher();

        publisher.publish(parcel("p-13")).join();
        publisher.publish(parcel("p-14")).join();

        assertThat(calls).hasValue(1);
    }

    @Test
    @DisplayName("closing a subscription during a retry backoff dead-letters the event at once instead of retrying")
    void closeDuringBackoffDeadLetters() throws Exception {
        EventBackend backend = backend();
        CountDownLatch failedOnce = new CountDownLatch(1);
        Subscription subscription = backend.createSubscriber().subscribe(SubscriptionRequest.of("slow-retry",
                ParcelShipped.class, (ParcelShipped event, EventContext ctx) -> {
                    failedOnce.countDown();
                    throw new IllegalStateException("down");
                }).withErrorPolicy(ErrorPolicy.defaults().withBackoff(Duration.ofMinutes(5), 1.0, Duration.ofMinutes(5))));
        CompletableFuture<PublishReceipt> publishing = CompletableFuture.supplyAsync(
                () -> backend.createPublisher().publish(parcel("p-15")).join(), threads);
        assertThat(failedOnce.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        subscription.close();

        assertThat(publishing).failsWithin(TIMEOUT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingRootCause().isInstanceOf(IllegalStateException.class);
        DeadLetter deadLetter = backend.deadLetters().list("parcel-shipped").get(0);
        assertThat(deadLetter.attempts()).isEqualTo(1);
        assertThat(deadLetter.reason()).isEqualTo("down (not retried: the subscription was closed before attempt 2)");
    }

    @Test
    @DisplayName("a handler may publish further events; they are handled before the outer publish returns")
    void nestedPublish() {
        EventBackend backend = backend();
        EventPublisher publisher = backend.createPublisher();
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        EventSubscriber subscriber = backend.createSubscriber();
        subscriber.subscribe("relay", ParcelShipped.class, (event, ctx) -> {
            calls.add("shipped " + event.parcelId());
            publisher.publish(new ParcelLost("lost-" + event.eventId(), Instant.now(), event.parcelId())).join();
        });
        subscriber.subscribe("claims", ParcelLost.class, (event, ctx) -> calls.add("lost " + event.parcelId()));

        publisher.publish(parcel("p-16")).join();

        assertThat(calls).containsExactly("shipped p-16", "lost p-16");
    }

    @Test
    @DisplayName("nothing is kept: a subscription starting from earliest sees no history, and rewind is unsupported")
    void noHistory() {
        EventBackend backend = backend();
        backend.createPublisher().publish(parcel("p-17")).join();
        List<String> handled = new CopyOnWriteArrayList<>();
        Subscription subscription = backend.createSubscriber().subscribe(SubscriptionRequest.of("late", ParcelShipped.class,
                (ParcelShipped event, EventContext ctx) -> handled.add(event.eventId()))
                .withStartPosition(StartPosition.earliest()));

        assertThat(handled).isEmpty();
        assertThat(subscription.lag().total()).isZero();
        assertThatThrownBy(() -> subscription.rewind(StartPosition.earliest()))
                .isInstanceOf(UnsupportedCapabilityException.class)
                .hasMessage("The 'direct' backend does not support REPLAY (a subscription can be rewound to the beginning "
                        + "or to a time). Direct calls keep no history to replay. Use the inmemory or kafka backend to "
                        + "rewind subscription 'late'.");
    }

    @Test
    @DisplayName("an event of another type sharing the destination is dead-lettered for the subscription, never cast")
    void wrongTypeOnSharedDestination() {
        DirectEventBackend backend = new DirectEventBackend(DirectConfig.defaults(), DestinationNaming.kebabCase()
                .withOverrides(Map.of("ParcelLost", "parcel-shipped")));
        backends.add(backend);
        List<String> handled = new CopyOnWriteArrayList<>();
        backend.createSubscriber().subscribe("tracking", ParcelShipped.class, (event, ctx) -> handled.add(event.eventId()));

        Throwable failure = failureOf(backend.createPublisher().publish(new ParcelLost("lost-1", Instant.now(), "p-18")));

        assertThat(failure).isInstanceOf(HandlersFailedException.class).hasCauseInstanceOf(UndecodableEventException.class);
        assertThat(handled).isEmpty();
        assertThat(backend.deadLetters().list("parcel-shipped")).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.attempts()).isZero();
            assertThat(deadLetter.reason()).isEqualTo("ParcelLost lost-1 on 'parcel-shipped' cannot be handled by "
                    + "subscription 'tracking', which expects " + ParcelShipped.class.getName() + ". Give the two event "
                    + "types distinct destinations (eventport.destination.<SimpleClassName>).");
        });
    }

    @Test
    @DisplayName("MessagingBackends finds the direct backend by name and rejects unknown eventport.direct keys")
    void providerIsDiscoveredAndValidatesKeys() {
        try (EventBackend backend = MessagingBackends.load(EventportConfig.of(Map.of("eventport.backend", "direct",
                DirectConfig.PAUSE_TIMEOUT, "2s")))) {
            assertThat(backend.name()).isEqualTo("direct");
            assertThat(backend.capabilities()).isEqualTo(DirectEventBackend.CAPABILITIES);
        }
        assertThatThrownBy(() -> MessagingBackends.load(EventportConfig.of(Map.of("eventport.backend", "direct",
                "eventport.direct.pause.timout", "2s"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown configuration key 'eventport.direct.pause.timout' (from explicit configuration) for "
                        + "the direct backend. Did you mean 'eventport.direct.pause.timeout'? Known keys: eventport.direct.close.timeout, eventport.direct.deadletters.max, "
                        + "eventport.direct.pause.timeout.");
        assertThatThrownBy(() -> MessagingBackends.load(EventportConfig.of(Map.of("eventport.backend", "direct",
                DirectConfig.CLOSE_TIMEOUT, "soon"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value 'soon' for configuration key 'eventport.direct.close.timeout' (from explicit "
                        + "configuration): expected a zero or positive duration like 500ms, 5s, 2m, 1h or PT5S.");
        assertThatThrownBy(() -> DirectConfig.from(EventportConfig.of(Map.of(DirectConfig.DEAD_LETTERS_MAX, "0"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value '0' for configuration key 'eventport.direct.deadletters.max' (from explicit "
                        + "configuration): expected a whole number of at least 1.");
    }
}

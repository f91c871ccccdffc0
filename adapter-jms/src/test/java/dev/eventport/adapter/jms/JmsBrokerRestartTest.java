package dev.eventport.adapter.jms;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.idempotency.IdempotentHandler;
import dev.eventport.ports.idempotency.InMemoryProcessedEvents;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.contract.ContractEvent;
import dev.eventport.testkit.local.ReliabilityReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Broker outages: the shared embedded broker is stopped or restarted while the backend works. The restart test
 * writes its figures to {@code target/reliability/jms-broker-restart-<mode>.json} and {@code .md}.
 */
@ExtendWith(EmbeddedArtemisExtension.class)
class JmsBrokerRestartTest {

    private static final int EVENTS = 50_000;
    private static final int IN_FLIGHT = 500;
    private static final Duration DEADLINE = Duration.ofSeconds(180);

    private final EmbeddedArtemis broker;

    JmsBrokerRestartTest(EmbeddedArtemis broker) {
        this.broker = broker;
    }

    @ParameterizedTest
    @EnumSource(JmsConfig.Mode.class)
    void noPersistentEventIsLostAndEveryDuplicateIsAbsorbedWhenTheBrokerRestartsWhileFiftyThousandFlow(JmsConfig.Mode mode)
            throws Exception {
        String destination = JmsTesting.uniqueDestination("restart-" + mode.key());
        Set<String> processed = ConcurrentHashMap.newKeySet();
        AtomicInteger sideEffects = new AtomicInteger();
        Set<String> confirmed = ConcurrentHashMap.newKeySet();
        AtomicInteger failedPublishes = new AtomicInteger();
        AtomicLong lastProcessedNanos = new AtomicLong();
        BlockingQueue<ContractEvent> toPublish = new LinkedBlockingQueue<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            ContractEvent event = ContractEvent.of("key-" + (i % 50), i / 50);
            toPublish.add(event);
            ids.add(event.eventId());
        }
        AtomicBoolean stop = new AtomicBoolean();
        long begin = System.nanoTime();
        IdempotentHandler<ContractEvent> handler = IdempotentHandler.wrap((event, context) -> {
            sideEffects.incrementAndGet();
            processed.add(event.eventId());
            lastProcessedNanos.set(System.nanoTime());
        }, new InMemoryProcessedEvents(EVENTS * 2));
        ReliabilityReport report = ReliabilityReport.named("jms-broker-restart-" + mode.key());
        try (EventBackend backend = JmsTesting.open(broker, mode, destination, Map.of(JmsConfig.SEND_TIMEOUT, "3s"));
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("restart-proof", ContractEvent.class, handler).withConsumers(2));
            Semaphore window = new Semaphore(IN_FLIGHT);
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                while (!stop.get() && confirmed.size() < EVENTS) {
                    ContractEvent event = poll(toPublish);
                    if (event != null) {
                        window.acquireUninterruptibly();
                        publisher.publish(event).whenComplete((receipt, failure) -> {
                            window.release();
                            if (failure == null) {
                                confirmed.add(event.eventId());
                            } else {
                                failedPublishes.incrementAndGet();
                                toPublish.add(event);
                            }
                        });
                    }
                }
            });

            await().atMost(DEADLINE).until(() -> confirmed.size() >= EVENTS * 3 / 10);
            int processedBeforeRestart = processed.size();
            long restartBegin = System.nanoTime();
            Duration down = broker.restart();
            await().atMost(DEADLINE).until(() -> lastProcessedNanos.get() > restartBegin + down.toNanos());
            Duration recovered = Duration.ofNanos(lastProcessedNanos.get() - restartBegin);

            await().atMost(DEADLINE).until(() -> confirmed.size() == EVENTS && processed.containsAll(ids));
            stop.set(true);
            publishing.get(30, SECONDS);
            double seconds = (System.nanoTime() - begin) / 1e9;
            report.put("mode", mode.key()).put("published", confirmed.size()).put("processed", processed.size())
                    .put("lost", EVENTS - processed.size()).put("duplicatesAbsorbed", handler.duplicatesSkipped())
                    .put("sideEffectsRepeated", sideEffects.get() - processed.size())
                    .put("processedBeforeRestart", processedBeforeRestart).put("brokerDown", down)
                    .put("timeToRecover", recovered).put("publishesFailedAndRepeated", failedPublishes.get())
                    .put("seconds", Math.round(seconds * 10) / 10.0).write();
        } finally {
            stop.set(true);
        }
        assertThat(processed).hasSize(EVENTS);
        assertThat(sideEffects.get()).as("every duplicate delivery was absorbed by the idempotent handler").isEqualTo(EVENTS);
    }

    @Test
    void whileTheBrokerIsDownLagAnswersAtOncePublishFailsInTimeAndDeliveriesResumeAfterwards() throws Exception {
        String destination = JmsTesting.uniqueDestination("outage");
        Set<String> received = ConcurrentHashMap.newKeySet();
        try (EventBackend backend = JmsTesting.open(broker, JmsConfig.Mode.TOPIC, destination,
                Map.of(JmsConfig.SEND_TIMEOUT, "1s"));
             EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            Subscription subscription = subscriber.subscribe("outage-proof", ContractEvent.class,
                    (event, context) -> received.add(event.eventId()));
            ContractEvent before = ContractEvent.of("k", 0);
            publisher.publish(before).get(30, SECONDS);
            await().atMost(DEADLINE).until(() -> received.contains(before.eventId()));

            broker.stop();
            try {
                ConsumerLag lag = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                    subscription.lag();
                    return subscription.lag();
                });
                assertThat(lag.total()).isZero();
                CompletableFuture<?> duringOutage = publisher.publish(ContractEvent.of("k", 1));
                ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> duringOutage.get(30, SECONDS));
                assertThat(failure.getCause()).isInstanceOf(PublishFailedException.class)
                        .hasMessageContaining("to '" + destination + "' failed");
            } finally {
                broker.startAgain();
            }

            ContractEvent after = ContractEvent.of("k", 2);
            await().atMost(DEADLINE).ignoreExceptions().until(() -> {
                publisher.publish(after).get(5, SECONDS);
                return true;
            });
            await().atMost(DEADLINE).until(() -> received.contains(after.eventId()));
        }
    }

    private static ContractEvent poll(BlockingQueue<ContractEvent> queue) {
        try {
            return queue.poll(50, MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

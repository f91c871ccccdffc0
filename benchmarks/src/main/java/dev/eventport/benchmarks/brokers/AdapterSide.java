package dev.eventport.benchmarks.brokers;

import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.spi.WireAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * eventport's side: a backend loaded from configuration by {@link MessagingBackends}, exactly as an application
 * would, with the destination of {@link OrderCreated} set per step.
 */
final class AdapterSide implements Side {

    private final Map<String, String> config;
    private final AtomicInteger subscriptions = new AtomicInteger();

    /** A side that opens backends with {@code config} (the backend, its URL and its client settings). */
    AdapterSide(Map<String, String> config) {
        this.config = Map.copyOf(config);
    }

    /** A side with this configuration and {@code eventport.wire.attributes=none}: key (or group) and body only. */
    AdapterSide withoutAttributes() {
        Map<String, String> lean = new HashMap<>(config);
        lean.put(WireAttributes.KEY, WireAttributes.NONE.key());
        return new AdapterSide(lean);
    }

    @Override
    public String name() {
        return config.getOrDefault(WireAttributes.KEY, "").equals(WireAttributes.NONE.key()) ? "eventport without attributes"
                : "eventport";
    }

    private EventBackend open(String destination) {
        Map<String, String> keys = new HashMap<>(config);
        keys.put(DestinationNaming.OVERRIDE_PREFIX + OrderCreated.class.getSimpleName(), destination);
        return MessagingBackends.load(EventportConfig.of(keys));
    }

    @Override
    public long publish(String destination, OrderCreated[] events, int count, Duration timeout) throws Exception {
        try (EventBackend backend = open(destination); EventPublisher publisher = backend.createPublisher()) {
            CountDownLatch confirmed = new CountDownLatch(count);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                publisher.publish(events[i % events.length]).whenComplete((receipt, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    confirmed.countDown();
                });
            }
            if (!confirmed.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("eventport publish to " + destination + ": " + confirmed.getCount() + " of " + count
                        + " events unconfirmed after " + timeout);
            }
            long elapsed = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("eventport publish to " + destination + " failed", failure.get());
            }
            return elapsed;
        }
    }

    @Override
    public long consume(String destination, int count, int consumers, Duration timeout) throws Exception {
        Arrivals arrivals = new Arrivals(false);
        try (EventBackend backend = open(destination); EventSubscriber subscriber = backend.createSubscriber()) {
            // a subscription name (Kafka consumer group) of its own, so that a destination can be read more than once
            SubscriptionRequest<OrderCreated> request = SubscriptionRequest.of("bench-consume-" + subscriptions.incrementAndGet(),
                    OrderCreated.class, (order, context) -> arrivals.arrived()).withConsumers(consumers);
            if (consumers == 1) {
                subscriber.subscribe(request.withStartPosition(StartPosition.earliest()));
            } else {
                // subscribe returns once every consumer has its partitions: the group has formed, then the rewind
                // starts the reading, so that the timed read has no rebalance in it
                subscriber.subscribe(request.withStartPosition(StartPosition.latest())).rewind(StartPosition.earliest());
            }
            return arrivals.awaitCount(count, timeout, "eventport consume from " + destination);
        }
    }

    @Override
    public Histogram latency(String destination, OrderCreated[] events, int warmups, int samples, Duration timeout)
            throws Exception {
        Arrivals arrivals = new Arrivals(true);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        try (EventBackend backend = open(destination); EventSubscriber subscriber = backend.createSubscriber();
             EventPublisher publisher = backend.createPublisher()) {
            subscriber.subscribe(SubscriptionRequest.of("bench-latency", OrderCreated.class,
                    (order, context) -> arrivals.arrived()).withStartPosition(StartPosition.earliest()));
            for (int i = 0; i < warmups + samples; i++) {
                long sent = System.nanoTime();
                publisher.publish(events[i % events.length]);
                long arrived = arrivals.awaitNext(timeout, "eventport latency on " + destination);
                if (i >= warmups) {
                    histogram.recordValue(Math.max(1, (arrived - sent) / 1_000));
                }
            }
        }
        return histogram;
    }

    @Override
    public void close() {
        // every step opens and closes its own backend
    }
}

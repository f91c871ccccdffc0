package dev.eventport.examples.comparison;

import dev.eventport.ports.Subscription;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples {@link Subscription#lag()} of a set of subscriptions every 50 ms and keeps the largest total seen. */
final class LagSampler implements AutoCloseable {

    private final List<Subscription> subscriptions;
    private final AtomicLong max = new AtomicLong(-1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "eventport-lag-sampler");
        t.setDaemon(true);
        return t;
    });

    LagSampler(List<Subscription> subscriptions) {
        this.subscriptions = List.copyOf(subscriptions);
        timer.scheduleAtFixedRate(this::sample, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        for (Subscription subscription : subscriptions) {
            try {
                long total = subscription.lag().total();
                max.accumulateAndGet(total, Math::max);
            } catch (RuntimeException e) {
                // this backend cannot report lag for this subscription: it stays "not measurable" (-1)
            }
        }
    }

    /** The largest backlog seen on any subscription, or -1 if no subscription reported its lag. */
    long maxBacklog() {
        sample();
        return max.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

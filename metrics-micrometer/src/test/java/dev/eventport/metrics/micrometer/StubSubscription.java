package dev.eventport.metrics.micrometer;

import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A subscription whose lag the test sets. */
final class StubSubscription implements Subscription {

    private final String name;
    private final String destination;
    private volatile ConsumerLag lag = ConsumerLag.of(Map.of(0, 0L));

    StubSubscription(String name, String destination) {
        this.name = name;
        this.destination = destination;
    }

    void lag(long total, Optional<Duration> oldestAge) {
        lag = ConsumerLag.of(Map.of(0, total), oldestAge);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String destination() {
        return destination;
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public boolean isPaused() {
        return false;
    }

    @Override
    public void rewind(StartPosition position) {
        throw new UnsupportedOperationException("not needed by the metrics tests");
    }

    @Override
    public ConsumerLag lag() {
        return lag;
    }

    @Override
    public void close() {
    }
}

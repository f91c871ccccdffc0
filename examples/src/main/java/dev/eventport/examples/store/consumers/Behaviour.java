package dev.eventport.examples.store.consumers;

import dev.eventport.examples.store.SeededChance;
import java.time.Duration;

/**
 * How a downstream service behaves: how long it takes per event and how often it fails.
 *
 * <p>Contract: a service that is {@code down} fails every event; otherwise it fails a delivery with probability
 * {@code failureRate}, decided from the order id, the attempt and a seed, so the same seed fails the same deliveries
 * (and a duplicate delivery of an order fails exactly like the original).
 *
 * @param latency     time spent per event
 * @param failureRate share of events that fail, 0 to 1
 * @param down        whether every call fails
 * @param seed        what decides which events fail
 */
public record Behaviour(Duration latency, double failureRate, boolean down, long seed) {

    /** Validates the values. */
    public Behaviour {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("Behaviour.latency must be zero or positive, but was " + latency);
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("Behaviour.failureRate must be between 0 and 1, but was " + failureRate);
        }
    }

    /** A healthy service taking {@code latency} per event. */
    public static Behaviour healthy(Duration latency) {
        return new Behaviour(latency, 0, false, 0);
    }

    /** This behaviour, {@code factor} times slower. */
    public Behaviour slowerBy(int factor) {
        return new Behaviour(latency.multipliedBy(factor), failureRate, down, seed);
    }

    /** This behaviour, but failing every call. */
    public Behaviour asDown() {
        return new Behaviour(latency, failureRate, true, seed);
    }

    /** This behaviour, failing the given share of events as decided by {@code failureSeed}. */
    public Behaviour failing(double rate, long failureSeed) {
        return new Behaviour(latency, rate, down, failureSeed);
    }

    /** Whether the delivery of the order {@code orderId} at this attempt fails. */
    boolean fails(String orderId, int attempt) {
        if (down) {
            return true;
        }
        if (failureRate == 0) {
            return false;
        }
        return SeededChance.of(orderId, seed, attempt) < failureRate;
    }
}

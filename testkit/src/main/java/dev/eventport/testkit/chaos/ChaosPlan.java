package dev.eventport.testkit.chaos;

import java.time.Duration;
import java.util.Objects;

/**
 * Which faults a {@link ChaosBackend} injects, how often, and from which seed. Immutable; {@code with*} methods
 * return copies.
 *
 * <p>Contract: every decision is a pure function of the seed, the fault point (publish or a subscription's
 * delivery), the event id and the occurrence of that point for that event, so the same seed and workload replay
 * the same faults whatever the threads do. Per delivery at most one of duplicate, crash before the effect, crash
 * after the effect and delay is chosen, with the given probabilities; per publish at most one publish failure
 * (failed future, thrown, lost acknowledgement, in equal shares). No event suffers more than
 * {@code maxFaultsPerEvent} crashes per subscription nor more than that many publish failures, so a consumer
 * whose error policy allows {@code maxFaultsPerEvent + 1} attempts, and a publisher that retries as often,
 * always get through.
 *
 * @param seed               the seed every decision derives from
 * @param duplicateRate      probability that a delivery is followed by a duplicate delivery
 * @param crashBeforeRate    probability that a delivery crashes before the handler's side effect
 * @param crashAfterRate     probability that a delivery crashes after the handler's side effect
 * @param delayRate          probability that a delivery is delayed
 * @param maxDelay           the longest injected delay (delays are 1 ms to this)
 * @param publishFailureRate probability that a publish fails
 * @param maxFaultsPerEvent  the most crashes per event and subscription, and the most publish failures per event
 */
public record ChaosPlan(long seed, double duplicateRate, double crashBeforeRate, double crashAfterRate, double delayRate,
                        Duration maxDelay, double publishFailureRate, int maxFaultsPerEvent) {

    /** Validates the rates (each 0 to 1, the delivery rates together at most 1), the delay and the cap. */
    public ChaosPlan {
        requireRate(duplicateRate, "duplicateRate");
        requireRate(crashBeforeRate, "crashBeforeRate");
        requireRate(crashAfterRate, "crashAfterRate");
        requireRate(delayRate, "delayRate");
        requireRate(publishFailureRate, "publishFailureRate");
        if (duplicateRate + crashBeforeRate + crashAfterRate + delayRate > 1.0) {
            throw new IllegalArgumentException("The delivery fault rates must add up to at most 1, but duplicate "
                    + duplicateRate + " + crash before " + crashBeforeRate + " + crash after " + crashAfterRate + " + delay "
                    + delayRate + " do not");
        }
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("maxDelay must be positive, but was " + maxDelay);
        }
        if (maxFaultsPerEvent < 0) {
            throw new IllegalArgumentException("maxFaultsPerEvent must not be negative, but was " + maxFaultsPerEvent);
        }
    }

    /**
     * A plan from {@code seed} with moderate rates: 5% duplicates, 5% crashes before and 5% after the effect,
     * 5% delays of up to 20 ms, 10% publish failures, at most 2 faults of a kind per event.
     */
    public static ChaosPlan seeded(long seed) {
        return new ChaosPlan(seed, 0.05, 0.05, 0.05, 0.05, Duration.ofMillis(20), 0.10, 2);
    }

    /** {@link #seeded(long)} with the seed's value. */
    public static ChaosPlan seeded(ChaosSeed seed) {
        return seeded(seed.value());
    }

    /** This plan with another duplicate-delivery rate. */
    public ChaosPlan withDuplicates(double rate) {
        return new ChaosPlan(seed, rate, crashBeforeRate, crashAfterRate, delayRate, maxDelay, publishFailureRate, maxFaultsPerEvent);
    }

    /** This plan with other crash rates, before and after the handler's side effect. */
    public ChaosPlan withCrashes(double beforeEffect, double afterEffect) {
        return new ChaosPlan(seed, duplicateRate, beforeEffect, afterEffect, delayRate, maxDelay, publishFailureRate, maxFaultsPerEvent);
    }

    /** This plan with another delay rate and longest delay. */
    public ChaosPlan withDelays(double rate, Duration longest) {
        return new ChaosPlan(seed, duplicateRate, crashBeforeRate, crashAfterRate, rate, longest, publishFailureRate, maxFaultsPerEvent);
    }

    /** This plan with another publish-failure rate. */
    public ChaosPlan withPublishFailures(double rate) {
        return new ChaosPlan(seed, duplicateRate, crashBeforeRate, crashAfterRate, delayRate, maxDelay, rate, maxFaultsPerEvent);
    }

    /** This plan with another cap on crashes and publish failures per event. */
    public ChaosPlan withMaxFaultsPerEvent(int max) {
        return new ChaosPlan(seed, duplicateRate, crashBeforeRate, crashAfterRate, delayRate, maxDelay, publishFailureRate, max);
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, but was " + rate);
        }
    }
}

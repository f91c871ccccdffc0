package dev.eventport.ports;

import dev.eventport.domain.InvalidDomainDataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a subscription does when its handler throws: retry with exponential backoff, then dead-letter.
 *
 * <p>Contract: a delivery is attempted at most {@link #maxAttempts()} times; after failed attempt {@code n} the
 * next one waits {@code min(maxDelay, initialDelay * multiplier^(n-1))}; an exception that is, or is caused by,
 * one of {@link #nonRetryable()} is dead-lettered after its first attempt. After the last attempt the event is
 * dead-lettered with the reason and the attempt count, never dropped. Backends wait for a retry without blocking
 * other partitions or consumers.
 *
 * @param maxAttempts  total attempts including the first, at least 1
 * @param initialDelay wait before the second attempt
 * @param multiplier   growth of the wait per attempt, at least 1.0
 * @param maxDelay     the longest wait between two attempts
 * @param nonRetryable exception types dead-lettered at once
 */
public record ErrorPolicy(int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay,
                          List<Class<? extends Throwable>> nonRetryable) {

    private static final List<Class<? extends Throwable>> ALWAYS_NON_RETRYABLE = List.of(
            NonRetryableException.class, UndecodableEventException.class, InvalidDomainDataException.class);

    /** Validates every field; the message names the field and the value. */
    public ErrorPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("ErrorPolicy.maxAttempts must be at least 1, but was " + maxAttempts);
        }
        requireNotNegative(initialDelay, "initialDelay");
        requireNotNegative(maxDelay, "maxDelay");
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("ErrorPolicy.multiplier must be a finite number >= 1.0, but was " + multiplier);
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("ErrorPolicy.maxDelay (" + maxDelay + ") must not be shorter than initialDelay ("
                    + initialDelay + ")");
        }
        List<Class<? extends Throwable>> all = new ArrayList<>(ALWAYS_NON_RETRYABLE);
        for (Class<? extends Throwable> type : Objects.requireNonNull(nonRetryable, "ErrorPolicy.nonRetryable")) {
            if (!all.contains(type)) {
                all.add(type);
            }
        }
        nonRetryable = List.copyOf(all);
    }

    private static void requireNotNegative(Duration value, String field) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("ErrorPolicy." + field + " must be zero or positive, but was " + value);
        }
    }

    /** Three attempts, waiting 100 ms then 200 ms, at most 5 s; then dead-letter. */
    public static ErrorPolicy defaults() {
        return new ErrorPolicy(3, Duration.ofMillis(100), 2.0, Duration.ofSeconds(5), List.of());
    }

    /** One attempt, then dead-letter. */
    public static ErrorPolicy noRetries() {
        return new ErrorPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, List.of());
    }

    /** This policy with another number of attempts. */
    public ErrorPolicy withMaxAttempts(int attempts) {
        return new ErrorPolicy(attempts, initialDelay, multiplier, maxDelay, nonRetryable);
    }

    /** This policy with another backoff. */
    public ErrorPolicy withBackoff(Duration initial, double factor, Duration max) {
        return new ErrorPolicy(maxAttempts, initial, factor, max, nonRetryable);
    }

    /** This policy with more exception types that are dead-lettered without retry. */
    @SafeVarargs
    public final ErrorPolicy withNonRetryable(Class<? extends Throwable>... types) {
        List<Class<? extends Throwable>> all = new ArrayList<>(nonRetryable);
        all.addAll(List.of(types));
        return new ErrorPolicy(maxAttempts, initialDelay, multiplier, maxDelay, all);
    }

    /** Whether the failure, or any of its causes, is of a non-retryable type. */
    public boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : nonRetryable) {
                if (type.isInstance(t)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The wait after failed attempt {@code failedAttempt} (1-based), capped at {@link #maxDelay()}. */
    public Duration backoff(int failedAttempt) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempt - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    /**
     * The decision after attempt {@code failedAttempt} failed with {@code failure}: the wait before the next
     * attempt, or empty when the event must be dead-lettered now.
     */
    public Optional<Duration> nextRetryDelay(Throwable failure, int failedAttempt) {
        if (failedAttempt >= maxAttempts || !isRetryable(failure)) {
            return Optional.empty();
        }
        return Optional.of(backoff(failedAttempt));
    }
}

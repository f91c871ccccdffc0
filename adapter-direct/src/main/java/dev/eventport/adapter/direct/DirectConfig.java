package dev.eventport.adapter.direct;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventportConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of the direct backend, read from the keys under {@value #PREFIX} or given directly.
 *
 * <p>Contract: {@link #from(EventportConfig)} validates every key under {@value #PREFIX} and throws a
 * {@link ConfigurationException} naming the key, the value, where it came from and what is valid; an unknown key
 * under the prefix is an error too (a typo must not be ignored). The constructor rejects invalid values with an
 * {@link IllegalArgumentException} naming the setting.
 *
 * @param pauseTimeout   how long a publish waits for a paused subscription ({@value #PAUSE_TIMEOUT}), zero or more
 * @param closeTimeout   how long a close waits for handlers running in other threads ({@value #CLOSE_TIMEOUT}), positive
 * @param deadLettersMax the most dead letters kept per destination ({@value #DEAD_LETTERS_MAX}), at least 1
 */
public record DirectConfig(Duration pauseTimeout, Duration closeTimeout, int deadLettersMax) {

    /** The prefix of every key of this backend. */
    public static final String PREFIX = "eventport.direct.";

    /**
     * How long a publish waits for a paused subscription to resume before the event is dead-lettered for that
     * subscription and the publish fails (a direct call cannot be queued). A zero or positive duration.
     */
    public static final String PAUSE_TIMEOUT = PREFIX + "pause.timeout";
    /** Default of {@link #PAUSE_TIMEOUT}. */
    public static final Duration DEFAULT_PAUSE_TIMEOUT = Duration.ofSeconds(30);

    /** How long closing a subscription waits for handlers running in other threads to return. A positive duration. */
    public static final String CLOSE_TIMEOUT = PREFIX + "close.timeout";
    /** Default of {@link #CLOSE_TIMEOUT}. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    /** The most dead letters kept per destination; beyond it the oldest is forgotten (with a warning). At least 1. */
    public static final String DEAD_LETTERS_MAX = PREFIX + "deadletters.max";
    /** Default of {@link #DEAD_LETTERS_MAX}. */
    public static final int DEFAULT_DEAD_LETTERS_MAX = 10_000;

    /** Validates every setting. */
    public DirectConfig {
        if (Objects.requireNonNull(pauseTimeout, "DirectConfig.pauseTimeout").isNegative()) {
            throw new IllegalArgumentException("DirectConfig.pauseTimeout must be zero or positive, but was " + pauseTimeout);
        }
        if (Objects.requireNonNull(closeTimeout, "DirectConfig.closeTimeout").isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("DirectConfig.closeTimeout must be positive, but was " + closeTimeout);
        }
        if (deadLettersMax < 1) {
            throw new IllegalArgumentException("DirectConfig.deadLettersMax must be at least 1, but was " + deadLettersMax);
        }
    }

    /** The settings in {@code config}, validated; unset keys take their defaults. */
    public static DirectConfig from(EventportConfig config) {
        config.rejectUnknownKeys(PREFIX, Set.of(PAUSE_TIMEOUT, CLOSE_TIMEOUT, DEAD_LETTERS_MAX), "the direct backend");
        Duration closeTimeout = config.getDuration(CLOSE_TIMEOUT, DEFAULT_CLOSE_TIMEOUT);
        if (closeTimeout.isZero()) {
            throw config.invalid(CLOSE_TIMEOUT, config.get(CLOSE_TIMEOUT).orElse("0"), "a positive duration like 500ms, 5s or 1m");
        }
        return new DirectConfig(config.getDuration(PAUSE_TIMEOUT, DEFAULT_PAUSE_TIMEOUT), closeTimeout,
                config.getInt(DEAD_LETTERS_MAX, DEFAULT_DEAD_LETTERS_MAX, 1));
    }

    /** Every setting at its default. */
    public static DirectConfig defaults() {
        return from(EventportConfig.of(Map.of()));
    }
}

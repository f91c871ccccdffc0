package dev.eventport.adapter.inmemory;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventportConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The settings of the in-memory backend, read from the keys under {@value #PREFIX}.
 *
 * <p>Contract: {@link #from(EventportConfig)} validates every key under {@value #PREFIX} at once and throws a
 * {@link ConfigurationException} naming the key, the value, where it came from and what is valid; an unknown key
 * under the prefix is an error too (a typo must not be ignored). Memory is bounded: each partition retains at most
 * {@link #retentionEvents()} events, and a publisher waits up to {@link #publishTimeout()} for room when the oldest
 * retained event is not yet processed by every running subscription.
 */
public final class InMemoryConfig {

    /** The prefix of every key of this backend. */
    public static final String PREFIX = "eventport.inmemory.";

    /** Partitions per destination; events with the same aggregate id share a partition. Whole number, 1-1024. */
    public static final String PARTITIONS = PREFIX + "partitions";
    /** Default of {@link #PARTITIONS}. */
    public static final int DEFAULT_PARTITIONS = 8;

    /**
     * The most events one partition retains (for replay and as the backpressure bound): when a partition is full,
     * its oldest event is evicted if every running subscription has processed it, otherwise the publisher waits.
     * Each partition reserves 12 bytes per retained event up front (a reference and an append time), besides the
     * events themselves. Whole number, 1-67108864.
     */
    public static final String RETENTION_EVENTS = PREFIX + "retention.events";
    /** Default of {@link #RETENTION_EVENTS}. */
    public static final int DEFAULT_RETENTION_EVENTS = 16_384;

    /** How long events are retained for replay; older events that every running subscription processed are evicted. */
    public static final String RETENTION_AGE = PREFIX + "retention.age";
    /** Default of {@link #RETENTION_AGE}. */
    public static final Duration DEFAULT_RETENTION_AGE = Duration.ofHours(1);

    /** How long a publish waits for room in a full partition before it fails; zero fails at once. */
    public static final String PUBLISH_TIMEOUT = PREFIX + "publish.timeout";
    /** Default of {@link #PUBLISH_TIMEOUT}. */
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How long closing one subscription waits for its handlers in flight to finish; a handler still running then is
     * interrupted (with a warning) and the close returns.
     */
    public static final String CLOSE_TIMEOUT = PREFIX + "close.timeout";
    /** Default of {@link #CLOSE_TIMEOUT}. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /** The most dead letters kept per destination; beyond it the oldest is forgotten (with a warning). At least 1. */
    public static final String DEAD_LETTERS_MAX = PREFIX + "deadletters.max";
    /** Default of {@link #DEAD_LETTERS_MAX}. */
    public static final int DEFAULT_DEAD_LETTERS_MAX = 10_000;

    static final int MAX_PARTITIONS = 1024;
    static final int MAX_RETENTION_EVENTS = 1 << 26;

    private static final Set<String> KEYS = Set.of(PARTITIONS, RETENTION_EVENTS, RETENTION_AGE, PUBLISH_TIMEOUT,
            CLOSE_TIMEOUT, DEAD_LETTERS_MAX);

    private final int partitions;
    private final int retentionEvents;
    private final Duration retentionAge;
    private final Duration publishTimeout;
    private final Duration closeTimeout;
    private final int deadLettersMax;

    private InMemoryConfig(EventportConfig config) {
        config.rejectUnknownKeys(PREFIX, KEYS, "the in-memory backend");
        partitions = intBetween(config, PARTITIONS, DEFAULT_PARTITIONS, MAX_PARTITIONS);
        retentionEvents = intBetween(config, RETENTION_EVENTS, DEFAULT_RETENTION_EVENTS, MAX_RETENTION_EVENTS);
        retentionAge = positive(config, RETENTION_AGE, DEFAULT_RETENTION_AGE);
        publishTimeout = config.getDuration(PUBLISH_TIMEOUT, DEFAULT_PUBLISH_TIMEOUT);
        closeTimeout = positive(config, CLOSE_TIMEOUT, DEFAULT_CLOSE_TIMEOUT);
        deadLettersMax = intBetween(config, DEAD_LETTERS_MAX, DEFAULT_DEAD_LETTERS_MAX, Integer.MAX_VALUE);
    }

    /** The settings in {@code config}, validated; unset keys take their defaults. */
    public static InMemoryConfig from(EventportConfig config) {
        return new InMemoryConfig(config);
    }

    /** Every setting at its default. */
    public static InMemoryConfig defaults() {
        return from(EventportConfig.of(Map.of()));
    }

    private static int intBetween(EventportConfig config, String key, int defaultValue, int max) {
        int value = config.getInt(key, defaultValue);
        if (value < 1 || value > max) {
            throw config.invalid(key, String.valueOf(value), "a whole number from 1 to " + max);
        }
        return value;
    }

    private static Duration positive(EventportConfig config, String key, Duration defaultValue) {
        Duration value = config.getDuration(key, defaultValue);
        if (value.isZero()) {
            throw config.invalid(key, config.get(key).orElse("0"), "a positive duration like 500ms, 5s, 2m or 1h");
        }
        return value;
    }

    /** Partitions per destination ({@value #PARTITIONS}). */
    public int partitions() {
        return partitions;
    }

    /** The most events retained per partition ({@value #RETENTION_EVENTS}). */
    public int retentionEvents() {
        return retentionEvents;
    }

    /** How long processed events are kept for replay ({@value #RETENTION_AGE}). */
    public Duration retentionAge() {
        return retentionAge;
    }

    /** How long a publish waits for room ({@value #PUBLISH_TIMEOUT}). */
    public Duration publishTimeout() {
        return publishTimeout;
    }

    /** How long a close waits for handlers in flight ({@value #CLOSE_TIMEOUT}). */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** The most dead letters kept per destination ({@value #DEAD_LETTERS_MAX}). */
    public int deadLettersMax() {
        return deadLettersMax;
    }

    @Override
    public String toString() {
        return "InMemoryConfig[partitions=" + partitions + ", retentionEvents=" + retentionEvents + ", retentionAge="
                + retentionAge + ", publishTimeout=" + publishTimeout + ", closeTimeout=" + closeTimeout
                + ", deadLettersMax=" + deadLettersMax + "]";
    }
}

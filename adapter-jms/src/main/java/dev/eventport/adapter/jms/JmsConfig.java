package dev.eventport.adapter.jms;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.spi.WireAttributes;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of the JMS backend, read from the keys under {@code eventport.jms.}.
 *
 * <p>Contract: {@link #from(EventportConfig)} validates every key under {@code eventport.jms.} and throws a
 * {@link ConfigurationException} naming the key, the value, where it came from and what is valid; an unknown key
 * is an error (it is usually a typo). The password is never shown by {@link #toString()} nor in any message.
 * Immutable.
 */
public final class JmsConfig {

    /** The prefix of every JMS key. */
    public static final String PREFIX = "eventport.jms.";
    /**
     * The Artemis broker URL, e.g. {@code tcp://broker:61616} or {@code (tcp://a:61616,tcp://b:61616)?ha=true};
     * Artemis URL parameters are honoured. Required unless a {@code ConnectionFactory} is passed to
     * {@link JmsBackendProvider#open(jakarta.jms.ConnectionFactory, JmsConfig)}.
     */
    public static final String URL = PREFIX + "url";
    /** The user name to connect with; optional, set together with {@link #PASSWORD}. */
    public static final String USER = PREFIX + "user";
    /** The password to connect with; optional, set together with {@link #USER}; never logged. */
    public static final String PASSWORD = PREFIX + "password";
    /**
     * {@code topic} (the default): one shared durable subscription per subscription name, so every subscription
     * gets every event and the consumers of one subscription compete. {@code queue}: one queue per destination,
     * every consumer competes, whatever its subscription name (a plain work queue, no fan-out).
     */
    public static final String MODE = PREFIX + "mode";
    /** The longest a publish waits for the broker's confirmation (and for a reconnect), default {@code 10s}. */
    public static final String SEND_TIMEOUT = PREFIX + "send.timeout";
    /** The longest a close waits for handlers in flight and unconfirmed publishes, default {@code 5s}. */
    public static final String CLOSE_TIMEOUT = PREFIX + "close.timeout";
    /** The first wait before reconnecting after the connection to the broker was lost, default {@code 200ms}. */
    public static final String RECONNECT_INTERVAL = PREFIX + "reconnect.interval";

    /**
     * The largest event body a publish accepts, in bytes, default {@code 1048576} (1 MiB, as Kafka's default
     * {@code max.request.size}); a larger event fails its publish with a {@code PublishFailedException} naming its
     * size and this key. Artemis itself has no per-message limit (it streams large messages to disk), so without this
     * limit one runaway event would fill the broker's journal and every consumer's memory.
     */
    public static final String MAX_EVENT_BYTES = PREFIX + "max.event.bytes";

    private static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;
    private static final Set<String> KEYS = Set.of(URL, USER, PASSWORD, MODE, SEND_TIMEOUT, CLOSE_TIMEOUT, RECONNECT_INTERVAL,
            MAX_EVENT_BYTES);

    /** How destinations and subscriptions map to JMS. */
    public enum Mode {
        /** Point to point: one queue per destination; all consumers compete; no fan-out. */
        QUEUE,
        /** Publish/subscribe: a topic per destination, a shared durable subscription per subscription name. */
        TOPIC;

        /** The value of {@link JmsConfig#MODE}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String url;
    private final String user;
    private final String password;
    private final Mode mode;
    private final Duration sendTimeout;
    private final Duration closeTimeout;
    private final Duration reconnectInterval;
    private final int maxEventBytes;
    private final WireAttributes wireAttributes;

    private JmsConfig(String url, String user, String password, Mode mode, Duration sendTimeout, Duration closeTimeout,
                      Duration reconnectInterval, int maxEventBytes, WireAttributes wireAttributes) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.sendTimeout = positive(sendTimeout, SEND_TIMEOUT);
        this.closeTimeout = positive(closeTimeout, CLOSE_TIMEOUT);
        this.reconnectInterval = positive(reconnectInterval, RECONNECT_INTERVAL);
        if (maxEventBytes < 1) {
            throw new ConfigurationException(MAX_EVENT_BYTES + " must be at least 1, but was " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
        this.wireAttributes = Objects.requireNonNull(wireAttributes, "wireAttributes");
    }

    /** The defaults in the given mode, without URL or credentials (for an explicitly passed {@code ConnectionFactory}). */
    public static JmsConfig defaults(Mode mode) {
        return new JmsConfig(null, null, null, mode, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMillis(200),
                DEFAULT_MAX_EVENT_BYTES, WireAttributes.CLOUDEVENTS);
    }

    /** The settings under {@code eventport.jms.}, validated; the URL may be absent. */
    public static JmsConfig from(EventportConfig config) {
        config.rejectUnknownKeys(PREFIX, KEYS, "the JMS backend");
        String modeValue = config.getChoice(MODE, Mode.TOPIC.key(), Set.of(Mode.QUEUE.key(), Mode.TOPIC.key()));
        Optional<String> user = config.get(USER);
        Optional<String> password = config.get(PASSWORD);
        if (user.isPresent() != password.isPresent()) {
            String missing = user.isPresent() ? PASSWORD : USER;
            String present = user.isPresent() ? USER : PASSWORD;
            throw new ConfigurationException("Missing configuration key '" + missing + "': '" + present + "' is set (from "
                    + config.sourceOf(present) + "), and the broker needs both. Set " + missing + " as well, or remove "
                    + present + ".");
        }
        Optional<String> url = config.get(URL);
        url.ifPresent(value -> {
            if (!value.matches("\\(?[a-z]+://\\S+")) {
                throw config.invalid(URL, value, "a broker URL like tcp://localhost:61616");
            }
        });
        JmsConfig defaults = defaults(Mode.valueOf(modeValue.toUpperCase(Locale.ROOT)));
        return new JmsConfig(url.orElse(null), user.orElse(null), password.orElse(null), defaults.mode,
                positive(config, SEND_TIMEOUT, defaults.sendTimeout),
                positive(config, CLOSE_TIMEOUT, defaults.closeTimeout),
                positive(config, RECONNECT_INTERVAL, defaults.reconnectInterval),
                config.getInt(MAX_EVENT_BYTES, DEFAULT_MAX_EVENT_BYTES, 1), WireAttributes.from(config));
    }

    private static Duration positive(EventportConfig config, String key, Duration defaultValue) {
        Duration value = config.getDuration(key, defaultValue);
        if (value.isZero()) {
            throw config.invalid(key, config.get(key).orElse("0"), "a positive duration like 500ms or 5s");
        }
        return value;
    }

    private static Duration positive(Duration value, String key) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new ConfigurationException(key + " must be a positive duration, but was " + value);
        }
        return value;
    }

    /** This configuration with another mode. */
    public JmsConfig withMode(Mode newMode) {
        return new JmsConfig(url, user, password, newMode, sendTimeout, closeTimeout, reconnectInterval, maxEventBytes, wireAttributes);
    }

    /** This configuration with another send timeout. */
    public JmsConfig withSendTimeout(Duration timeout) {
        return new JmsConfig(url, user, password, mode, timeout, closeTimeout, reconnectInterval, maxEventBytes, wireAttributes);
    }

    /** This configuration with another close timeout. */
    public JmsConfig withCloseTimeout(Duration timeout) {
        return new JmsConfig(url, user, password, mode, sendTimeout, timeout, reconnectInterval, maxEventBytes, wireAttributes);
    }

    /** This configuration with credentials (both must be given). */
    public JmsConfig withCredentials(String newUser, String newPassword) {
        return new JmsConfig(url, Objects.requireNonNull(newUser, "user"), Objects.requireNonNull(newPassword, "password"),
                mode, sendTimeout, closeTimeout, reconnectInterval, maxEventBytes, wireAttributes);
    }

    /** The broker URL, if configured. */
    public Optional<String> url() {
        return Optional.ofNullable(url);
    }

    /** The user name, if configured. */
    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    String password() {
        return password;
    }

    /** The mode. */
    public Mode mode() {
        return mode;
    }

    /** The send timeout. */
    public Duration sendTimeout() {
        return sendTimeout;
    }

    /** The close timeout. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** This configuration with another largest event body, in bytes. */
    public JmsConfig withMaxEventBytes(int bytes) {
        return new JmsConfig(url, user, password, mode, sendTimeout, closeTimeout, reconnectInterval, bytes, wireAttributes);
    }

    /** The largest event body a publish accepts, in bytes. */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** This configuration with other attributes beside each body. */
    public JmsConfig withWireAttributes(WireAttributes attributes) {
        return new JmsConfig(url, user, password, mode, sendTimeout, closeTimeout, reconnectInterval, maxEventBytes, attributes);
    }

    /** What is sent beside each body ({@value WireAttributes#KEY}). */
    public WireAttributes wireAttributes() {
        return wireAttributes;
    }

    /** The first wait before a reconnect. */
    public Duration reconnectInterval() {
        return reconnectInterval;
    }

    /**
     * The URL for messages and logs: the values of its secret parameters (e.g. {@code password=...}, which Artemis
     * accepts in a URL) masked; null when no URL is set.
     */
    String shownUrl() {
        return EventportConfig.maskSecretParameters(url);
    }

    /** The settings, with the password masked. */
    @Override
    public String toString() {
        return "JmsConfig[url=" + shownUrl() + ", user=" + user + ", password=" + (password == null ? null : "****")
                + ", mode=" + mode.key() + ", sendTimeout=" + sendTimeout + ", closeTimeout=" + closeTimeout
                + ", reconnectInterval=" + reconnectInterval + ", maxEventBytes=" + maxEventBytes + ", wireAttributes=" + wireAttributes.key() + "]";
    }
}

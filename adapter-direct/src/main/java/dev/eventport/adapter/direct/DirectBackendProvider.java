package dev.eventport.adapter.direct;

import dev.eventport.ports.Capabilities;
import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.spi.BackendProvider;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@code direct} backend for {@link dev.eventport.ports.MessagingBackends} ({@code eventport.backend=direct}).
 *
 * <p>Contract: {@link #open(EventportConfig)} reads {@value #PAUSE_TIMEOUT}, {@value #CLOSE_TIMEOUT} and the
 * destination overrides, rejects any other key under {@value #PREFIX} with a {@link ConfigurationException} naming
 * the key and the known keys, and returns a new {@link DirectEventBackend}. The capabilities never depend on the
 * configuration.
 */
public final class DirectBackendProvider implements BackendProvider {

    /** The name that selects this backend. */
    public static final String NAME = "direct";

    /** The prefix of this backend's keys. */
    public static final String PREFIX = "eventport.direct.";

    /**
     * How long a publish waits for a paused subscription to resume before the event is dead-lettered for that
     * subscription and the publish fails (a direct call cannot be queued). A duration like {@code 30s}; default
     * {@code 30s}.
     */
    public static final String PAUSE_TIMEOUT = PREFIX + "pause.timeout";

    /**
     * How long closing a subscription waits for handlers running in other threads to return. A duration like
     * {@code 30s}; default {@code 30s}.
     */
    public static final String CLOSE_TIMEOUT = PREFIX + "close.timeout";

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<String> KNOWN_KEYS = new TreeSet<>(Set.of(PAUSE_TIMEOUT, CLOSE_TIMEOUT));

    /** The provider that {@link java.util.ServiceLoader} instantiates. */
    public DirectBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities(EventportConfig config) {
        return DirectEventBackend.CAPABILITIES;
    }

    @Override
    public EventBackend open(EventportConfig config) {
        for (String suffix : config.withPrefix(PREFIX).keySet()) {
            String key = PREFIX + suffix;
            if (!KNOWN_KEYS.contains(key)) {
                throw new ConfigurationException("Unknown configuration key '" + key + "' (from " + config.sourceOf(key)
                        + ") for the direct backend. Known keys: " + String.join(", ", KNOWN_KEYS)
                        + ". Remove it or fix its spelling.");
            }
        }
        return new DirectEventBackend(DestinationNaming.fromConfig(config),
                config.getDuration(PAUSE_TIMEOUT, DEFAULT_TIMEOUT), config.getDuration(CLOSE_TIMEOUT, DEFAULT_TIMEOUT));
    }
}

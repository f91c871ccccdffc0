package dev.eventport.ports;

import dev.eventport.ports.spi.BackendProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The one entry point that turns configuration into a running {@link EventBackend}.
 *
 * <p>Contract: backends are discovered with {@link ServiceLoader} ({@link BackendProvider}); the key
 * {@value EventportConfig#BACKEND} selects one by name and always wins; without it, the only backend on the
 * classpath is used. Every failure is a {@link ConfigurationException} at start-up that names what is wrong and the
 * fix: an unknown name (with the nearest known name and the artifact to add), no backend on the classpath, several
 * backends and no selection, or the backend's own missing or invalid keys.
 */
public final class MessagingBackends {

    private static final Map<String, String> KNOWN_BACKENDS = new TreeMap<>(Map.of(
            "direct", "dev.eventport:eventport-adapter-direct",
            "inmemory", "dev.eventport:eventport-adapter-inmemory",
            "jms", "dev.eventport:eventport-adapter-jms",
            "kafka", "dev.eventport:eventport-adapter-kafka"));

    private MessagingBackends() {
    }

    /** The backend configured by system properties, environment and {@code eventport.properties}. */
    public static EventBackend load() {
        return load(EventportConfig.load());
    }

    /** The backend the configuration selects, among those on the classpath. */
    public static EventBackend load(EventportConfig config) {
        return select(config, discover()).open(config);
    }

    /** The names of the backends on the classpath, sorted. */
    public static List<String> available() {
        return new ArrayList<>(discover().keySet());
    }

    private static Map<String, BackendProvider> discover() {
        Map<String, BackendProvider> providers = new TreeMap<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class,
                loader != null ? loader : MessagingBackends.class.getClassLoader())) {
            providers.putIfAbsent(provider.name(), provider);
        }
        return providers;
    }

    static BackendProvider select(EventportConfig config, Map<String, BackendProvider> providers) {
        String requested = config.get(EventportConfig.BACKEND).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null);
        if (requested != null) {
            BackendProvider provider = providers.get(requested);
            if (provider == null) {
                throw unknownBackend(requested, config, providers);
            }
            return provider;
        }
        if (providers.isEmpty()) {
            throw new ConfigurationException("No eventport backend on the classpath. Add one of "
                    + String.join(", ", KNOWN_BACKENDS.values()) + " to your dependencies.");
        }
        if (providers.size() > 1) {
            throw new ConfigurationException("Several eventport backends on the classpath (" + String.join(", ", providers.keySet())
                    + ") and no '" + EventportConfig.BACKEND + "' set. Choose one with " + EventportConfig.BACKEND + "="
                    + String.join("|", providers.keySet()) + " in eventport.properties, -D" + EventportConfig.BACKEND
                    + "=... or the environment variable EVENTPORT_BACKEND.");
        }
        return providers.values().iterator().next();
    }

    private static ConfigurationException unknownBackend(String requested, EventportConfig config,
                                                         Map<String, BackendProvider> providers) {
        StringBuilder message = new StringBuilder("Unknown backend '").append(requested).append("' in '")
                .append(EventportConfig.BACKEND).append("' (from ").append(config.sourceOf(EventportConfig.BACKEND))
                .append("). Available: ").append(providers.isEmpty() ? "none" : String.join(", ", providers.keySet()))
                .append('.');
        String nearest = NearestName.among(requested, KNOWN_BACKENDS.keySet());
        if (nearest != null && !nearest.equals(requested)) {
            message.append(" Did you mean '").append(nearest).append("'?");
        }
        String wanted = nearest != null ? nearest : null;
        if (KNOWN_BACKENDS.containsKey(requested)) {
            wanted = requested;
        }
        if (wanted != null && !providers.containsKey(wanted)) {
            message.append(" For '").append(wanted).append("' add ").append(KNOWN_BACKENDS.get(wanted)).append('.');
        }
        return new ConfigurationException(message.toString());
    }
}

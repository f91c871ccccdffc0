package dev.eventport.ports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration of eventport: string keys under {@code eventport.}, read from four sources.
 *
 * <p>Contract: precedence is explicit map, then system properties, then environment variables, then
 * {@code eventport.properties} on the classpath. An environment variable {@code EVENTPORT_KAFKA_BOOTSTRAP_SERVERS}
 * stands for the key {@code eventport.kafka.bootstrap.servers} (lower case, '_' read as '.'). Typed getters fail
 * with a {@link ConfigurationException} naming the key, the bad value, where it came from and what is valid.
 * {@link #toString()} masks the values of secret keys (passwords, JAAS configs, tokens, secrets).
 */
public final class EventportConfig {

    /** The key that selects the backend by name; it wins over discovery. */
    public static final String BACKEND = "eventport.backend";

    /** The classpath resource read as the lowest-precedence source. */
    public static final String PROPERTIES_RESOURCE = "eventport.properties";

    private static final String PREFIX = "eventport.";
    private static final Pattern SECRET_PARAMETER = Pattern.compile("([^?&;=/\\s]+)=([^&;)\\s]*)");
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|jaas|token|credential|apikey|api\\.key).*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private final Map<String, String> values;
    private final Map<String, String> sources;

    private EventportConfig(Map<String, String> values, Map<String, String> sources) {
        this.values = Collections.unmodifiableMap(values);
        this.sources = Collections.unmodifiableMap(sources);
    }

    /** The configuration from system properties, environment and {@code eventport.properties}. */
    public static EventportConfig load() {
        return load(Map.of());
    }

    /** The configuration with {@code explicit} over system properties, environment and {@code eventport.properties}. */
    public static EventportConfig load(Map<String, String> explicit) {
        return layered(explicit, System.getProperties(), System.getenv(), classpathProperties());
    }

    /** Only the given keys, ignoring every ambient source (for tests and fully programmatic set-ups). */
    public static EventportConfig of(Map<String, String> explicit) {
        return layered(explicit, new Properties(), Map.of(), new Properties());
    }

    static EventportConfig layered(Map<String, String> explicit, Properties systemProperties,
                                   Map<String, String> environment, Properties file) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        file.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX)).forEach(k -> {
            values.put(k, file.getProperty(k).trim());
            sources.put(k, PROPERTIES_RESOURCE + " on the classpath");
        });
        environment.forEach((name, value) -> {
            if (name.startsWith("EVENTPORT_")) {
                String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
                values.put(key, value.trim());
                sources.put(key, "environment variable " + name);
            }
        });
        systemProperties.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX)).forEach(k -> {
            values.put(k, systemProperties.getProperty(k).trim());
            sources.put(k, "system property -D" + k);
        });
        explicit.forEach((k, v) -> {
            values.put(k, v == null ? "" : v.trim());
            sources.put(k, "explicit configuration");
        });
        return new EventportConfig(values, sources);
    }

    private static Properties classpathProperties() {
        Properties properties = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : EventportConfig.class.getClassLoader())
                .getResourceAsStream(PROPERTIES_RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + PROPERTIES_RESOURCE + " from the classpath", e);
        }
        return properties;
    }

    /** This configuration with some keys replaced (the new values win). */
    public EventportConfig with(Map<String, String> overrides) {
        Map<String, String> newValues = new TreeMap<>(values);
        Map<String, String> newSources = new TreeMap<>(sources);
        overrides.forEach((k, v) -> {
            newValues.put(k, v);
            newSources.put(k, "explicit configuration");
        });
        return new EventportConfig(newValues, newSources);
    }

    /** The value of a key, if set and not blank. */
    public Optional<String> get(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The value of a key that must be set; {@code purpose} says what it is for, e.g. "the Kafka bootstrap servers". */
    public String require(String key, String purpose) {
        return get(key).orElseThrow(() -> new ConfigurationException("Missing required configuration key '" + key
                + "' (" + purpose + "). Set it in eventport.properties, as -D" + key + "=..., or as environment variable "
                + envName(key) + "."));
    }

    /** A whole number, or the default when unset. */
    public int getInt(String key, int defaultValue) {
        return get(key).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw invalid(key, v, "a whole number, e.g. " + defaultValue);
            }
        }).orElse(defaultValue);
    }

    /** A whole number of at least {@code min}, or the default when unset. */
    public int getInt(String key, int defaultValue, int min) {
        int value = getInt(key, defaultValue);
        if (value < min) {
            throw invalid(key, String.valueOf(value), "a whole number of at least " + min);
        }
        return value;
    }

    /** {@code true} or {@code false}, or the default when unset. */
    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> {
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v);
            }
            throw invalid(key, v, "true or false");
        }).orElse(defaultValue);
    }

    /** A zero or positive duration like {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or {@code PT5S}, or the default. */
    public Duration getDuration(String key, Duration defaultValue) {
        return get(key).map(v -> parseDuration(key, v)).orElse(defaultValue);
    }

    private Duration parseDuration(String key, String value) {
        String expected = "a zero or positive duration like 500ms, 5s, 2m, 1h or PT5S";
        Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            return switch (unit) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> Duration.ofMillis(amount);
            };
        }
        try {
            Duration parsed = Duration.parse(value);
            if (!parsed.isNegative()) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // fall through to the error that names the key
        }
        throw invalid(key, value, expected);
    }

    /** One of the allowed values (case-insensitive, returned in lower case), or the default when unset. */
    public String getChoice(String key, String defaultValue, Set<String> allowed) {
        String value = get(key).orElse(defaultValue).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw invalid(key, value, "one of " + new TreeSet<>(allowed));
        }
        return value;
    }

    /** Every key that starts with {@code prefix}, with the prefix removed, in key order. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                result.put(k.substring(prefix.length()), v);
            }
        });
        return result;
    }

    /** Every key set. */
    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * Fails on the first key under {@code prefix} that is not one of {@code knownKeys} (a typo must not be ignored):
     * the {@link ConfigurationException} names the key, its source, {@code owner} (e.g. "the direct backend") and
     * the known keys.
     */
    public void rejectUnknownKeys(String prefix, Set<String> knownKeys, String owner) {
        for (String key : values.keySet()) {
            if (key.startsWith(prefix) && !knownKeys.contains(key)) {
                String nearest = NearestName.among(key, knownKeys);
                throw new ConfigurationException("Unknown configuration key '" + key + "' (from " + sourceOf(key) + ") for "
                        + owner + "." + (nearest == null ? "" : " Did you mean '" + nearest + "'?") + " Known keys: "
                        + String.join(", ", new TreeSet<>(knownKeys)) + ".");
            }
        }
    }

    /** Where a key's value came from, e.g. "system property -Deventport.backend", or "not set". */
    public String sourceOf(String key) {
        return sources.getOrDefault(key, "not set");
    }

    /** A {@link ConfigurationException} for a bad value: names the key, the value, its source and what is valid. */
    public ConfigurationException invalid(String key, String value, String expected) {
        String shown = isSecret(key) ? "****" : value;
        return new ConfigurationException("Invalid value '" + shown + "' for configuration key '" + key + "' (from "
                + sourceOf(key) + "): expected " + expected + ".");
    }

    /** Whether the key holds a secret whose value must never be shown. */
    public static boolean isSecret(String key) {
        return SECRET.matcher(key).matches();
    }

    /**
     * {@code value} with the values of the secret parameters inside it masked as {@code ****}: a parameter is
     * {@code name=value} (as in a URL query, e.g. {@code tcp://host:61616?user=app&password=...}) whose name
     * {@link #isSecret(String) is secret}. For values that are not secrets themselves but may carry one.
     */
    public static String maskSecretParameters(String value) {
        return value == null ? null : SECRET_PARAMETER.matcher(value).replaceAll(m -> Matcher.quoteReplacement(
                isSecret(m.group(1)) ? m.group(1) + "=****" : m.group()));
    }

    /** The environment variable that stands for a key. */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The keys and values, with secrets, and secret parameters inside values, shown as {@code ****}. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, isSecret(k) ? "****" : maskSecretParameters(v)));
        return "EventportConfig" + shown;
    }
}

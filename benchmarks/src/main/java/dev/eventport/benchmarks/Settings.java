package dev.eventport.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The settings of one benchmark run, read from {@code key=value} words (the command line, or {@code -Dbench="..."}
 * through Maven).
 *
 * <p>Contract: every key has a default ({@link #DEFAULTS}); {@code preset=quick} and {@code preset=smoke} replace
 * several defaults at once (explicit keys still win); an unknown key or a malformed value fails at once with an
 * {@link IllegalArgumentException} naming the key, the value and what is valid.
 */
public final class Settings {

    /** Every key with its default, in the order the report lists them. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static final Map<String, Map<String, String>> PRESETS = Map.of(
            "full", Map.of(),
            "quick", preset("jmh.warmups", "2", "jmh.iterations", "3", "events", "50000", "rounds", "2",
                    "warmup.events", "10000", "latency.samples", "500", "scaling.events", "30000", "checkout.orders", "50",
                    "checkout.consumers", "1,8,64"),
            "smoke", preset("jmh.forks", "0", "jmh.warmups", "0", "jmh.iterations", "1", "jmh.time", "100ms",
                    "events", "500", "rounds", "1", "warmup.events", "0", "latency.samples", "20", "scaling.events", "300",
                    "scaling.partitions", "1,2", "checkout.orders", "5"));

    private final Map<String, String> values;

    private static Map<String, String> preset(String... keysAndValues) {
        Map<String, String> preset = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            preset.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(preset);
    }

    private Settings(Map<String, String> values) {
        this.values = values;
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("preset", "full");
        d.put("parts", "jmh,kafka,jms,scaling,checkout");
        d.put("out", "docs");
        d.put("jmh.benchmarks", "direct,inmemory,codec,tracing");
        d.put("jmh.forks", "1");
        d.put("jmh.warmups", "3");
        d.put("jmh.iterations", "5");
        d.put("jmh.time", "1s");
        d.put("events", "200000");
        d.put("event.bytes", "1024");
        d.put("rounds", "4");
        d.put("warmup.events", "200000");
        d.put("partitions", "3");
        d.put("latency.samples", "2000");
        d.put("scaling.partitions", "1,2,4,8");
        d.put("scaling.events", "100000");
        d.put("checkout.backends", "direct,inmemory,jms,kafka");
        d.put("checkout.consumers", "1,4,16,64");
        d.put("checkout.orders", "200");
        d.put("checkout.handler.latency", "1ms");
        return java.util.Collections.unmodifiableMap(d);
    }

    /** The settings given by {@code key=value} words; blank words and null arguments are ignored. */
    public static Settings parse(String... args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg == null) {
                continue; // an empty -Dbench reaches main as a null argument
            }
            for (String word : arg.trim().split("\\s+")) {
                if (word.isEmpty()) {
                    continue;
                }
                int eq = word.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("Benchmark setting '" + word + "' is not key=value. Known keys: "
                            + String.join(", ", DEFAULTS.keySet()));
                }
                String key = word.substring(0, eq);
                if (!DEFAULTS.containsKey(key)) {
                    throw new IllegalArgumentException("Unknown benchmark setting '" + key + "'. Known keys: "
                            + String.join(", ", DEFAULTS.keySet()));
                }
                given.put(key, word.substring(eq + 1));
            }
        }
        String preset = given.getOrDefault("preset", "full");
        if (!PRESETS.containsKey(preset)) {
            throw new IllegalArgumentException("Unknown preset '" + preset + "': expected one of " + new TreeMap<>(PRESETS).keySet());
        }
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        values.putAll(PRESETS.get(preset));
        values.putAll(given);
        Settings settings = new Settings(values);
        settings.validate();
        return settings;
    }

    private void validate() {
        Set<String> parts = Set.of("jmh", "kafka", "jms", "scaling", "checkout");
        for (String part : list("parts")) {
            if (!parts.contains(part)) {
                throw new IllegalArgumentException("Unknown part '" + part + "' in parts=" + get("parts") + ": expected some of " + parts);
            }
        }
        Set<String> benchmarks = Set.of("direct", "inmemory", "codec", "tracing");
        for (String benchmark : list("jmh.benchmarks")) {
            if (!benchmarks.contains(benchmark)) {
                throw new IllegalArgumentException("Unknown JMH benchmark '" + benchmark + "' in jmh.benchmarks="
                        + get("jmh.benchmarks") + ": expected some of " + new TreeMap<>(Map.of("direct", 1, "inmemory", 1,
                        "codec", 1, "tracing", 1)).keySet());
            }
        }
        for (String backend : list("checkout.backends")) {
            if (!Set.of("direct", "inmemory", "jms", "kafka").contains(backend)) {
                throw new IllegalArgumentException("Unknown backend '" + backend + "' in checkout.backends: expected some of "
                        + "direct, inmemory, jms, kafka");
            }
        }
        for (String key : List.of("jmh.forks", "jmh.warmups", "jmh.iterations", "events", "event.bytes", "rounds", "warmup.events", "partitions",
                "latency.samples", "scaling.events", "checkout.orders")) {
            integer(key);
        }
        integers("scaling.partitions");
        integers("checkout.consumers");
        duration("jmh.time");
        duration("checkout.handler.latency");
    }

    /** The raw value of a key. */
    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Unknown benchmark setting '" + key + "'");
        }
        return value;
    }

    /** A whole number of at least 0. */
    public int integer(String key) {
        try {
            int value = Integer.parseInt(get(key));
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Benchmark setting " + key + "=" + get(key) + " must be a whole number of at least 0");
    }

    /** A comma-separated list. */
    public List<String> list(String key) {
        return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A comma-separated list of positive whole numbers. */
    public List<Integer> integers(String key) {
        try {
            List<Integer> numbers = list(key).stream().map(Integer::parseInt).toList();
            if (!numbers.isEmpty() && numbers.stream().allMatch(n -> n > 0)) {
                return numbers;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Benchmark setting " + key + "=" + get(key)
                + " must be positive whole numbers separated by commas, e.g. 1,2,4");
    }

    /** A duration such as {@code 100ms}, {@code 1s} or {@code 0}. */
    public Duration duration(String key) {
        String value = get(key).toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.equals("0")) {
                return Duration.ZERO;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("Benchmark setting " + key + "=" + get(key) + " must be a duration like 100ms or 1s");
    }

    /** Whether the part (jmh, kafka, jms, scaling, checkout) is to run. */
    public boolean runs(String part) {
        return list("parts").contains(part);
    }

    /** The directory the reports are written to. */
    public Path out() {
        return Path.of(get("out"));
    }

    /** Every key and value, in the order of {@link #DEFAULTS}. */
    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableMap(values);
    }
}

package dev.eventport.examples.comparison;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the comparison runs: the store's consumers with their latency and failures, the order rate and counts, the
 * backends, the seed, and what the user's system needs (which the verdict weighs against the measurements).
 *
 * <p>Contract: built by {@link #parse(Map)} from keys (see {@link #KEYS}) given in a properties file
 * ({@code --workload file}) and as flags ({@code --orders 100}); flags win over the file, the file over the
 * {@code short} preset, the preset over the defaults. An unknown key or a bad value fails with an
 * {@link IllegalArgumentException} naming the key, the value, where it came from and what is valid. The same
 * workload with the same seed places the same carts and injects the same duplicates and failures.
 *
 * @param backends          the backends to compare, in order
 * @param seed              what decides carts, failures and duplicates
 * @param orders            orders placed per measuring point
 * @param rate              orders per second the customers try to place (0: as fast as checkout answers)
 * @param consumers         the user's downstream services
 * @param consumerCounts    the consumer counts the scaling series measures (beyond the declared ones, synthetic)
 * @param syntheticLatency  time per order of the synthetic consumers
 * @param paymentLatency    time per payment charge at checkout
 * @param slowConsumer      the consumer made slow in the "slow" scenario
 * @param slowFactor        how many times slower it is
 * @param downConsumer      the consumer that is down in the "down" scenario
 * @param duplicateRate     share of orders whose event is published twice (a producer retry), to exercise idempotency
 * @param pointTimeout      longest time spent placing the orders of one measuring point
 * @param drainTimeout      longest wait for the consumers to catch up after a point
 * @param saturation        how long checkout is driven as fast as it goes
 * @param saturationThreads concurrent customers during saturation
 * @param orderingOrders    orders of the ordering probe
 * @param orderingSteps     events per order in the ordering probe
 * @param orderingConsumers concurrent consumers of the ordering probe's subscription
 * @param needs             what the user's system needs
 * @param output            directory the reports are written to
 */
public record Workload(List<String> backends, long seed, int orders, double rate, List<ConsumerSpec> consumers,
                       List<Integer> consumerCounts, Duration syntheticLatency, Duration paymentLatency,
                       String slowConsumer, int slowFactor, String downConsumer, double duplicateRate,
                       Duration pointTimeout, Duration drainTimeout, Duration saturation, int saturationThreads,
                       int orderingOrders, int orderingSteps, int orderingConsumers, Needs needs, Path output) {

    /** The backends the comparison knows, by label. */
    public static final List<String> KNOWN_BACKENDS = List.of("direct", "inmemory", "jms-queue", "jms-topic", "kafka");

    /** Every key with its default and meaning. */
    public static final Map<String, String[]> KEYS = keys();

    private static final Map<String, String> SHORT_PRESET = Map.of(
            "orders", "8", "rate", "200", "consumer.counts", "1,7,16", "point.timeout", "3s", "drain.timeout", "10s",
            "saturation", "500ms", "ordering.orders", "10", "ordering.steps", "3");

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)?");

    /**
     * What the user's system needs, weighed by the verdict.
     *
     * @param replay              a consumer added later must be able to process past orders
     * @param durability          events must survive a restart of the process or broker
     * @param surviveSlowOrDown   checkout must keep working when a consumer is slow or down
     * @param ordering            the events of one order must be handled in order
     * @param brokerAcceptable    the team can operate a broker (the operational cost of jms and kafka)
     * @param checkoutBudget      the longest acceptable checkout latency at p99
     */
    public record Needs(boolean replay, boolean durability, boolean surviveSlowOrDown, boolean ordering,
                        boolean brokerAcceptable, Duration checkoutBudget) {
    }

    private static Map<String, String[]> keys() {
        Map<String, String[]> keys = new LinkedHashMap<>();
        keys.put("backends", new String[] {String.join(",", KNOWN_BACKENDS), "backends to compare, comma separated"});
        keys.put("seed", new String[] {"42", "random seed: the same seed places the same carts, failures and duplicates"});
        keys.put("orders", new String[] {"40", "orders placed per measuring point"});
        keys.put("rate", new String[] {"20", "orders per second the customers try to place; 0 = as fast as checkout answers"});
        keys.put("consumers", new String[] {"email:20ms,inventory:10ms,warehouse:15ms,loyalty:5ms,analytics:5ms,"
                + "fraud-review:50ms,shipping:25ms", "the downstream services as name:latency[:failureRate], comma separated"});
        keys.put("consumer.counts", new String[] {"1,2,4,7,16,32", "consumer counts of the scaling series"});
        keys.put("synthetic.latency", new String[] {"5ms", "time per order of the consumers added beyond the declared ones"});
        keys.put("payment.latency", new String[] {"2ms", "time per payment charge at checkout"});
        keys.put("slow.consumer", new String[] {"", "the consumer made slow (default: the first declared)"});
        keys.put("slow.factor", new String[] {"10", "how many times slower the slow consumer is"});
        keys.put("down.consumer", new String[] {"", "the consumer that is down (default: the last declared)"});
        keys.put("chaos.duplicates", new String[] {"0.05", "share of orders whose event is published twice"});
        keys.put("point.timeout", new String[] {"8s", "longest time placing the orders of one measuring point"});
        keys.put("drain.timeout", new String[] {"20s", "longest wait for consumers to catch up after a point"});
        keys.put("saturation", new String[] {"3s", "how long checkout is driven as fast as it goes"});
        keys.put("saturation.threads", new String[] {"2", "concurrent customers during saturation"});
        keys.put("ordering.orders", new String[] {"50", "orders of the ordering probe"});
        keys.put("ordering.steps", new String[] {"5", "events per order of the ordering probe"});
        keys.put("ordering.consumers", new String[] {"2", "concurrent consumers of the ordering probe's subscription"});
        keys.put("needs.replay", new String[] {"false", "a consumer added later must process past orders"});
        keys.put("needs.durability", new String[] {"true", "events must survive a restart"});
        keys.put("needs.survive.slow.or.down", new String[] {"true", "checkout must keep working when a consumer is slow or down"});
        keys.put("needs.ordering", new String[] {"true", "the events of one order must be handled in order"});
        keys.put("broker.acceptable", new String[] {"true", "the team can operate a broker (Artemis or Kafka)"});
        keys.put("checkout.budget", new String[] {"200ms", "the longest acceptable checkout latency at p99"});
        keys.put("output", new String[] {"target/eventport-comparison", "directory the reports are written to"});
        keys.put("short", new String[] {"false", "a run of seconds (fewer orders and points), as the build's tests use"});
        return keys;
    }

    /** The workload the command line describes: {@code --workload file}, other {@code --key value} flags, {@code --short}. */
    public static Workload fromArgs(String... args) {
        Map<String, Source> values = new LinkedHashMap<>();
        Map<String, Source> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() < 3) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "': flags are --key value (or --short); "
                        + "keys: " + String.join(", ", KEYS.keySet()) + ", workload");
            }
            String key = arg.substring(2);
            if (key.equals("short") && (i + 1 >= args.length || args[i + 1].startsWith("--"))) {
                flags.put(key, new Source("true", "flag --short"));
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Flag " + arg + " needs a value, e.g. " + arg + " "
                        + (KEYS.containsKey(key) ? KEYS.get(key)[0] : "<file>"));
            }
            flags.put(key, new Source(args[++i], "flag " + arg));
        }
        Source file = flags.remove("workload");
        if (file != null) {
            values.putAll(readFile(Path.of(file.value())));
        }
        values.putAll(flags);
        return parseSources(values);
    }

    /** The workload of the given keys (values as they would appear in a properties file). */
    public static Workload parse(Map<String, String> keys) {
        Map<String, Source> values = new LinkedHashMap<>();
        keys.forEach((k, v) -> values.put(k, new Source(v, "key " + k)));
        return parseSources(values);
    }

    private static Map<String, Source> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the workload file '" + file.toAbsolutePath() + "' (--workload): "
                    + e.getMessage(), e);
        }
        Map<String, Source> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, new Source(properties.getProperty(k).trim(),
                "file " + file + ", key " + k)));
        return values;
    }

    private static Workload parseSources(Map<String, Source> given) {
        for (String key : given.keySet()) {
            if (!KEYS.containsKey(key)) {
                throw new IllegalArgumentException("Unknown workload key '" + key + "' (" + given.get(key).origin()
                        + "). Known keys: " + String.join(", ", KEYS.keySet()));
            }
        }
        Map<String, Source> values = new LinkedHashMap<>();
        KEYS.forEach((k, v) -> values.put(k, new Source(v[0], "default")));
        Values r = new Values(values);
        if (given.containsKey("short")) {
            values.put("short", given.get("short"));
        }
        if (r.bool("short")) {
            SHORT_PRESET.forEach((k, v) -> values.put(k, new Source(v, "short preset")));
        }
        values.putAll(given);

        List<ConsumerSpec> consumers = r.list("consumers", Workload::consumer);
        if (consumers.isEmpty()) {
            throw r.invalid("consumers", "at least one consumer as name:latency[:failureRate]");
        }
        List<String> names = consumers.stream().map(ConsumerSpec::name).toList();
        if (Set.copyOf(names).size() != names.size()) {
            throw r.invalid("consumers", "distinct consumer names");
        }
        String slow = r.text("slow.consumer").isEmpty() ? names.get(0) : r.text("slow.consumer");
        String down = r.text("down.consumer").isEmpty() ? names.get(names.size() - 1) : r.text("down.consumer");
        if (!names.contains(slow)) {
            throw r.invalid("slow.consumer", "one of the declared consumers " + names);
        }
        if (!names.contains(down)) {
            throw r.invalid("down.consumer", "one of the declared consumers " + names);
        }
        List<String> backends = r.list("backends", s -> s.toLowerCase(Locale.ROOT));
        for (String backend : backends) {
            if (!KNOWN_BACKENDS.contains(backend)) {
                throw r.invalid("backends", "a comma separated list of " + KNOWN_BACKENDS);
            }
        }
        List<Integer> counts = r.list("consumer.counts", Integer::valueOf);
        if (counts.isEmpty() || counts.stream().anyMatch(c -> c < 1)) {
            throw r.invalid("consumer.counts", "whole numbers of at least 1, e.g. 1,2,4,7,16,32");
        }
        Needs needs = new Needs(r.bool("needs.replay"), r.bool("needs.durability"), r.bool("needs.survive.slow.or.down"),
                r.bool("needs.ordering"), r.bool("broker.acceptable"), r.duration("checkout.budget"));
        return new Workload(backends, r.whole("seed", Long.MIN_VALUE), (int) r.whole("orders", 1), r.number("rate"),
                consumers, counts.stream().distinct().sorted().toList(), r.duration("synthetic.latency"),
                r.duration("payment.latency"), slow, (int) r.whole("slow.factor", 1), down, r.fraction("chaos.duplicates"),
                r.duration("point.timeout"), r.duration("drain.timeout"), r.duration("saturation"),
                (int) r.whole("saturation.threads", 1), (int) r.whole("ordering.orders", 1),
                (int) r.whole("ordering.steps", 1), (int) r.whole("ordering.consumers", 1), needs,
                Path.of(r.text("output")));
    }

    private static ConsumerSpec consumer(String spec) {
        String[] parts = spec.split(":");
        if (parts.length < 2 || parts.length > 3 || !parts[0].matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("consumer '" + spec + "'");
        }
        Duration latency = parseDuration(parts[1]);
        double failureRate = parts.length == 3 ? Double.parseDouble(parts[2]) : 0;
        return new ConsumerSpec(parts[0], latency, failureRate);
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("duration '" + text + "'");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofMillis(amount);
        };
    }

    /** The consumers of a measuring point with {@code count} consumers: the declared ones first, then synthetic ones. */
    public List<ConsumerSpec> consumersFor(int count) {
        List<ConsumerSpec> specs = new ArrayList<>(consumers.subList(0, Math.min(count, consumers.size())));
        for (int i = specs.size(); i < count; i++) {
            specs.add(new ConsumerSpec("synthetic-" + (i + 1), syntheticLatency, 0));
        }
        return specs;
    }

    /** The workload as the key/value pairs that reproduce it (for the reports). */
    public Map<String, String> describe() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("backends", String.join(",", backends));
        map.put("seed", String.valueOf(seed));
        map.put("orders", String.valueOf(orders));
        map.put("rate", String.valueOf(rate));
        map.put("consumers", String.join(",", consumers.stream().map(ConsumerSpec::toString).toList()));
        map.put("consumer.counts", String.join(",", consumerCounts.stream().map(String::valueOf).toList()));
        map.put("synthetic.latency", syntheticLatency.toMillis() + "ms");
        map.put("payment.latency", paymentLatency.toMillis() + "ms");
        map.put("slow.consumer", slowConsumer);
        map.put("slow.factor", String.valueOf(slowFactor));
        map.put("down.consumer", downConsumer);
        map.put("chaos.duplicates", String.valueOf(duplicateRate));
        map.put("point.timeout", pointTimeout.toMillis() + "ms");
        map.put("drain.timeout", drainTimeout.toMillis() + "ms");
        map.put("saturation", saturation.toMillis() + "ms");
        map.put("saturation.threads", String.valueOf(saturationThreads));
        map.put("ordering.orders", String.valueOf(orderingOrders));
        map.put("ordering.steps", String.valueOf(orderingSteps));
        map.put("ordering.consumers", String.valueOf(orderingConsumers));
        map.put("needs.replay", String.valueOf(needs.replay()));
        map.put("needs.durability", String.valueOf(needs.durability()));
        map.put("needs.survive.slow.or.down", String.valueOf(needs.surviveSlowOrDown()));
        map.put("needs.ordering", String.valueOf(needs.ordering()));
        map.put("broker.acceptable", String.valueOf(needs.brokerAcceptable()));
        map.put("checkout.budget", needs.checkoutBudget().toMillis() + "ms");
        return map;
    }

    private record Source(String value, String origin) {
    }

    /** Typed reads that name the key, the value and its origin when the value is bad. */
    private record Values(Map<String, Source> values) {

        String text(String key) {
            return values.get(key).value().trim();
        }

        IllegalArgumentException invalid(String key, String expected) {
            Source source = values.get(key);
            return new IllegalArgumentException("Workload key '" + key + "' must be " + expected + ", but was '"
                    + source.value() + "' (" + source.origin() + "). Fix it in the workload file or with --" + key + " <value>.");
        }

        <T> List<T> list(String key, Function<String, T> element) {
            List<T> result = new ArrayList<>();
            for (String part : text(key).split(",")) {
                if (!part.isBlank()) {
                    try {
                        result.add(element.apply(part.trim()));
                    } catch (RuntimeException e) {
                        throw invalid(key, KEYS.get(key)[1] + " (e.g. " + KEYS.get(key)[0] + ")");
                    }
                }
            }
            return result;
        }

        boolean bool(String key) {
            String v = text(key).toLowerCase(Locale.ROOT);
            if (!v.equals("true") && !v.equals("false")) {
                throw invalid(key, "true or false");
            }
            return Boolean.parseBoolean(v);
        }

        long whole(String key, long min) {
            try {
                long v = Long.parseLong(text(key));
                if (v >= min) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(key, min == Long.MIN_VALUE ? "a whole number" : "a whole number of at least " + min);
        }

        double number(String key) {
            try {
                double v = Double.parseDouble(text(key));
                if (v >= 0 && !Double.isInfinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(key, "a number of at least 0");
        }

        double fraction(String key) {
            double v = number(key);
            if (v > 1) {
                throw invalid(key, "a share between 0 and 1");
            }
            return v;
        }

        Duration duration(String key) {
            try {
                return parseDuration(text(key));
            } catch (IllegalArgumentException e) {
                throw invalid(key, "a duration like 500ms, 5s or 2m");
            }
        }
    }
}

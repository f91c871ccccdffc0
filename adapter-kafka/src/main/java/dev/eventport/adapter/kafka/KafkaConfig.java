package dev.eventport.adapter.kafka;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.spi.WireAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The validated configuration of the Kafka backend: the keys under {@value #PREFIX}.
 *
 * <p>Contract: every key under {@value #PREFIX} that is not one of eventport's own keys below is passed to every
 * Kafka client with the prefix removed ({@code eventport.kafka.security.protocol} becomes
 * {@code security.protocol}); keys under {@value #PRODUCER_PREFIX}, {@value #CONSUMER_PREFIX} and
 * {@value #ADMIN_PREFIX} go to that client only and win. Defaults: {@code acks=all} and
 * {@code enable.idempotence=true}. Keys the backend must own ({@code group.id}, {@code enable.auto.commit},
 * serializers, {@code transactional.id}, {@code auto.offset.reset}) are rejected. {@link #from(EventportConfig)}
 * fails with a {@link ConfigurationException} naming the key, the value, its source and the fix; values of secret
 * keys never appear in messages or in {@link #toString()}.
 */
public final class KafkaConfig {

    /** The prefix of every Kafka backend key. */
    public static final String PREFIX = "eventport.kafka.";
    /** Keys under this prefix go to the producer only, e.g. {@code eventport.kafka.producer.linger.ms}. */
    public static final String PRODUCER_PREFIX = PREFIX + "producer.";
    /** Keys under this prefix go to the consumers only, e.g. {@code eventport.kafka.consumer.max.poll.records}. */
    public static final String CONSUMER_PREFIX = PREFIX + "consumer.";
    /** Keys under this prefix go to the admin client only, e.g. {@code eventport.kafka.admin.request.timeout.ms}. */
    public static final String ADMIN_PREFIX = PREFIX + "admin.";

    /** Required: the cluster's {@code host:port[,host:port...]}. */
    public static final String BOOTSTRAP_SERVERS = PREFIX + "bootstrap.servers";
    /** {@code true} (default): create missing topics and their {@code .DLT} through the admin client; {@code false}: fail with a clear error. */
    public static final String TOPICS_CREATE = PREFIX + "topics.create";
    /** Partitions of topics the backend creates; default {@value #DEFAULT_PARTITIONS}. */
    public static final String TOPICS_PARTITIONS = PREFIX + "topics.partitions";
    /** Replication factor of topics the backend creates; default: the broker's {@code default.replication.factor}. */
    public static final String TOPICS_REPLICATION = PREFIX + "topics.replication";
    /** Longest wait for one cluster operation (topic creation, a subscription becoming live, a dead-letter send, listing dead letters); default 30s. */
    public static final String OPERATION_TIMEOUT = PREFIX + "operation.timeout";
    /** Longest wait for a subscription to finish its in-flight event, commit and leave its group on close; default 10s. */
    public static final String CLOSE_TIMEOUT = PREFIX + "close.timeout";
    /** How often each subscription's lag is measured in the background (and the cluster's health probed); default 1s. */
    public static final String LAG_INTERVAL = PREFIX + "lag.interval";
    /**
     * Longest a publish takes to be acknowledged or to fail when the cluster cannot be reached; default 30s. It bounds
     * how long {@code publish} may block waiting for metadata (the producer's {@code max.block.ms}) and how long a
     * record may wait for its acknowledgement ({@code delivery.timeout.ms}); those producer keys, set explicitly, win.
     */
    public static final String PUBLISH_TIMEOUT = PREFIX + "publish.timeout";

    /** Partitions of created topics when {@link #TOPICS_PARTITIONS} is not set. */
    public static final int DEFAULT_PARTITIONS = 3;

    private static final Set<String> OWN_KEYS = Set.of(TOPICS_CREATE, TOPICS_PARTITIONS, TOPICS_REPLICATION,
            OPERATION_TIMEOUT, CLOSE_TIMEOUT, LAG_INTERVAL, PUBLISH_TIMEOUT);
    private static final List<String> OWN_FAMILIES = List.of(PREFIX + "topics.", PREFIX + "operation.", PREFIX + "close.",
            PREFIX + "lag.", PREFIX + "publish.");
    /** The producer's {@code request.timeout.ms} default, which {@code delivery.timeout.ms} must cover. */
    private static final long KAFKA_REQUEST_TIMEOUT_MS = 30_000;
    /** The producer's {@code linger.ms} default in Kafka 4. */
    private static final long KAFKA_LINGER_MS = 5;
    private static final Map<String, String> OWNED_BY_BACKEND = Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, "the subscription name is the group id",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "eventport commits offsets itself, only after an event was processed or dead-lettered",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "choose where a subscription starts with SubscriptionRequest.withStartPosition",
            ProducerConfig.TRANSACTIONAL_ID_CONFIG, "eventport does not use Kafka transactions",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, "the wire format is fixed: string keys, JSON bodies",
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, "the wire format is fixed: string keys, JSON bodies",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, "the wire format is fixed: string keys, JSON bodies",
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, "the wire format is fixed: string keys, JSON bodies");
    private static final Pattern KAFKA_KEY_IN_MESSAGE = Pattern.compile("(?:configuration|set|in) `?([a-z][a-z0-9.]*[a-z0-9])");

    private final EventportConfig source;
    private final Map<String, String> common;
    private final Map<String, String> producer;
    private final Map<String, String> consumer;
    private final Map<String, String> admin;
    private final boolean topicsCreate;
    private final int topicPartitions;
    private final OptionalInt topicReplication;
    private final Duration operationTimeout;
    private final Duration closeTimeout;
    private final Duration lagInterval;
    private final Duration publishTimeout;
    private final WireAttributes wireAttributes;

    private KafkaConfig(EventportConfig source) {
        this.source = source;
        source.require(BOOTSTRAP_SERVERS, "the Kafka cluster to connect to, host:port[,host:port...]");
        for (String family : OWN_FAMILIES) {
            source.rejectUnknownKeys(family, OWN_KEYS, "the Kafka backend");
        }
        Map<String, String> all = source.withPrefix(PREFIX);
        common = new TreeMap<>();
        all.forEach((key, value) -> {
            if (!OWN_KEYS.contains(PREFIX + key) && !key.startsWith("producer.") && !key.startsWith("consumer.")
                    && !key.startsWith("admin.")) {
                common.put(key, value);
            }
        });
        producer = source.withPrefix(PRODUCER_PREFIX);
        consumer = source.withPrefix(CONSUMER_PREFIX);
        admin = source.withPrefix(ADMIN_PREFIX);
        rejectOwnedKeys();
        topicsCreate = source.getBoolean(TOPICS_CREATE, true);
        topicPartitions = source.getInt(TOPICS_PARTITIONS, DEFAULT_PARTITIONS, 1);
        topicReplication = source.get(TOPICS_REPLICATION).isPresent()
                ? OptionalInt.of(source.getInt(TOPICS_REPLICATION, 1, 1)) : OptionalInt.empty();
        if (topicReplication.isPresent() && topicReplication.getAsInt() > Short.MAX_VALUE) {
            throw source.invalid(TOPICS_REPLICATION, String.valueOf(topicReplication.getAsInt()), "a replication factor of at most " + Short.MAX_VALUE);
        }
        operationTimeout = positive(OPERATION_TIMEOUT, Duration.ofSeconds(30));
        closeTimeout = positive(CLOSE_TIMEOUT, Duration.ofSeconds(10));
        lagInterval = positive(LAG_INTERVAL, Duration.ofSeconds(1));
        publishTimeout = positive(PUBLISH_TIMEOUT, Duration.ofSeconds(30));
        wireAttributes = WireAttributes.from(source);
        validateWithKafka();
    }

    /** Reads and validates the Kafka keys of {@code config}. */
    public static KafkaConfig from(EventportConfig config) {
        return new KafkaConfig(config);
    }

    /** A configuration with only the bootstrap servers set, every other key at its default. */
    public static KafkaConfig forBootstrapServers(String bootstrapServers) {
        return from(EventportConfig.of(Map.of(BOOTSTRAP_SERVERS, bootstrapServers)));
    }

    /** The configuration this was read from (for the destination naming and other non-Kafka keys). */
    public EventportConfig source() {
        return source;
    }

    /** The cluster's bootstrap servers. */
    public String bootstrapServers() {
        return common.get("bootstrap.servers");
    }

    /** Whether missing topics are created. */
    public boolean topicsCreate() {
        return topicsCreate;
    }

    /** Partitions of created topics. */
    public int topicPartitions() {
        return topicPartitions;
    }

    /** Replication factor of created topics; empty means the broker's default. */
    public OptionalInt topicReplication() {
        return topicReplication;
    }

    /** Longest wait for one cluster operation. */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /** Longest wait for closing a subscription. */
    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** How often lag is measured. */
    public Duration lagInterval() {
        return lagInterval;
    }

    /** Longest a publish takes to be acknowledged or to fail. */
    public Duration publishTimeout() {
        return publishTimeout;
    }

    /** What is sent beside each body ({@value WireAttributes#KEY}). */
    public WireAttributes wireAttributes() {
        return wireAttributes;
    }

    Map<String, Object> producerProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.putAll(common);
        p.putAll(producer);
        boundPublishTime(p);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /**
     * Applies {@link #PUBLISH_TIMEOUT} to the producer keys not set explicitly: {@code max.block.ms}, and
     * {@code delivery.timeout.ms} with a {@code request.timeout.ms} small enough for Kafka to accept it.
     */
    private void boundPublishTime(Map<String, Object> p) {
        long timeout = publishTimeout.toMillis();
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout));
        if (p.containsKey(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)) {
            return;
        }
        long linger = millis(p.get(ProducerConfig.LINGER_MS_CONFIG), KAFKA_LINGER_MS);
        long request = millis(p.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG), Math.max(1, Math.min(KAFKA_REQUEST_TIMEOUT_MS, timeout - linger)));
        p.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(request));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeout, request + linger)));
    }

    private static long millis(Object value, long fallback) {
        try {
            return value == null ? fallback : Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return fallback; // Kafka's own validation names the bad value
        }
    }

    Map<String, Object> consumerProperties(String groupId) {
        Map<String, Object> p = new HashMap<>(common);
        p.putAll(consumer);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // positions without a committed offset are set by the backend; this only applies to offsets out of range
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    /** The consumers' {@code max.poll.interval.ms}, as Kafka reads it (its default when not set). */
    long maxPollIntervalMillis(String groupId) {
        return new ConsumerConfig(consumerProperties(groupId)).getInt(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
    }

    Map<String, Object> adminProperties() {
        Map<String, Object> p = new HashMap<>(common);
        p.putAll(admin);
        return p;
    }

    private void rejectOwnedKeys() {
        for (Map.Entry<String, String> owned : OWNED_BY_BACKEND.entrySet()) {
            for (String prefix : List.of(PREFIX, PRODUCER_PREFIX, CONSUMER_PREFIX, ADMIN_PREFIX)) {
                String key = prefix + owned.getKey();
                if (source.get(key).isPresent()) {
                    throw new ConfigurationException("Configuration key '" + key + "' (from " + source.sourceOf(key)
                            + ") cannot be set: " + owned.getValue() + ". Remove it.");
                }
            }
        }
    }

    private Duration positive(String key, Duration defaultValue) {
        Duration value = source.getDuration(key, defaultValue);
        if (value.isZero()) {
            throw source.invalid(key, source.get(key).orElse("0"), "a positive duration like 500ms, 5s or 1m");
        }
        return value;
    }

    /** Lets Kafka's own definitions check every passed-through key and value now, rather than when a client is created. */
    private void validateWithKafka() {
        rejectUnknownClientKeys();
        check("producer", () -> new ProducerConfig(producerProperties()));
        check("consumer", () -> new ConsumerConfig(consumerProperties("eventport-validation")));
        check("admin", () -> new AdminClientConfig(adminProperties()));
    }

    /** A misspelt client setting would only be logged as "supplied but isn't a known config" and ignored: refuse it. */
    private void rejectUnknownClientKeys() {
        Set<String> anyClient = new HashSet<>(OWN_KEYS);
        for (String prefix : List.of(PRODUCER_PREFIX, CONSUMER_PREFIX, ADMIN_PREFIX)) {
            source.withPrefix(prefix).keySet().forEach(key -> anyClient.add(prefix + key));
        }
        anyClient.addAll(prefixed(PREFIX, ProducerConfig.configNames()));
        anyClient.addAll(prefixed(PREFIX, ConsumerConfig.configNames()));
        anyClient.addAll(prefixed(PREFIX, AdminClientConfig.configNames()));
        source.rejectUnknownKeys(PREFIX, anyClient, "the Kafka clients");
        source.rejectUnknownKeys(PRODUCER_PREFIX, prefixed(PRODUCER_PREFIX, ProducerConfig.configNames()), "the Kafka producer");
        source.rejectUnknownKeys(CONSUMER_PREFIX, prefixed(CONSUMER_PREFIX, ConsumerConfig.configNames()), "the Kafka consumer");
        source.rejectUnknownKeys(ADMIN_PREFIX, prefixed(ADMIN_PREFIX, AdminClientConfig.configNames()), "the Kafka admin client");
    }

    private static Set<String> prefixed(String prefix, Set<String> names) {
        Set<String> keys = new HashSet<>();
        names.forEach(name -> keys.add(prefix + name));
        return keys;
    }

    private void check(String client, Runnable validation) {
        try {
            validation.run();
        } catch (ConfigException e) {
            throw rejected(client, e);
        }
    }

    /** A {@link ConfigurationException} for a Kafka client that refused this configuration, naming our key if found. */
    ConfigurationException rejected(String client, RuntimeException e) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && chain.indexOf(t.getMessage()) < 0) {
                chain.append(chain.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        String kafkaMessage = secretFree(chain.toString());
        Optional<String> key = keyNamedIn(client, kafkaMessage);
        String where = key.map(k -> "Check '" + k + "' (from " + source.sourceOf(k) + ")")
                .orElse("Check the keys under " + PREFIX + " (from " + PREFIX + "* Kafka client settings)");
        return new ConfigurationException("The Kafka " + client + " rejected the configuration: " + kafkaMessage + ". " + where
                + "; see the Kafka client documentation for valid values.", e);
    }

    private Optional<String> keyNamedIn(String client, String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher m = KAFKA_KEY_IN_MESSAGE.matcher(message);
        while (m.find()) {
            String kafkaKey = m.group(1);
            for (String candidate : List.of(PREFIX + client + "." + kafkaKey, PREFIX + kafkaKey)) {
                if (source.get(candidate).isPresent()) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code message} with the value of every secret key replaced by {@code ****}. */
    String secretFree(String message) {
        String result = message == null ? "" : message;
        for (String key : source.keys()) {
            if (EventportConfig.isSecret(key)) {
                String secret = source.get(key).orElse("");
                if (!secret.isEmpty()) {
                    result = result.replace(secret, "****");
                }
            }
        }
        return result;
    }

    /** The keys and values, with secrets masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        for (String key : source.keys()) {
            if (key.startsWith(PREFIX)) {
                shown.put(key, EventportConfig.isSecret(key) ? "****" : source.get(key).orElse(""));
            }
        }
        return "KafkaConfig" + shown;
    }
}

package dev.eventport.adapter.kafka;

import dev.eventport.ports.EventportException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Makes sure an event topic and its dead-letter topic exist, creating them when configured to, and remembers the
 * topics it has seen so that the cluster is asked once per topic.
 */
final class KafkaTopics {

    /** The suffix of the dead-letter topic of a topic. */
    static final String DEAD_LETTER_SUFFIX = ".DLT";

    private final Admin admin;
    private final KafkaConfig config;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    KafkaTopics(Admin admin, KafkaConfig config) {
        this.admin = admin;
        this.config = config;
    }

    static String deadLetterTopic(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Ensures {@code topic} and {@code topic.DLT} exist; blocks at most the operation timeout. */
    void ensureExists(String topic) {
        if (known.contains(topic)) {
            return;
        }
        List<String> wanted = List.of(topic, deadLetterTopic(topic));
        List<String> missing = new ArrayList<>();
        for (String name : wanted) {
            if (describe(name).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            if (!config.topicsCreate()) {
                throw new EventportException("Topic(s) " + missing + " do not exist on the Kafka cluster at "
                        + config.bootstrapServers() + " and " + KafkaConfig.TOPICS_CREATE + " is false. Create them (e.g. "
                        + "kafka-topics.sh --create --topic " + missing.get(0) + " --partitions " + config.topicPartitions()
                        + ") or set " + KafkaConfig.TOPICS_CREATE + "=true.");
            }
            create(missing);
            awaitLeaders(missing);
        }
        known.add(topic);
    }

    /** The topic's partition count, or empty when it does not exist. */
    Optional<Integer> partitions(String topic) {
        return describe(topic).map(d -> d.partitions().size());
    }

    private Optional<TopicDescription> describe(String name) {
        try {
            Map<String, TopicDescription> found = admin.describeTopics(List.of(name),
                            new DescribeTopicsOptions().timeoutMs((int) timeoutMs())).allTopicNames()
                    .get(timeoutMs(), TimeUnit.MILLISECONDS);
            return Optional.ofNullable(found.get(name));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw failure("describe topic '" + name + "'", e.getCause());
        } catch (TimeoutException e) {
            throw failure("describe topic '" + name + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("describe topic '" + name + "'", e);
        }
    }

    private void create(List<String> names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, Optional.of(config.topicPartitions()),
                    config.topicReplication().isPresent() ? Optional.of((short) config.topicReplication().getAsInt()) : Optional.empty()));
        }
        try {
            admin.createTopics(topics, new CreateTopicsOptions().timeoutMs((int) timeoutMs())).values().forEach((name, future) -> {
                try {
                    future.get(timeoutMs(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw failure("create topic '" + name + "' (set " + KafkaConfig.TOPICS_CREATE
                                + "=false and create it yourself if the cluster does not allow it)", e.getCause());
                    }
                } catch (TimeoutException e) {
                    throw failure("create topic '" + name + "'", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure("create topic '" + name + "'", e);
                }
            });
        } catch (RuntimeException e) {
            if (e instanceof EventportException) {
                throw e;
            }
            throw failure("create topics " + names, e);
        }
    }

    /**
     * Waits until every partition of the new topics answers an offset request from its leader: a producer that
     * writes before a new partition's leader is ready can get NOT_LEADER and, being idempotent, keep retrying its
     * batches until the delivery timeout.
     */
    private void awaitLeaders(List<String> names) {
        long deadline = System.nanoTime() + config.operationTimeout().toNanos();
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(names).allTopicNames().get(timeoutMs(), TimeUnit.MILLISECONDS).values()
                        .forEach(d -> d.partitions().forEach(p ->
                                partitions.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs((int) timeoutMs())).all()
                        .get(timeoutMs(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw failure("reach the leaders of the new topics " + names, e.getCause());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            } catch (TimeoutException e) {
                throw failure("reach the leaders of the new topics " + names, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure("reach the leaders of the new topics " + names, e);
            }
        }
    }

    private long timeoutMs() {
        return config.operationTimeout().toMillis();
    }

    private EventportException failure(String what, Throwable cause) {
        Optional<? extends EventportException> authentication = KafkaAuthenticationFailure.of(cause, config);
        if (authentication.isPresent()) {
            return authentication.get();
        }
        return new EventportException("Could not " + what + " on the Kafka cluster at " + config.bootstrapServers()
                + " within " + config.operationTimeout().toSeconds() + " s (" + KafkaConfig.OPERATION_TIMEOUT + "): " + cause
                + ". Check that the cluster is reachable and that this client may describe and create topics.", cause);
    }
}

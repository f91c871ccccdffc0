package dev.eventport.adapter.kafka;

import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.spi.BackendObservers;
import dev.eventport.ports.spi.EventCodec;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * What the publishers, subscribers and subscriptions of one backend share: its configuration, its one producer
 * (events and dead letters), its admin client, its codec, naming and topics, the scheduler of lag measurements,
 * its observers and what it knows of the cluster's health.
 */
record KafkaContext(KafkaConfig config, Producer<String, byte[]> producer, Admin admin, EventCodec codec,
                    DestinationNaming naming, KafkaTopics topics, ScheduledExecutorService scheduler,
                    AtomicInteger clientIds, BackendObservers observers, ClusterHealth health) {

    /** A new consumer of the group {@code groupId} (no group when null), with a client id unique in this process. */
    KafkaConsumer<String, byte[]> newConsumer(String groupId) {
        return newConsumer(groupId, Map.of());
    }

    /** The same, with {@code overrides} on top of the configured consumer properties. */
    KafkaConsumer<String, byte[]> newConsumer(String groupId, Map<String, Object> overrides) {
        var properties = config.consumerProperties(groupId);
        properties.putAll(overrides);
        Object clientId = properties.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, "eventport-" + (groupId == null ? "reader" : groupId));
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + clientIds.incrementAndGet());
        try {
            return new KafkaConsumer<>(properties);
        } catch (KafkaException e) {
            throw config.rejected("consumer", e);
        }
    }
}

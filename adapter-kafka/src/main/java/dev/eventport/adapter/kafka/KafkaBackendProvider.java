package dev.eventport.adapter.kafka;

import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.spi.AbstractBackendProvider;

/**
 * The {@code kafka} backend for {@link dev.eventport.ports.MessagingBackends} ({@code eventport.backend=kafka}),
 * and the explicit way to open one with {@link #open(KafkaConfig)}.
 *
 * <p>Contract: {@link #open(EventportConfig)} validates every {@value KafkaConfig#PREFIX} key (see
 * {@link KafkaConfig}) and creates the producer and admin client before returning, so bad configuration fails here
 * with a {@link dev.eventport.ports.ConfigurationException}; it does not wait for the cluster to be reachable.
 * Capabilities: durable, fan-out, competing consumers, ordered per key, replay, new subscriptions see history,
 * dead letters, cross-process.
 */
public final class KafkaBackendProvider extends AbstractBackendProvider {

    /** The name selected by {@code eventport.backend}. */
    public static final String NAME = "kafka";

    /** For {@link java.util.ServiceLoader}. */
    public KafkaBackendProvider() {
        super(NAME, config -> KafkaBackend.CAPABILITIES);
    }

    @Override
    public EventBackend open(EventportConfig config) {
        return open(KafkaConfig.from(config));
    }

    /** Opens a Kafka backend with this configuration; destinations follow {@link DestinationNaming#fromConfig}. */
    public static EventBackend open(KafkaConfig config) {
        return new KafkaBackend(config, DestinationNaming.fromConfig(config.source()));
    }
}

package dev.eventport.adapter.kafka;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.contract.EventBackendContract;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Kafka backend passes the contract suite on a real embedded KRaft broker shared by the test run. */
class KafkaBackendContractTest extends EventBackendContract {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.shared();

    @Override
    protected EventBackend openBackend(EventportConfig config) {
        return new KafkaBackendProvider().open(config.with(Map.of(
                KafkaConfig.BOOTSTRAP_SERVERS, KAFKA.bootstrapServers(),
                KafkaConfig.LAG_INTERVAL, "200ms",
                KafkaConfig.CLOSE_TIMEOUT, "5s",
                KafkaConfig.CONSUMER_PREFIX + "heartbeat.interval.ms", "500")));
    }
}

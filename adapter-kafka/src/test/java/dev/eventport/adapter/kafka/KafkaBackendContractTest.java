package dev.eventport.adapter.kafka;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.contract.EventBackendContract;
import dev.eventport.testkit.contract.RawSender;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
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

    /** A plain producer of raw records: no key, the body as the value, each header as UTF-8 bytes. */
    @Override
    protected Optional<RawSender> rawSender() {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
        return Optional.of(new RawSender() {
            @Override
            public void send(String destination, byte[] body, Map<String, String> headers) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(destination, body);
                headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }

            @Override
            public void flush() {
                producer.flush();
            }

            @Override
            public void close() {
                producer.close();
            }
        });
    }
}

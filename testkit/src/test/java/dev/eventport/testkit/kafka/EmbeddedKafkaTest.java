package dev.eventport.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.internals.Exit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = EmbeddedKafkaExtension.dedicated();

    @Test
    void plainClientsProduceAndConsume() throws Exception {
        createTopic("plain-clients");
        produce("plain-clients", 0, 20);

        assertThat(consume("plain-clients", "plain-clients-group", 20)).hasSize(20).first().isEqualTo("value-0");
    }

    @Test
    void restartKeepsRecordsAndCommittedOffsets() throws Exception {
        createTopic("restart-durability");
        produce("restart-durability", 0, 10);
        assertThat(consume("restart-durability", "restart-group", 10)).hasSize(10);

        KAFKA.broker().restart();

        produce("restart-durability", 10, 15);
        assertThat(consume("restart-durability", "restart-group", 5))
                .as("the committed offset survived: only records after it are read")
                .containsExactly("value-10", "value-11", "value-12", "value-13", "value-14");
        assertThat(consume("restart-durability", "another-group-after-restart", 15))
                .as("every record survived")
                .hasSize(15);
    }

    @Test
    void stoppedBrokerIsReportedAndRestartsOnTheSamePort() throws Exception {
        EmbeddedKafka broker = KAFKA.broker();
        String before = broker.bootstrapServers();
        broker.stop();
        assertThat(broker.isRunning()).isFalse();

        broker.restart();

        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(before);
    }

    @Test
    void closeDeletesTheDirectoryAndIsIdempotent() {
        EmbeddedKafka broker = EmbeddedKafka.start();
        Path directory = broker.logDirectory();
        assertThat(directory).isDirectory();

        broker.close();
        broker.close();

        assertThat(Files.exists(directory)).isFalse();
        assertThat(broker.isRunning()).isFalse();
        assertThatThrownBy(broker::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("EmbeddedKafka.start()");
    }

    @Test
    void aBrokerFaultThatWouldHaltTheJvmThrowsInstead() {
        assertThat(KAFKA.broker().isRunning()).isTrue();

        assertThatThrownBy(() -> Exit.halt(1, "simulated fatal fault"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The embedded Kafka broker asked to halt the JVM with status 1: simulated fatal fault; the JVM keeps running.");
        assertThatThrownBy(() -> Exit.exit(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("asked to exit the JVM with status 1");
    }

    private static void createTopic(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static void produce(String topic, int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Reads {@code count} records as {@code group}, commits them, and returns their values. */
    private static List<String> consume(String topic, String group, int count) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(count)), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }
}

package dev.eventport.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedKafkaExtension.class)
class EmbeddedKafkaExtensionTest {

    @Test
    void sharedBrokerIsInjectedAndAnswers(EmbeddedKafka kafka) throws Exception {
        assertThat(kafka.isRunning()).isTrue();
        try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void everyTestOfTheRunGetsTheSameSharedBroker(EmbeddedKafka first, EmbeddedKafka second) {
        assertThat(first).isSameAs(second);
    }
}

package dev.eventport.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaClusterTest {

    @RegisterExtension
    static final EmbeddedKafkaClusterExtension KAFKA = EmbeddedKafkaClusterExtension.of(3);

    @Test
    void topicsAreReplicatedThreeTimesWithTwoInSyncReplicasRequired() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("replicated", java.util.Optional.of(2), java.util.Optional.empty()))).all().get(30, TimeUnit.SECONDS);
            KAFKA.cluster().leaderOf("replicated", 1); // waits until the brokers know the new topic
            TopicDescription description = admin.describeTopics(List.of("replicated")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("replicated");
            assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            var configs = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "replicated"))).all().get(30, TimeUnit.SECONDS);
            assertThat(configs.values().iterator().next().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).isEqualTo("2");
        }
        assertThat(KAFKA.cluster().nodeIds()).containsExactly(1, 2, 3);
    }

    @Test
    void writesGoOnAfterTheLeaderIsKilledAndItRejoinsAfterRestart() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("failover", 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.cluster().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("failover", "k", "before")).get(30, TimeUnit.SECONDS);
            int leader = KAFKA.cluster().leaderOf("failover", 0);

            KAFKA.cluster().kill(leader);

            assertThat(KAFKA.cluster().isRunning(leader)).isFalse();
            producer.send(new ProducerRecord<>("failover", "k", "after")).get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> KAFKA.cluster().leaderOf("failover", 0) != leader);

            KAFKA.cluster().restart(leader);

            assertThat(KAFKA.cluster().isRunning(leader)).isTrue();
            try (Admin admin = admin()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> admin.describeTopics(List.of("failover")).allTopicNames()
                        .get(30, TimeUnit.SECONDS).get("failover").partitions().get(0).isr().size() == 3);
            }
        }
    }

    @Test
    void unknownNodesAndTooSmallClustersAreRefused() {
        assertThatThrownBy(() -> KAFKA.cluster().kill(7)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 2, 3]");
        assertThatThrownBy(() -> EmbeddedKafkaCluster.start(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 3 nodes");
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", KAFKA.cluster().bootstrapServers()));
    }
}

package dev.eventport.testkit.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Quiet broker logging and waiting until embedded brokers answer: what the single broker and the cluster share. */
final class KafkaReadiness {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private KafkaReadiness() {
    }

    /**
     * Sets the brokers' loggers to WARN (controller, raft, replica fetchers and reconnections to ERROR) unless
     * the user configured them; call before the first broker starts.
     */
    static void quietBrokerLogging() {
        quietLogging("kafka", "warn");
        quietLogging("org.apache.kafka", "warn");
        quietLogging("org.apache.kafka.controller", "error");
        // a stopped node of a cluster makes its peers log every failed fetch and reconnection until it is back
        quietLogging("kafka.server.ReplicaFetcherThread", "error");
        quietLogging("org.apache.kafka.server.ReplicaFetcherThread", "error");
        quietLogging("org.apache.kafka.raft", "error");
        // the last nodes of a closing cluster cannot resign gracefully: expected, not an error of the test
        quietLogging("org.apache.kafka.raft.KafkaRaftClientDriver", "off");
        // clients and the nodes' own raft clients log every failed connection to a node that is not (yet) up
        quietLogging("org.apache.kafka.clients.NetworkClient", "error");
    }

    /** Waits until the cluster at {@code bootstrapServers} lists {@code nodes} unfenced brokers. */
    static void awaitBrokers(String bootstrapServers, Map<String, String> security, int nodes) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(READY_TIMEOUT.toMillis()));
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        int seen = -1;
        try (Admin admin = Admin.create(config)) {
            while (true) {
                seen = admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
                if (seen >= nodes) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException(seen + " of " + nodes + " brokers registered");
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker(s) at " + bootstrapServers, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The embedded Kafka broker(s) at " + bootstrapServers + " did not answer with " + nodes
                    + " live broker(s) within " + READY_TIMEOUT.toSeconds() + " s: " + e, e);
        }
    }

    private static void quietLogging(String loggerPrefix, String level) {
        String key = "org.slf4j.simpleLogger.log." + loggerPrefix;
        if (System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }
}

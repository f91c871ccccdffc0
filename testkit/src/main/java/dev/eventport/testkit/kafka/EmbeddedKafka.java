package dev.eventport.testkit.kafka;

import dev.eventport.testkit.local.LocalResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker (KRaft: broker and controller in one process role) running inside this
 * JVM on 127.0.0.1, with its data in a temporary directory.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start()} formats a new temporary log directory, picks two free loopback ports (client and
 *       controller) and returns once the broker answers clients at {@link #bootstrapServers()}.</li>
 *   <li>{@link #stop()} shuts the broker down and keeps its data; {@link #restart()} starts it again on the same
 *       directory and ports, so topics, records and committed offsets survive and clients reconnect by
 *       themselves.</li>
 *   <li>{@link #close()} stops the broker and deletes the temporary directory; it is idempotent.</li>
 *   <li>A fatal broker fault never ends the JVM: Kafka's exit and halt procedures throw instead.</li>
 *   <li>Broker logging through slf4j-simple is set to WARN (controller internals to ERROR) unless configured
 *       otherwise.</li>
 * </ul>
 * Thread safe. Topics are never auto-created; each test should create its own.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    static {
        quietLogging("kafka", "warn");
        quietLogging("org.apache.kafka", "warn");
        quietLogging("org.apache.kafka.controller", "error");
    }

    private final Path directory;
    private final String clusterId = Uuid.randomUuid().toString();
    private int brokerPort;
    private int controllerPort;
    private KafkaRaftNode node;
    private boolean closed;

    private EmbeddedKafka(Path directory) {
        this.directory = directory;
    }

    /** Starts a new broker with empty storage on free loopback ports. */
    public static EmbeddedKafka start() {
        Path directory = LocalResources.newTemporaryDirectory("eventport-kafka-", "the embedded Kafka broker");
        EmbeddedKafka kafka = new EmbeddedKafka(directory);
        try {
            kafka.startOnFreePorts();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    private synchronized void startOnFreePorts() {
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            brokerPort = LocalResources.freeLoopbackPort("the embedded Kafka broker");
            controllerPort = LocalResources.freeLoopbackPort("the embedded Kafka broker");
            try {
                startNode();
                return;
            } catch (IllegalStateException e) {
                // another process may have taken a port between picking and binding it: pick again
                failure = e;
            }
        }
        throw failure;
    }

    /** {@code 127.0.0.1:<port>}: the value of the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The broker's log directory (also its metadata log directory). */
    public Path logDirectory() {
        return directory;
    }

    /** Whether the broker is running. */
    public synchronized boolean isRunning() {
        return node != null;
    }

    /** Stops the broker, keeping its data, directory and ports; does nothing if it is stopped. */
    public synchronized void stop() {
        if (node != null) {
            KafkaRaftNode running = node;
            node = null;
            running.stop();
        }
    }

    /** Stops the broker if it runs, then starts it again on the same directory and ports. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("This embedded Kafka broker is closed and its data deleted; start a new one "
                    + "with EmbeddedKafka.start()");
        }
        stop();
        startNode();
    }

    private void startNode() {
        try {
            node = KafkaRaftNode.start(directory, clusterId, brokerPort, controllerPort);
        } catch (Exception e) {
            throw new IllegalStateException("The embedded Kafka broker did not start on 127.0.0.1:" + brokerPort
                    + " (controller port " + controllerPort + ", directory " + directory + "): " + e, e);
        }
        awaitReady();
    }

    private void awaitReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(READY_TIMEOUT.toMillis())))) {
            admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded Kafka broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The embedded Kafka broker at " + bootstrapServers() + " did not answer within "
                    + READY_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /** Stops the broker and deletes its directory; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            LocalResources.deleteRecursively(directory, "the embedded Kafka broker's directory");
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafka[" + bootstrapServers() + ", " + directory + (isRunning() ? ", running]" : ", stopped]");
    }

    private static void quietLogging(String loggerPrefix, String level) {
        String key = "org.slf4j.simpleLogger.log." + loggerPrefix;
        if (System.getProperty(key) == null) {
            System.setProperty(key, level);
        }
    }
}

package dev.eventport.testkit.kafka;

import dev.eventport.testkit.local.LocalResources;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker (KRaft: broker and controller in one process role) running inside this
 * JVM on 127.0.0.1, with its data in a temporary directory.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start()} formats a new temporary log directory, picks free loopback ports and returns once the broker
 *       answers clients at {@link #bootstrapServers()}.</li>
 *   <li>{@link #startWithScram(String, String)} does the same for a broker whose client listener requires SASL
 *       SCRAM-SHA-256 authentication (over plain TCP, on loopback only) and knows exactly one user; its storage is
 *       formatted with that user's credentials, so nothing is created at run time.
 *       {@link #clientSecurity(String, String)} gives the Kafka client settings for any user and password, and
 *       {@link #failedAuthentications()} counts the connections it refused so far.</li>
 *   <li>{@link #stop()} shuts the broker down and keeps its data; {@link #restart()} starts it again on the same
 *       directory and ports, so topics, records and committed offsets survive and clients reconnect by
 *       themselves.</li>
 *   <li>{@link #close()} stops the broker and deletes the temporary directory; it is idempotent.</li>
 *   <li>A fatal broker fault never ends the JVM: Kafka's exit and halt procedures throw instead.</li>
 *   <li>Broker logging through slf4j-simple is set to WARN (controller, raft, replica fetchers and client
 *       reconnections to ERROR) unless configured otherwise.</li>
 * </ul>
 * Thread safe. Topics are never auto-created; each test should create its own.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int START_ATTEMPTS = 3;

    static {
        KafkaReadiness.quietBrokerLogging();
    }

    private final Path directory;
    private final KafkaNodeSpec.ScramUser scram;
    private final String clusterId = Uuid.randomUuid().toString();
    private KafkaNodeSpec spec;
    private KafkaRaftNode node;
    private boolean closed;

    private EmbeddedKafka(Path directory, KafkaNodeSpec.ScramUser scram) {
        this.directory = directory;
        this.scram = scram;
    }

    /** Starts a new broker with empty storage on free loopback ports. */
    public static EmbeddedKafka start() {
        return start(null);
    }

    /**
     * Starts a new broker whose clients must authenticate with SASL SCRAM-SHA-256 as {@code user} with
     * {@code password}; connect with {@link #clientSecurity(String, String)}.
     */
    public static EmbeddedKafka startWithScram(String user, String password) {
        return start(new KafkaNodeSpec.ScramUser(Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password")));
    }

    private static EmbeddedKafka start(KafkaNodeSpec.ScramUser scram) {
        Path directory = LocalResources.newTemporaryDirectory("eventport-kafka-", "the embedded Kafka broker");
        EmbeddedKafka kafka = new EmbeddedKafka(directory, scram);
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
            int controllerPort = LocalResources.freeLoopbackPort("the embedded Kafka broker");
            spec = new KafkaNodeSpec(1, directory, LocalResources.freeLoopbackPort("the embedded Kafka broker"),
                    scram == null ? 0 : LocalResources.freeLoopbackPort("the embedded Kafka broker"), controllerPort,
                    "1@127.0.0.1:" + controllerPort, 1, false, scram);
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
        return "127.0.0.1:" + spec.clientPort();
    }

    /**
     * The Kafka client settings ({@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}) that
     * authenticate as {@code user} with {@code password} at a broker started with {@link #startWithScram}; empty for a
     * broker without authentication.
     */
    public Map<String, String> clientSecurity(String user, String password) {
        Map<String, String> security = new HashMap<>();
        if (scram != null) {
            security.put("security.protocol", "SASL_PLAINTEXT");
            security.put("sasl.mechanism", KafkaNodeSpec.SCRAM_MECHANISM);
            security.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                    + user + "\" password=\"" + password + "\";");
        }
        return security;
    }

    /**
     * How many client connections the broker has refused for failed authentication since it started (its
     * {@code failed-authentication-total} socket-server metric); 0 for a broker without authentication.
     */
    public long failedAuthentications() {
        if (scram == null || !isRunning()) {
            return 0;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            long total = 0;
            for (ObjectName name : server.queryNames(new ObjectName("kafka.server:type=socket-server-metrics,listener="
                    + KafkaNodeSpec.saslListener(spec.clientPort()) + ",networkProcessor=*"), null)) {
                total += ((Number) server.getAttribute(name, "failed-authentication-total")).longValue();
            }
            return total;
        } catch (JMException e) {
            throw new IllegalStateException("Cannot read the failed-authentication metric of the embedded Kafka broker", e);
        }
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
            node = KafkaRaftNode.start(spec, clusterId);
        } catch (Exception e) {
            throw new IllegalStateException("The embedded Kafka broker did not start: " + spec + ": " + e, e);
        }
        KafkaReadiness.awaitBrokers(bootstrapServers(), scram == null ? Map.of() : clientSecurity(scram.name(), scram.password()), 1);
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
        return "EmbeddedKafka[" + bootstrapServers() + (scram == null ? "" : ", SASL " + KafkaNodeSpec.SCRAM_MECHANISM + " user "
                + scram.name()) + ", " + directory + (isRunning() ? ", running]" : ", stopped]");
    }
}

package dev.eventport.testkit.kafka;

import java.util.List;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The one place that touches Kafka's internal server APIs ({@link KafkaRaftServer}, {@link KafkaConfig},
 * {@link Formatter}, {@link Exit}), so that a Kafka upgrade changes this file only. One instance is one run of a
 * combined broker and controller on a formatted log directory.
 */
final class KafkaRaftNode {

    private static final Object EXIT_LOCK = new Object();
    private static boolean exitReplaced;

    private final KafkaRaftServer server;

    private KafkaRaftNode(KafkaRaftServer server) {
        this.server = server;
    }

    /**
     * Formats the node's directory for {@code clusterId} unless it is already formatted, then starts its broker and
     * controller. Returns once the broker is registered and unfenced, which needs a quorum of the node's controllers:
     * the nodes of a cluster must be started concurrently.
     */
    static KafkaRaftNode start(KafkaNodeSpec spec, String clusterId) throws Exception {
        neverExitTheJvm();
        format(spec, clusterId);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(spec.properties(), false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            shutDown(server);
            throw e;
        }
        return new KafkaRaftNode(server);
    }

    /** Stops the broker and controller and waits until they have released the log directory and the ports. */
    void stop() {
        shutDown(server);
    }

    private static void shutDown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Kafka halts the JVM on fatal faults; in a test JVM (or a demo) a fault must fail the broker, not the process. */
    private static void neverExitTheJvm() {
        synchronized (EXIT_LOCK) {
            if (!exitReplaced) {
                Exit.setExitProcedure((status, message) -> {
                    throw new IllegalStateException("The embedded Kafka broker asked to exit the JVM with status " + status
                            + (message == null ? "" : ": " + message) + "; the JVM keeps running.");
                });
                Exit.setHaltProcedure((status, message) -> {
                    throw new IllegalStateException("The embedded Kafka broker asked to halt the JVM with status " + status
                            + (message == null ? "" : ": " + message) + "; the JVM keeps running.");
                });
                exitReplaced = true;
            }
        }
    }

    private static void format(KafkaNodeSpec spec, String clusterId) throws Exception {
        new Formatter()
                .setNodeId(spec.nodeId())
                .setClusterId(clusterId)
                .setDirectories(List.of(spec.logDir().toString()))
                .setMetadataLogDirectory(spec.logDir().toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setScramArguments(spec.scramArguments())
                .setIgnoreFormatted(true)
                .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .run();
    }
}

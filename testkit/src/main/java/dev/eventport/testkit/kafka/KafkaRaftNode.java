package dev.eventport.testkit.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
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

    private static final int NODE_ID = 1;
    private static final Object EXIT_LOCK = new Object();
    private static boolean exitReplaced;

    private final KafkaRaftServer server;

    private KafkaRaftNode(KafkaRaftServer server) {
        this.server = server;
    }

    /**
     * Formats {@code logDir} for {@code clusterId} unless it is already formatted, then starts a broker and
     * controller listening on 127.0.0.1 at the two ports.
     */
    static KafkaRaftNode start(Path logDir, String clusterId, int brokerPort, int controllerPort) throws Exception {
        neverExitTheJvm();
        format(logDir, clusterId);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties(logDir, brokerPort, controllerPort), false),
                Time.SYSTEM);
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

    private static void format(Path logDir, String clusterId) throws Exception {
        new Formatter()
                .setNodeId(NODE_ID)
                .setClusterId(clusterId)
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName("CONTROLLER")
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setIgnoreFormatted(true)
                .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .run();
    }

    private static Properties properties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.put("controlled.shutdown.enable", "true");
        return p;
    }
}

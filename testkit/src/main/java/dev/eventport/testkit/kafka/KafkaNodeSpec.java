package dev.eventport.testkit.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * What one embedded KRaft node (broker and controller in one) is: its id, directory, loopback ports, the controller
 * quorum it belongs to, the replication its internal topics get, and optionally a SCRAM-authenticated client
 * listener. Turns into the node's server properties and the SCRAM credentials its storage is formatted with.
 *
 * @param nodeId         the node id (also its voter id)
 * @param logDir         its log and metadata directory
 * @param clientPort     the port clients connect to (PLAINTEXT, or SASL_PLAINTEXT when {@code scram} is set)
 * @param internalPort   the inter-broker PLAINTEXT port when {@code scram} is set (0 otherwise: clients and brokers share
 *                       the client listener)
 * @param controllerPort the controller listener's port
 * @param voters         {@code id@127.0.0.1:port,...} of every controller of the quorum
 * @param replication    the replication factor of new topics and internal topics ({@code min.insync.replicas} is
 *                       {@code replication - 1}, at least 1)
 * @param fastFailover   whether a stopped node should look crashed: no controlled shutdown, and the controller fences a
 *                       silent broker after a short session timeout
 * @param scram          the user a SCRAM-SHA-256 client listener accepts, or null for a PLAINTEXT client listener
 */
record KafkaNodeSpec(int nodeId, Path logDir, int clientPort, int internalPort, int controllerPort, String voters,
                     int replication, boolean fastFailover, ScramUser scram) {

    static final String SCRAM_MECHANISM = "SCRAM-SHA-256";

    /** A SCRAM user and password the broker is formatted with. */
    record ScramUser(String name, String password) {
        @Override
        public String toString() {
            return "ScramUser[" + name + ", ****]";
        }
    }

    /**
     * The name of the authenticated client listener on {@code port}: unique per broker in this JVM, because it names
     * the broker's socket-server metrics.
     */
    static String saslListener(int port) {
        return "SASL_" + port;
    }

    /** {@code id@127.0.0.1:port,...} of the given nodes' controllers. */
    static String voters(List<KafkaNodeSpec> nodes) {
        return nodes.stream().map(n -> n.nodeId() + "@127.0.0.1:" + n.controllerPort()).collect(Collectors.joining(","));
    }

    /** The storage formatter's SCRAM arguments ({@code kafka-storage format --add-scram}); empty without SCRAM. */
    List<String> scramArguments() {
        return scram == null ? List.of()
                : List.of(SCRAM_MECHANISM + "=[name=" + scram.name() + ",password=" + scram.password() + "]");
    }

    Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put("controller.listener.names", "CONTROLLER");
        if (scram == null) {
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        } else {
            String sasl = saslListener(clientPort);
            String listener = sasl + "://127.0.0.1:" + clientPort + ",INTERNAL://127.0.0.1:" + internalPort;
            p.put("listeners", listener + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", listener);
            p.put("inter.broker.listener.name", "INTERNAL");
            p.put("listener.security.protocol.map", sasl + ":SASL_PLAINTEXT,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
            p.put("listener.name." + sasl.toLowerCase(java.util.Locale.ROOT) + "." + SCRAM_MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        p.put("log.dirs", logDir.toString());
        p.put("metadata.log.dir", logDir.toString());
        String replicas = String.valueOf(replication);
        String minInSync = String.valueOf(Math.max(1, replication - 1));
        p.put("offsets.topic.replication.factor", replicas);
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minInSync);
        p.put("transaction.state.log.num.partitions", "1");
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minInSync);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minInSync);
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.put("num.partitions", "1");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        p.put("controlled.shutdown.enable", String.valueOf(!fastFailover));
        if (fastFailover) {
            p.put("broker.heartbeat.interval.ms", "500");
            p.put("broker.session.timeout.ms", "4000");
        }
        return p;
    }

    @Override
    public String toString() {
        return "node " + nodeId + " (client port " + clientPort + ", controller port " + controllerPort + ", " + logDir + ")";
    }
}

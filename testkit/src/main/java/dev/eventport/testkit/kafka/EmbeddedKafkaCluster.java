package dev.eventport.testkit.kafka;

import dev.eventport.testkit.local.LocalResources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka cluster of several KRaft nodes (each broker and controller in one) inside this JVM on
 * 127.0.0.1, for tests of replication and failover.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start(int)} starts {@code nodes} (at least 3) nodes, numbered 1 to {@code nodes}, that form one
 *       controller quorum, and returns once every broker is registered. Topics and internal topics get a replication
 *       factor of 3 and {@code min.insync.replicas} 2, so that an {@code acks=all} write survives the loss of any one
 *       node and the cluster keeps accepting writes without it.</li>
 *   <li>{@link #kill(int)} stops one node the way a crash looks to the rest of the cluster: no controlled shutdown
 *       (its partition leaderships are not handed over), so the controller fences it when its broker session of
 *       4 s expires and elects new leaders from the in-sync replicas. Its data and ports are kept.
 *       {@link #restart(int)} starts it again on the same directory and ports and returns once it is registered;
 *       it then catches up as a follower.</li>
 *   <li>{@link #leaderOf(String, int)} tells which node leads a partition now.</li>
 *   <li>{@link #close()} stops every node and deletes the directories; it is idempotent.</li>
 *   <li>A fatal broker fault never ends the JVM; broker logging is quiet as for {@link EmbeddedKafka}.</li>
 * </ul>
 * Thread safe. Start: about 5-10 s on two cores; heap: about 3 times one broker.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final int REPLICATION = 3;

    static {
        KafkaReadiness.quietBrokerLogging();
    }

    private final String clusterId = Uuid.randomUuid().toString();
    private final Map<Integer, KafkaNodeSpec> specs = new LinkedHashMap<>();
    private final Map<Integer, KafkaRaftNode> running = new LinkedHashMap<>();
    private final List<Path> directories = new ArrayList<>();
    private boolean closed;

    private EmbeddedKafkaCluster() {
    }

    /** Starts a cluster of {@code nodes} nodes (at least 3) with empty storage on free loopback ports. */
    public static EmbeddedKafkaCluster start(int nodes) {
        if (nodes < REPLICATION) {
            throw new IllegalArgumentException("A cluster needs at least " + REPLICATION + " nodes for replication factor "
                    + REPLICATION + ", but " + nodes + " were asked for; use EmbeddedKafka for a single broker");
        }
        EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster();
        try {
            cluster.startAll(nodes);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private synchronized void startAll(int nodes) {
        int[] clientPorts = new int[nodes];
        int[] controllerPorts = new int[nodes];
        StringBuilder voters = new StringBuilder();
        for (int i = 0; i < nodes; i++) {
            clientPorts[i] = LocalResources.freeLoopbackPort("the embedded Kafka cluster");
            controllerPorts[i] = LocalResources.freeLoopbackPort("the embedded Kafka cluster");
            voters.append(i == 0 ? "" : ",").append(i + 1).append("@127.0.0.1:").append(controllerPorts[i]);
        }
        for (int i = 0; i < nodes; i++) {
            Path directory = LocalResources.newTemporaryDirectory("eventport-kafka-node" + (i + 1) + "-", "the embedded Kafka cluster");
            directories.add(directory);
            specs.put(i + 1, new KafkaNodeSpec(i + 1, directory, clientPorts[i], 0, controllerPorts[i], voters.toString(),
                    REPLICATION, true, null));
        }
        // a node's start returns once its broker is unfenced, which needs a controller quorum: start them together
        List<CompletableFuture<Void>> starts = specs.keySet().stream()
                .map(id -> CompletableFuture.runAsync(() -> startNode(id))).collect(Collectors.toList());
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new))
                    .get(2 * KafkaReadiness.READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the embedded Kafka cluster", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The embedded Kafka cluster " + specs.values() + " did not start within "
                    + 2 * KafkaReadiness.READY_TIMEOUT.toSeconds() + " s", e);
        }
        KafkaReadiness.awaitBrokers(bootstrapServers(), Map.of(), nodes);
    }

    private void startNode(int nodeId) {
        KafkaNodeSpec spec = specs.get(nodeId);
        KafkaRaftNode node;
        try {
            node = KafkaRaftNode.start(spec, clusterId);
        } catch (Exception e) {
            throw new IllegalStateException("Node " + spec + " of the embedded Kafka cluster did not start: " + e, e);
        }
        synchronized (running) {
            running.put(nodeId, node);
        }
    }

    /** {@code 127.0.0.1:<port>,...} of every node: the clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return specs.values().stream().map(s -> "127.0.0.1:" + s.clientPort()).collect(Collectors.joining(","));
    }

    /** The node ids, 1 to the number of nodes. */
    public List<Integer> nodeIds() {
        return List.copyOf(specs.keySet());
    }

    /** Whether node {@code nodeId} runs. */
    public boolean isRunning(int nodeId) {
        synchronized (running) {
            return running.containsKey(nodeId);
        }
    }

    /**
     * The id of the node that leads {@code topic}'s {@code partition} now; waits up to 30 s while the partition is
     * unknown to the answering broker or has no leader (just created, or during a failover).
     */
    public int leaderOf(String topic, int partition) {
        long deadline = System.nanoTime() + KafkaReadiness.READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                Optional<Node> leader = leader(admin, topic, partition);
                if (leader.isPresent()) {
                    return leader.get().id();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Partition " + topic + "-" + partition + " has had no leader for "
                            + KafkaReadiness.READY_TIMEOUT.toSeconds() + " s at " + bootstrapServers());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    private static Optional<Node> leader(Admin admin, String topic, int partition) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(KafkaReadiness.READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            if (partition >= description.partitions().size()) {
                throw new IllegalArgumentException("Topic " + topic + " has " + description.partitions().size()
                        + " partitions; there is no partition " + partition);
            }
            Node leader = description.partitions().get(partition).leader();
            return leader == null || leader.isEmpty() ? Optional.empty() : Optional.of(leader);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking for the leader of " + topic + "-" + partition, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                return Optional.empty();
            }
            throw new IllegalStateException("Cannot find the leader of " + topic + "-" + partition, e.getCause());
        } catch (TimeoutException e) {
            return Optional.empty();
        }
    }

    /** Stops node {@code nodeId} as a crash would look (no controlled shutdown), keeping its data; nothing if stopped. */
    public void kill(int nodeId) {
        requireNode(nodeId);
        KafkaRaftNode node;
        synchronized (running) {
            node = running.remove(nodeId);
        }
        if (node != null) {
            node.stop();
        }
    }

    /** Starts node {@code nodeId} again (killing it first if it runs) on its directory and ports; returns once it is registered. */
    public synchronized void restart(int nodeId) {
        requireNode(nodeId);
        if (closed) {
            throw new IllegalStateException("This embedded Kafka cluster is closed and its data deleted; start a new one");
        }
        kill(nodeId);
        startNode(nodeId);
        KafkaReadiness.awaitBrokers(bootstrapServers(), Map.of(), runningNodes());
    }

    private int runningNodes() {
        synchronized (running) {
            return running.size();
        }
    }

    private void requireNode(int nodeId) {
        if (!specs.containsKey(nodeId)) {
            throw new IllegalArgumentException("No node " + nodeId + " in this cluster; its nodes are " + specs.keySet());
        }
    }

    /** Stops every node and deletes their directories; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<KafkaRaftNode> nodes;
        synchronized (running) {
            nodes = new ArrayList<>(running.values());
            running.clear();
        }
        try {
            nodes.parallelStream().forEach(KafkaRaftNode::stop);
        } finally {
            directories.forEach(d -> LocalResources.deleteRecursively(d, "a directory of the embedded Kafka cluster"));
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaCluster[" + bootstrapServers() + ", running nodes " + runningNodesIds() + "]";
    }

    private List<Integer> runningNodesIds() {
        synchronized (running) {
            return List.copyOf(running.keySet());
        }
    }
}

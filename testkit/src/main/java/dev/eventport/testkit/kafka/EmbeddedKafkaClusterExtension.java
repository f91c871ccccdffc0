package dev.eventport.testkit.kafka;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that gives a test class an {@link EmbeddedKafkaCluster} of its own: started before the class's
 * first test, closed (its data deleted) after its last. Register it on a {@code static} field with
 * {@code @RegisterExtension}: {@code static final EmbeddedKafkaClusterExtension KAFKA = EmbeddedKafkaClusterExtension.of(3);}
 */
public final class EmbeddedKafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final int nodes;
    private volatile EmbeddedKafkaCluster cluster;

    private EmbeddedKafkaClusterExtension(int nodes) {
        this.nodes = nodes;
    }

    /** A cluster of {@code nodes} nodes (at least 3) for the test class. */
    public static EmbeddedKafkaClusterExtension of(int nodes) {
        return new EmbeddedKafkaClusterExtension(nodes);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = EmbeddedKafkaCluster.start(nodes);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The cluster; available from {@code @BeforeAll} on. */
    public EmbeddedKafkaCluster cluster() {
        EmbeddedKafkaCluster current = cluster;
        if (current == null) {
            throw new IllegalStateException("The embedded Kafka cluster is not started: register EmbeddedKafkaClusterExtension on a "
                    + "static field with @RegisterExtension");
        }
        return current;
    }
}

package dev.eventport.testkit.artemis;

import dev.eventport.testkit.local.LocalResources;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * A real ActiveMQ Artemis broker running in this JVM, persistent, listening on a free loopback TCP port.
 *
 * <p>Contract: {@link #start()} returns a running broker whose journal (NIO, fsync on, 50 µs buffer timeout so that
 * persistent sends are not capped at a few hundred per second) lives in a new temporary directory; clients connect
 * to {@link #url()}. {@link #stop()} and {@link #start()} again (or {@link #restart()}) reuse the same directory and
 * port, so persistent messages and durable subscriptions survive. Every address ({@code #}) has the dead-letter
 * address {@value #DEAD_LETTER_ADDRESS} and the expiry address {@value #EXPIRY_ADDRESS}; security, JMX and the
 * critical analyzer are off. {@link #close()} stops the broker, deletes the directory and clears Artemis' static
 * client and in-VM thread pools, so no thread lingers: close the clients first. Not thread safe: drive it from
 * one thread.
 */
public final class EmbeddedArtemis implements AutoCloseable {

    /** The broker-wide dead-letter address (used only by the broker's own redelivery limit). */
    public static final String DEAD_LETTER_ADDRESS = "DLQ";
    /** The broker-wide expiry address. */
    public static final String EXPIRY_ADDRESS = "ExpiryQueue";

    private static final int JOURNAL_BUFFER_TIMEOUT_NANOS = 50_000;

    private final Path directory;
    private final int port;
    private EmbeddedActiveMQ broker;
    private boolean closed;

    private EmbeddedArtemis(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts a new broker in a new temporary directory, on a free loopback port. */
    public static EmbeddedArtemis start() {
        Path directory = LocalResources.newTemporaryDirectory("eventport-artemis-", "the embedded Artemis broker");
        EmbeddedArtemis artemis = new EmbeddedArtemis(directory, LocalResources.freeLoopbackPort("the embedded Artemis broker"));
        try {
            artemis.startBroker();
        } catch (RuntimeException e) {
            artemis.close();
            throw e;
        }
        return artemis;
    }

    /** The URL clients connect to, {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The TCP port, the same across restarts. */
    public int port() {
        return port;
    }

    /** The directory holding the journal, the same across restarts; deleted by {@link #close()}. */
    public Path directory() {
        return directory;
    }

    /** Whether the broker is running. */
    public boolean isRunning() {
        return broker != null && broker.getActiveMQServer().isActive();
    }

    /** Stops the broker, keeping its data; idempotent. */
    public void stop() {
        if (broker == null) {
            return;
        }
        try {
            broker.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Stopping the embedded Artemis broker on " + url() + " failed", e);
        } finally {
            broker = null;
        }
    }

    /** Starts the stopped broker again on the same directory and port; does nothing when it runs. */
    public void startAgain() {
        if (closed) {
            throw new IllegalStateException("This embedded Artemis broker was closed (its data deleted): start a new one");
        }
        if (broker == null) {
            startBroker();
        }
    }

    /** Stops and starts the broker on the same directory and port; returns how long it was down. */
    public Duration restart() {
        long begin = System.nanoTime();
        stop();
        startAgain();
        return Duration.ofNanos(System.nanoTime() - begin);
    }

    /**
     * The number of messages in a queue (waiting or being delivered, not yet acknowledged), or -1 when the queue
     * does not exist. For tests: it reads the broker's state directly.
     */
    public long messageCount(String queueName) {
        if (broker == null) {
            throw new IllegalStateException("The embedded Artemis broker is stopped: startAgain() it first");
        }
        Queue queue = broker.getActiveMQServer().locateQueue(SimpleString.of(queueName));
        return queue == null ? -1 : queue.getMessageCount();
    }

    /** Stops the broker, deletes its directory and clears Artemis' static thread pools; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            LocalResources.deleteRecursively(directory, "the embedded Artemis directory");
            ActiveMQClient.clearThreadPools();
            InVMConnector.resetThreadPool();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedArtemis[" + url() + ", " + directory + (isRunning() ? ", running]" : ", stopped]");
    }

    private void startBroker() {
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration());
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded Artemis broker did not start on " + url() + " with data in "
                    + directory + ": " + e.getMessage(), e);
        }
        broker = server;
    }

    private Configuration configuration() {
        try {
            return new ConfigurationImpl()
                    .setName("eventport-embedded")
                    .setPersistenceEnabled(true)
                    .setJournalType(JournalType.NIO)
                    .setJournalBufferTimeout_NIO(JOURNAL_BUFFER_TIMEOUT_NANOS)
                    .setJournalDirectory(directory.resolve("journal").toString())
                    .setBindingsDirectory(directory.resolve("bindings").toString())
                    .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                    .setPagingDirectory(directory.resolve("paging").toString())
                    .setNodeManagerLockDirectory(directory.resolve("lock").toString())
                    .setSecurityEnabled(false)
                    .setJMXManagementEnabled(false)
                    .setCriticalAnalyzer(false)
                    .setMaxDiskUsage(100)
                    .addAddressSetting("#", new AddressSettings()
                            .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_ADDRESS))
                            .setExpiryAddress(SimpleString.of(EXPIRY_ADDRESS)))
                    .addAcceptorConfiguration("tcp", url());
        } catch (Exception e) {
            throw new IllegalStateException("Invalid embedded Artemis acceptor " + url(), e);
        }
    }
}

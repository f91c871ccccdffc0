package dev.eventport.testkit.artemis;

import dev.eventport.testkit.local.LocalResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnector;
import org.apache.activemq.artemis.core.security.Role;
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
 * address {@value #DEAD_LETTER_ADDRESS} and the expiry address {@value #EXPIRY_ADDRESS}; JMX and the critical
 * analyzer are off, and so is security, unless the broker was started with {@link #startSecured(List)}: then only
 * the given users connect, each with exactly its {@link Permission}s on every address. {@link #close()} stops the broker, deletes the directory and clears Artemis' static
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
    private final List<User> users;
    private EmbeddedActiveMQ broker;
    private boolean closed;

    /** What a user of a secured broker may do on every address. */
    public enum Permission {
        /** Send messages. */
        SEND,
        /** Consume messages. */
        CONSUME,
        /** Browse queues without consuming. */
        BROWSE,
        /** Create addresses and durable and non-durable queues (auto-creation, durable subscriptions). */
        CREATE,
        /** Delete addresses and queues. */
        DELETE,
        /** Send management requests. */
        MANAGE
    }

    /**
     * A user of a secured broker.
     *
     * @param name        the user name
     * @param password    the password (never shown by {@link #toString()})
     * @param permissions what the user may do on every address
     */
    public record User(String name, String password, Set<Permission> permissions) {

        /** Copies the permissions. */
        public User {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
            permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        }

        /** A user who may do everything. */
        public static User allPermissions(String name, String password) {
            return new User(name, password, EnumSet.allOf(Permission.class));
        }

        @Override
        public String toString() {
            return "User[" + name + ", password=****, " + permissions + "]";
        }
    }

    private EmbeddedArtemis(Path directory, int port, List<User> users) {
        this.directory = directory;
        this.port = port;
        this.users = List.copyOf(users);
    }

    /** Starts a new broker in a new temporary directory, on a free loopback port. */
    public static EmbeddedArtemis start() {
        return start(List.of());
    }

    /**
     * Starts a new broker with security on: only {@code users} connect (with their password), each with exactly its
     * permissions on every address. Not shared by {@link EmbeddedArtemisExtension}: close it yourself.
     */
    public static EmbeddedArtemis startSecured(List<User> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("A secured broker needs at least one user");
        }
        return start(users);
    }

    private static EmbeddedArtemis start(List<User> users) {
        Path directory = LocalResources.newTemporaryDirectory("eventport-artemis-", "the embedded Artemis broker");
        EmbeddedArtemis artemis = new EmbeddedArtemis(directory, LocalResources.freeLoopbackPort("the embedded Artemis broker"), users);
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
        if (!users.isEmpty()) {
            server.setSecurityManager(new UserListSecurityManager(users));
        }
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
            ConfigurationImpl configuration = new ConfigurationImpl();
            if (!users.isEmpty()) {
                Set<Role> roles = new HashSet<>();
                for (User user : users) {
                    Set<Permission> may = user.permissions();
                    boolean create = may.contains(Permission.CREATE);
                    boolean delete = may.contains(Permission.DELETE);
                    roles.add(new Role(user.name(), may.contains(Permission.SEND), may.contains(Permission.CONSUME),
                            create, delete, create, delete, may.contains(Permission.MANAGE), may.contains(Permission.BROWSE),
                            create, delete));
                }
                configuration.putSecurityRoles("#", roles);
            }
            return configuration
                    .setName("eventport-embedded")
                    .setPersistenceEnabled(true)
                    .setJournalType(JournalType.NIO)
                    .setJournalBufferTimeout_NIO(JOURNAL_BUFFER_TIMEOUT_NANOS)
                    .setJournalDirectory(directory.resolve("journal").toString())
                    .setBindingsDirectory(directory.resolve("bindings").toString())
                    .setLargeMessagesDirectory(directory.resolve("large-messages").toString())
                    .setPagingDirectory(directory.resolve("paging").toString())
                    .setNodeManagerLockDirectory(directory.resolve("lock").toString())
                    .setSecurityEnabled(!users.isEmpty())
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

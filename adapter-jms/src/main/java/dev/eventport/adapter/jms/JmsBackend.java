package dev.eventport.adapter.jms;

import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.EventportException;
import dev.eventport.ports.spi.EventCodec;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JMS {@link EventBackend}: connections, the timers of publishes, and the browsing of queues. */
final class JmsBackend implements EventBackend {

    static final String NAME = "jms";
    static final String DEAD_LETTER_SUFFIX = ".DLQ";

    private static final Logger LOG = LoggerFactory.getLogger(JmsBackend.class);

    private final ConnectionFactory factory;
    private final AutoCloseable ownedFactory;
    private final JmsConfig config;
    private final DestinationNaming naming;
    private final EventCodec codec;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService browsing;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final JmsDeadLetters deadLetters;
    private Connection browsingConnection;

    JmsBackend(ConnectionFactory factory, AutoCloseable ownedFactory, JmsConfig config, DestinationNaming naming,
               EventCodec codec) {
        this.factory = factory;
        this.ownedFactory = ownedFactory;
        this.config = config;
        this.naming = naming;
        this.codec = codec;
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("eventport-jms-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.browsing = Executors.newSingleThreadExecutor(daemon("eventport-jms-browser"));
        this.deadLetters = new JmsDeadLetters(this);
    }

    /** What a JMS backend guarantees in the given mode. */
    static Capabilities capabilities(JmsConfig.Mode mode) {
        return mode == JmsConfig.Mode.TOPIC
                ? Capabilities.of(Capability.DURABLE, Capability.FAN_OUT, Capability.COMPETING_CONSUMERS,
                        Capability.ORDERED_PER_KEY, Capability.DEAD_LETTER, Capability.CROSS_PROCESS)
                : Capabilities.of(Capability.DURABLE, Capability.COMPETING_CONSUMERS, Capability.ORDERED_PER_KEY,
                        Capability.DEAD_LETTER, Capability.CROSS_PROCESS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities(config.mode());
    }

    @Override
    public EventPublisher createPublisher() {
        requireOpen();
        return register(new JmsEventPublisher(this));
    }

    @Override
    public EventSubscriber createSubscriber() {
        requireOpen();
        return register(new JmsEventSubscriber(this));
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    @Override
    public DestinationNaming destinations() {
        return naming;
    }

    JmsConfig config() {
        return config;
    }

    EventCodec codec() {
        return codec;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    ExecutorService browsing() {
        return browsing;
    }

    /** A new connection to the broker, with the configured credentials; not started. */
    Connection connect() throws JMSException {
        requireOpen();
        return config.user().isPresent() ? factory.createConnection(config.user().get(), config.password())
                : factory.createConnection();
    }

    /** The JMS destination of an eventport destination in this backend's mode. */
    Destination destination(Session session, String name) throws JMSException {
        return config.mode() == JmsConfig.Mode.TOPIC ? session.createTopic(name) : session.createQueue(name);
    }

    /**
     * Browses a queue (on Artemis {@code address::queue} names a subscription's queue) with the shared browsing
     * connection, created on first use and rebuilt after a failure.
     */
    synchronized <T> T browse(String queue, Function<Enumeration<?>, T> reader) throws JMSException {
        requireOpen();
        try {
            if (browsingConnection == null) {
                browsingConnection = connect();
                browsingConnection.start();
            }
            try (Session session = browsingConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                 QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                return reader.apply(browser.getEnumeration());
            }
        } catch (JMSException | RuntimeException e) {
            closeQuietly(browsingConnection);
            browsingConnection = null;
            throw e;
        }
    }

    /** Every message of a queue, oldest first, without consuming them. */
    List<Message> browseAll(String queue) throws JMSException {
        return browse(queue, messages -> {
            List<Message> all = new ArrayList<>();
            while (messages.hasMoreElements()) {
                all.add((Message) messages.nextElement());
            }
            return all;
        });
    }

    void forget(AutoCloseable closeable) {
        open.remove(closeable);
    }

    private <T extends AutoCloseable> T register(T closeable) {
        open.add(closeable);
        if (closed.get()) {
            closeQuietly(closeable);
            requireOpen();
        }
        return closeable;
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("The JMS backend is closed: open a new one with MessagingBackends.load(...)");
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (AutoCloseable closeable : List.copyOf(open)) {
            closeQuietly(closeable);
        }
        synchronized (this) {
            closeQuietly(browsingConnection);
            browsingConnection = null;
        }
        browsing.shutdownNow();
        timer.shutdownNow();
        closeQuietly(ownedFactory);
    }

    @Override
    public String toString() {
        return "JmsBackend[" + config + "]";
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Ignoring a failure to close {}", closeable, e);
        }
    }

    static EventportException brokerFailure(String what, Exception cause) {
        return new EventportException(what + " failed: " + cause.getMessage() + ". Check that the broker is reachable ("
                + JmsConfig.URL + ") and that the credentials (" + JmsConfig.USER + ", " + JmsConfig.PASSWORD
                + ") are accepted.", cause);
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}

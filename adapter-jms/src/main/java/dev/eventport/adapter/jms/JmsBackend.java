package dev.eventport.adapter.jms;

import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventportException;
import dev.eventport.ports.spi.AbstractEventBackend;
import dev.eventport.ports.spi.BackendObservers;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.jms.client.ActiveMQSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JMS {@link dev.eventport.ports.EventBackend}: connections, the timers of publishes, health, observers and the
 * browsing of queues.
 */
final class JmsBackend extends AbstractEventBackend {

    static final String NAME = "jms";
    static final String DEAD_LETTER_SUFFIX = ".DLQ";

    private static final Logger LOG = LoggerFactory.getLogger(JmsBackend.class);

    private final ConnectionFactory factory;
    private final AutoCloseable ownedFactory;
    private final JmsConfig config;
    private final EventCodec codec;
    private final ScheduledThreadPoolExecutor timer;
    private final ExecutorService browsing;
    private final JmsDeadLetters deadLetters;
    private final ExecutorService prober;
    private final JmsBrokerStatus status;
    private volatile Connection browsingConnection;

    private JmsBackend(ConnectionFactory factory, AutoCloseable ownedFactory, JmsConfig config, DestinationNaming naming,
               EventCodec codec) {
        super(NAME, capabilities(config.mode()), naming);
        this.factory = factory;
        this.ownedFactory = ownedFactory;
        this.config = config;
        this.codec = codec;
        this.timer = new ScheduledThreadPoolExecutor(1, daemon("eventport-jms-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.browsing = Executors.newSingleThreadExecutor(daemon("eventport-jms-browser"));
        this.deadLetters = new JmsDeadLetters(this);
        this.prober = Executors.newSingleThreadExecutor(daemon("eventport-jms-health"));
        this.status = new JmsBrokerStatus(this, prober);
    }

    /**
     * A backend on {@code factory}, connected once to check the broker: a refused user fails with a
     * {@link ConfigurationException}; {@code ownedFactory} (may be null) is closed with the backend.
     */
    static JmsBackend start(ConnectionFactory factory, AutoCloseable ownedFactory, JmsConfig config,
                            DestinationNaming naming, EventCodec codec) {
        JmsBackend backend = new JmsBackend(factory, ownedFactory, config, naming, codec);
        try {
            backend.status.start();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        LOG.info("jms: backend opened on {} in {} mode", backend.where(), config.mode().key());
        return backend;
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
    public EventPublisher createPublisher() {
        requireOpen();
        return track(new JmsEventPublisher(this));
    }

    @Override
    public EventSubscriber createSubscriber() {
        requireOpen();
        return track(new JmsEventSubscriber(this));
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * Whether the broker is reachable with the configured user (kept by a monitoring connection, see
     * {@link JmsBrokerStatus}), and whether a subscription is paused or refused; answers within about a second.
     */
    @Override
    protected BackendHealth openHealth() {
        List<String> brokerProblems = status.problems();
        List<String> consumeProblems = new ArrayList<>(brokerProblems);
        consumeProblems.addAll(observers().subscriptionProblems());
        for (var subscription : observers().openSubscriptions()) {
            if (subscription instanceof JmsSubscription<?> jms) {
                jms.refusal().ifPresent(consumeProblems::add);
            }
        }
        return healthOf(brokerProblems, consumeProblems);
    }

    /** The observers, for this package's publishers and subscriptions. */
    @Override
    protected BackendObservers observers() {
        return super.observers();
    }

    JmsBrokerStatus status() {
        return status;
    }

    /** The broker's URL for messages, or what stands for it when a factory was given. */
    String where() {
        return config.url().isPresent() ? config.shownUrl() : "the broker of the given ConnectionFactory";
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
    <T> T browse(String queue, Function<Enumeration<?>, T> reader) throws JMSException {
        return withBrowsingSession(session -> {
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                return reader.apply(browser.getEnumeration());
            }
        });
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

    /**
     * The messages of the queue {@code queue} (waiting, or delivered and not yet
     * acknowledged, so prefetched ones count), and the JMS timestamp of the first one still waiting (0 when none
     * waits). On Artemis the count is one query of the queue and a browse-only consumer without a window fetches
     * just the first message (a JMS browser would make the broker push a whole window of messages to read one, and
     * closing it while they are in flight makes Artemis log AMQ224046); on other providers a browser counts what it
     * sees.
     */
    QueueDepth depth(String queue) throws JMSException {
        return withBrowsingSession(session -> {
            if (session instanceof ActiveMQSession artemis) {
                return artemisDepth(artemis.getCoreSession(), queue);
            }
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                Enumeration<?> messages = browser.getEnumeration();
                long firstTimestamp = messages.hasMoreElements() ? ((Message) messages.nextElement()).getJMSTimestamp() : 0;
                long count = firstTimestamp == 0 ? 0 : 1;
                while (messages.hasMoreElements()) {
                    messages.nextElement();
                    count++;
                }
                return new QueueDepth(count, firstTimestamp);
            }
        });
    }

    private static QueueDepth artemisDepth(ClientSession session, String queue) throws JMSException {
        SimpleString name = SimpleString.of(queue);
        try {
            ClientSession.QueueQuery query = session.queueQuery(name);
            if (!query.isExists()) {
                return new QueueDepth(0, 0);
            }
            try (ClientConsumer peek = session.createConsumer(name, null, 0, -1, true)) {
                ClientMessage first = peek.receiveImmediate();
                return new QueueDepth(query.getMessageCount(), first == null ? 0 : first.getTimestamp());
            }
        } catch (ActiveMQException e) {
            JMSException failure = new JMSException("Measuring queue '" + queue + "' failed: " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    /** A queue's message count and the JMS timestamp of its first waiting message (0 when none). */
    record QueueDepth(long messages, long firstTimestamp) {
    }

    /** Work with one session of the browsing connection. */
    @FunctionalInterface
    interface SessionWork<T> {
        T apply(Session session) throws JMSException;
    }

    private <T> T withBrowsingSession(SessionWork<T> work) throws JMSException {
        return withSession(false, work);
    }

    /** Runs {@code work} in a transacted session of the browsing connection and commits (rolls back on failure). */
    <T> T withTransactedSession(SessionWork<T> work) throws JMSException {
        return withSession(true, session -> {
            try {
                T result = work.apply(session);
                session.commit();
                return result;
            } catch (JMSException | RuntimeException e) {
                session.rollback();
                throw e;
            }
        });
    }

    private synchronized <T> T withSession(boolean transacted, SessionWork<T> work) throws JMSException {
        requireOpen();
        try {
            if (browsingConnection == null) {
                browsingConnection = connect();
                browsingConnection.start();
            }
            try (Session session = transacted ? browsingConnection.createSession(true, Session.SESSION_TRANSACTED)
                    : browsingConnection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                return work.apply(session);
            }
        } catch (JMSException | RuntimeException e) {
            closeQuietly(browsingConnection);
            browsingConnection = null;
            throw e;
        }
    }

    /** Called by a publisher or subscriber of this package when it is closed. */
    @Override
    protected void forget(Object closedPublisherOrSubscriber) {
        super.forget(closedPublisherOrSubscriber);
    }

    /** After the subscribers and publishers were closed: the browsing connection, the broker monitor, the threads. */
    @Override
    protected void release() {
        browsing.shutdownNow();
        synchronized (this) {
            // under the lock of withSession: a browse that was under way has finished, later ones find the backend closed
            closeQuietly(browsingConnection);
            browsingConnection = null;
        }
        closeQuietly(status);
        prober.shutdownNow();
        timer.shutdownNow();
        closeQuietly(ownedFactory);
        LOG.info("jms: backend on {} closed", where());
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

package dev.eventport.adapter.jms;

import dev.eventport.codec.json.CloudEventAttributes;
import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.Capability;
import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.EventContext;
import dev.eventport.ports.StartPosition;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import dev.eventport.ports.UndecodableEventException;
import dev.eventport.ports.UnsupportedCapabilityException;
import dev.eventport.ports.spi.DeadLetterHeaders;
import dev.eventport.ports.spi.HandlerInvoker;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One subscription: a consumer thread per requested consumer, each with its own connection and transacted session. */
final class JmsSubscription<E extends DomainEvent> implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(JmsSubscription.class);
    private static final long POLL_MILLIS = 100;
    private static final long LAG_REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final Duration MAX_RECONNECT_WAIT = Duration.ofSeconds(5);
    private static final int MAX_REASON_LENGTH = 2000;
    private static final int MAX_UNCOMMITTED = 100;
    private static final long MAX_UNCOMMITTED_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final JmsBackend backend;
    private final SubscriptionRequest<E> request;
    private final String destination;
    private final String deadLetterQueue;
    private final String jmsSubscriptionName;
    private final Consumer<JmsSubscription<?>> onClose;
    private final List<Worker> workers = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private boolean paused;
    private boolean closing;
    private int parked;
    private final HandlerInvoker<E> invoker;
    private final String queueName;
    private volatile ConsumerLag lag = new ConsumerLag(0, Map.of(0, 0L), Instant.EPOCH);
    private volatile long lagMeasuredNanos;
    private volatile String refusal;

    private JmsSubscription(JmsBackend backend, SubscriptionRequest<E> request, Consumer<JmsSubscription<?>> onClose) {
        this.backend = backend;
        this.request = request;
        this.destination = backend.destinations().destinationFor(request.eventType());
        this.deadLetterQueue = destination + JmsBackend.DEAD_LETTER_SUFFIX;
        this.jmsSubscriptionName = destination + ":" + request.name();
        this.queueName = backend.config().mode() == JmsConfig.Mode.TOPIC ? jmsSubscriptionName : destination;
        this.onClose = onClose;
        this.invoker = new HandlerInvoker<>(request.handler(), request.errorPolicy(), destination, request.name(),
                backend.observers());
    }

    /** Registers every consumer at the broker, then starts their threads. */
    static <E extends DomainEvent> JmsSubscription<E> start(JmsBackend backend, SubscriptionRequest<E> request,
                                                            Consumer<JmsSubscription<?>> onClose) {
        JmsSubscription<E> subscription = new JmsSubscription<>(backend, request, onClose);
        subscription.open();
        return subscription;
    }

    private void open() {
        try {
            for (int i = 0; i < request.consumers(); i++) {
                Worker worker = new Worker(i);
                workers.add(worker);
                worker.connect();
            }
        } catch (JMSSecurityException e) {
            workers.forEach(Worker::closeConnection);
            throw new ConfigurationException(refused(e), e);
        } catch (JMSException | RuntimeException e) {
            workers.forEach(Worker::closeConnection);
            throw JmsBackend.brokerFailure("Subscribing '" + request.name() + "' to '" + destination + "'", e);
        }
        measureLag();
        for (Worker worker : workers) {
            worker.thread.start();
        }
        backend.observers().subscriptionOpened(this);
    }

    /** Why the broker refuses this subscription's consumers, naming the permission and the destination. */
    private String refused(JMSSecurityException e) {
        String permission = backend.config().mode() == JmsConfig.Mode.TOPIC
                ? "consume and createDurableQueue" : "consume";
        return "The JMS broker at " + backend.where() + " refused subscription '" + request.name() + "' on '"
                + destination + "' for user " + backend.config().user().map(u -> "'" + u + "'").orElse("(none)")
                + ": it needs the " + permission + " permission on address '" + destination + "' ("
                + e.getMessage() + "). Grant it to one of the user's roles in the broker's security settings.";
    }

    /** Why the broker refuses this subscription's consumers, if it does. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    @Override
    public String name() {
        return request.name();
    }

    @Override
    public String destination() {
        return destination;
    }

    /** Stops deliveries: waits (at most the close timeout) until every consumer finished its message and let go. */
    @Override
    public void pause() {
        lock.lock();
        try {
            if (!paused && !closing) {
                backend.observers().subscriptionPaused(this);
            }
            paused = true;
            changed.signalAll();
            long remaining = backend.config().closeTimeout().toNanos();
            while (parked < workers.size() && !closing && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void resume() {
        lock.lock();
        try {
            if (paused && !closing) {
                backend.observers().subscriptionResumed(this);
            }
            paused = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void rewind(StartPosition position) {
        throw new UnsupportedCapabilityException(JmsBackend.NAME, Capability.REPLAY, "A JMS broker deletes a message "
                + "once it is acknowledged, so '" + request.name() + "' cannot be rewound to " + position
                + ". Use the kafka backend to replay events.");
    }

    /**
     * The messages of the subscription's queue not yet acknowledged (waiting, prefetched or being handled) and the
     * age of the oldest of them, as last measured; a refresh runs in the background (not while the broker is
     * known to be down), so this never waits for the broker.
     */
    @Override
    public ConsumerLag lag() {
        if (!closed.get() && System.nanoTime() - lagMeasuredNanos > LAG_REFRESH_NANOS && refreshing.compareAndSet(false, true)) {
            try {
                backend.browsing().execute(this::measureLag);
            } catch (RejectedExecutionException e) {
                refreshing.set(false);
            }
        }
        return lag;
    }

    private void measureLag() {
        if (backend.status().isDown()) {
            lagMeasuredNanos = System.nanoTime();
            refreshing.set(false);
            return;
        }
        try {
            long now = System.currentTimeMillis();
            JmsBackend.QueueDepth depth = backend.depth(queueName);
            long oldest = depth.firstTimestamp();
            for (Worker worker : workers) {
                long held = worker.oldestHeldTimestamp;
                if (held != 0 && (oldest == 0 || held < oldest)) {
                    oldest = held;
                }
            }
            Optional<Duration> age = oldest == 0 ? Optional.empty() : Optional.of(Duration.ofMillis(Math.max(0, now - oldest)));
            lag = ConsumerLag.of(Map.of(0, depth.messages()), age);
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Could not measure the lag of '{}' on '{}'", request.name(), destination, e);
        } finally {
            lagMeasuredNanos = System.nanoTime();
            refreshing.set(false);
        }
    }

    /** Lets the handlers in flight finish (at most the close timeout), then closes every consumer; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + backend.config().closeTimeout().toNanos();
        for (Worker worker : workers) {
            if (worker.thread != Thread.currentThread()) {
                try {
                    worker.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (worker.thread.isAlive()) {
                    LOG.warn("A handler of subscription '{}' on '{}' still runs after {} ({}); closing its connection, "
                            + "its message will be delivered again", request.name(), destination,
                            backend.config().closeTimeout(), JmsConfig.CLOSE_TIMEOUT);
                    worker.closeConnection();
                }
            }
        }
        backend.observers().subscriptionClosed(this);
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "JmsSubscription[" + request.name() + " on " + destination + ", " + backend.config().mode().key() + " mode]";
    }

    /**
     * Waits for {@code wait}, or less when the subscription closes (or, if {@code wakeOnPause}, pauses); returns
     * whether the subscription is still open.
     */
    private boolean waitUnlessClosing(Duration wait, boolean wakeOnPause) {
        lock.lock();
        try {
            long remaining = wait.toNanos();
            while (!closing && !(wakeOnPause && paused) && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return !closing;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** One consumer: its own connection, transacted session and consumer, driven by its own thread. */
    private final class Worker implements Runnable {
        private final Thread thread;
        private volatile Connection connection;
        private volatile Session session;
        private volatile MessageConsumer consumer;
        private volatile MessageProducer deadLetterProducer;
        private volatile boolean broken;
        private int uncommitted;
        private long firstUncommittedNanos;
        /** The JMS timestamp of the oldest message this consumer holds unacknowledged, 0 when none. */
        private volatile long oldestHeldTimestamp;

        Worker(int index) {
            this.thread = new Thread(this, "eventport-jms-" + request.name() + "-" + index);
        }

        void connect() throws JMSException {
            Connection fresh = backend.connect();
            try {
                fresh.setExceptionListener(e -> broken = true);
                session = fresh.createSession(true, Session.SESSION_TRANSACTED);
                deadLetterProducer = session.createProducer(null);
                if (!isPaused()) {
                    consumer = openConsumer();
                }
                fresh.start();
            } catch (JMSException | RuntimeException e) {
                JmsBackend.closeQuietly(fresh);
                throw e;
            }
            connection = fresh;
            broken = false;
            refusal = null;
        }

        private MessageConsumer openConsumer() throws JMSException {
            return backend.config().mode() == JmsConfig.Mode.TOPIC
                    ? session.createSharedDurableConsumer(session.createTopic(destination), jmsSubscriptionName)
                    : session.createConsumer(session.createQueue(destination));
        }

        void closeConnection() {
            Connection current = connection;
            connection = null;
            consumer = null;
            JmsBackend.closeQuietly(current);
        }

        @Override
        public void run() {
            int failures = 0;
            try {
                while (awaitRunnable()) {
                    try {
                        if (connection == null || broken) {
                            closeConnection();
                            connect();
                        }
                        if (consumer == null) {
                            consumer = openConsumer();
                        }
                        Message message = uncommitted > 0 ? consumer.receiveNoWait() : consumer.receive(POLL_MILLIS);
                        failures = 0;
                        if (message != null) {
                            if (oldestHeldTimestamp == 0) {
                                oldestHeldTimestamp = message.getJMSTimestamp();
                            }
                            handle(message);
                        }
                        if (message == null || uncommitted >= MAX_UNCOMMITTED
                                || System.nanoTime() - firstUncommittedNanos > MAX_UNCOMMITTED_NANOS) {
                            commit();
                        }
                    } catch (TransactionRolledBackException e) {
                        uncommitted = 0;
                        oldestHeldTimestamp = 0;
                        LOG.debug("The broker rolled back a transaction of '{}' (failover); its message comes again",
                                request.name(), e);
                    } catch (JMSException | RuntimeException e) {
                        if (!isOpen()) {
                            break;
                        }
                        failures++;
                        uncommitted = 0;
                        oldestHeldTimestamp = 0;
                        if (e instanceof JMSSecurityException security) {
                            String why = refused(security);
                            if (!why.equals(refusal)) {
                                refusal = why;
                                LOG.error(why);
                            }
                        } else if (failures == 1) {
                            LOG.warn("Subscription '{}' on '{}' lost its JMS connection ({}); reconnecting", request.name(),
                                    destination, e.toString());
                        }
                        closeConnection();
                        waitUnlessClosing(backoff(failures), true);
                    }
                }
            } finally {
                commitQuietly();
                closeConnection();
            }
        }

        /**
         * Commits the messages handled (or dead-lettered) since the last commit: one journal write for up to
         * {@value #MAX_UNCOMMITTED} messages handled within 50 ms of each other, instead of one per message.
         */
        private void commit() throws JMSException {
            if (uncommitted > 0) {
                uncommitted = 0;
                session.commit();
                oldestHeldTimestamp = 0;
            }
        }

        private void commitQuietly() {
            try {
                if (connection != null && !broken) {
                    commit();
                }
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Could not commit the last messages of '{}'; they will be delivered again", request.name(), e);
            }
        }

        private void handled() {
            if (uncommitted++ == 0) {
                firstUncommittedNanos = System.nanoTime();
            }
        }

        private Duration backoff(int failures) {
            Duration wait = backend.config().reconnectInterval().multipliedBy(1L << Math.min(failures - 1, 10));
            return wait.compareTo(MAX_RECONNECT_WAIT) > 0 ? MAX_RECONNECT_WAIT : wait;
        }

        /** Parks while paused (without a consumer, so nothing is held back); returns false once closing. */
        private boolean awaitRunnable() {
            if (isPaused() || !isOpen()) {
                commitQuietly();
            }
            if (isPaused() && consumer != null) {
                MessageConsumer current = consumer;
                consumer = null;
                JmsBackend.closeQuietly(current);
            }
            lock.lock();
            try {
                if (paused && !closing) {
                    parked++;
                    changed.signalAll();
                    while (paused && !closing) {
                        changed.awaitUninterruptibly();
                    }
                    parked--;
                }
                return !closing;
            } finally {
                lock.unlock();
            }
        }

        private boolean isOpen() {
            lock.lock();
            try {
                return !closing;
            } finally {
                lock.unlock();
            }
        }

        private void handle(Message message) throws JMSException {
            int attempt = deliveryCount(message);
            byte[] body = JmsWireFormat.body(message);
            if (body == null) {
                undecodable(message, new UndecodableEventException("a JMS " + JmsWireFormat.kind(message)
                        + " was refused unread: eventport reads JSON bodies of TextMessages (or BytesMessages) and never "
                        + "deserializes Java objects", new byte[0], null));
                return;
            }
            E event;
            try {
                event = backend.codec().decode(body, request.eventType());
            } catch (UndecodableEventException e) {
                undecodable(message, e);
                return;
            }
            Map<String, String> headers = JmsWireFormat.readHeaders(message);
            EventContext context = new EventContext(event.eventId(),
                    headers.getOrDefault(CloudEventAttributes.TYPE, request.eventType().getSimpleName()), destination,
                    request.name(), OptionalInt.empty(), OptionalLong.empty(), attempt, headers);
            while (true) {
                HandlerInvoker.Attempt result = invoker.attempt(event, context);
                if (result.processed()) {
                    handled();
                    return;
                }
                if (!result.retry()) {
                    Throwable failure = result.failure();
                    deadLetter(message, event.eventId(), failure.getClass().getName(), String.valueOf(failure.getMessage()), attempt);
                    invoker.deadLettered(event.eventId(), attempt, failure);
                    return;
                }
                if (!waitUnlessClosing(result.retryDelay(), false)) {
                    uncommitted = 0;
                    oldestHeldTimestamp = 0;
                    session.rollback();
                    return;
                }
                attempt++;
                context = context.withAttempt(attempt);
            }
        }

        /** Dead-letters a message that cannot become an event: never attempted, so with 0 attempts. */
        private void undecodable(Message message, UndecodableEventException reason) throws JMSException {
            deadLetter(message, null, reason.getClass().getName(), String.valueOf(reason.getMessage()), 0);
            String eventId;
            try {
                eventId = Optional.ofNullable(message.getStringProperty(CloudEventAttributes.ID)).orElse("unknown");
            } catch (JMSException | RuntimeException e) {
                eventId = "unknown";
            }
            invoker.deadLettered(eventId, 0, reason);
        }

        /**
         * Moves the message, body untouched, to {@code <destination>.DLQ} with the reason, in the same transaction
         * as its acknowledgement. A decoded event's id ({@code eventId}, else null) is added as {@code ce_id} when
         * the message has none (it was sent without attributes), so that the dead letter names its event.
         */
        private void deadLetter(Message message, String eventId, String exceptionType, String reason, int attempts)
                throws JMSException {
            Map<String, Object> kept = new LinkedHashMap<>();
            Enumeration<?> names = message.getPropertyNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                if (!name.startsWith("JMS") || name.equals(JmsWireFormat.GROUP_ID)) {
                    kept.put(name, message.getObjectProperty(name));
                }
            }
            message.clearProperties();
            for (Map.Entry<String, Object> property : kept.entrySet()) {
                message.setObjectProperty(property.getKey(), property.getValue());
            }
            if (eventId != null && !kept.containsKey(CloudEventAttributes.ID)) {
                message.setStringProperty(CloudEventAttributes.ID, eventId);
            }
            String shortReason = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "..." : reason;
            message.setStringProperty(DeadLetterHeaders.ORIGINAL_DESTINATION, destination);
            message.setStringProperty(DeadLetterHeaders.SUBSCRIPTION, request.name());
            message.setStringProperty(DeadLetterHeaders.EXCEPTION_TYPE, exceptionType);
            message.setStringProperty(DeadLetterHeaders.EXCEPTION_MESSAGE, shortReason);
            message.setStringProperty(DeadLetterHeaders.ATTEMPTS, Integer.toString(attempts));
            message.setStringProperty(DeadLetterHeaders.DEAD_LETTERED_AT, Instant.now().toString());
            deadLetterProducer.send(session.createQueue(deadLetterQueue), message, DeliveryMode.PERSISTENT,
                    Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE);
            handled();
            commit();
        }

        private int deliveryCount(Message message) {
            try {
                return Math.max(1, message.getIntProperty("JMSXDeliveryCount"));
            } catch (JMSException | RuntimeException e) {
                return 1;
            }
        }
    }
}

package dev.eventport.adapter.jms;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.PublisherClosedException;
import dev.eventport.ports.TraceParent;
import dev.eventport.ports.spi.BackendObservers;
import dev.eventport.ports.spi.EncodedEvent;
import dev.eventport.ports.spi.PublishHeaders;
import dev.eventport.ports.spi.WireAttributes;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes events as persistent JMS {@code BytesMessage}s: the UTF-8 JSON body exactly as the codec wrote it (no
 * conversion to a String; Artemis would store a {@code TextMessage} in UTF-16, twice the bytes), the caller's headers
 * and, unless {@link JmsConfig#wireAttributes} is {@code none}, the CloudEvents attributes and the W3C
 * {@code traceparent} as message properties, and {@code JMSXGroupID}
 * set to the aggregate id so that one aggregate's events are consumed in order. (Subscribers read JSON from
 * {@code TextMessage}s too, so other JMS clients may publish either.)
 *
 * <p>Contract: as {@link EventPublisher}. A publish is a JMS 2 asynchronous send; its future completes when the
 * broker confirmed that the persistent message is stored, or exceptionally with a {@link PublishFailedException}
 * when the broker refused it, could not be reached, or did not confirm within {@link JmsConfig#SEND_TIMEOUT}
 * (then the event may or may not be stored: publishing it again is safe for idempotent handlers). The future is
 * completed on the JMS provider's thread: use the {@code ...Async} stages for work that blocks. Thread safe: the
 * sends of one publisher go through one JMS session in turn, so a call waits at most the send timeout for the
 * session and, while the client reconnects, at most the send timeout again for the send. After a lost connection
 * the next publish reconnects. Obtained from {@link dev.eventport.ports.EventBackend#createPublisher()}.
 */
public final class JmsEventPublisher implements EventPublisher {

    private final JmsBackend backend;
    private final Duration sendTimeout;
    private final int maxEventBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final BackendObservers observers;
    private final WireAttributes wireAttributes;
    private final Set<Confirmation> pending = ConcurrentHashMap.newKeySet();
    private volatile ScheduledFuture<?> sweeper;
    private volatile boolean closed;
    private volatile boolean broken;
    private Connection connection;
    private Session session;
    /**
     * One producer per destination of this session, as a hand-written client has: Artemis checks a new destination
     * object at the broker, and an anonymous producer looks up the destination's send credits on every send.
     */
    private final Map<String, MessageProducer> producers = new HashMap<>();

    JmsEventPublisher(JmsBackend backend) {
        this.backend = backend;
        this.sendTimeout = backend.config().sendTimeout();
        this.maxEventBytes = backend.config().maxEventBytes();
        this.observers = backend.observers();
        this.wireAttributes = backend.config().wireAttributes();
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        long start = observers.startTimer();
        String type = event.getClass().getSimpleName();
        String destination = backend.destinations().destinationFor(event.getClass());
        if (closed) {
            return reportFailed(destination, type, start, new PublisherClosedException(event.eventId(), type, destination));
        }
        for (String name : headers.keySet()) {
            if (name.startsWith("ce_") || name.startsWith("eventport_")) {
                return reportFailed(destination, type, start, failure(event, destination, "header '" + name
                        + "' uses a reserved prefix (ce_, eventport_): rename it", null));
            }
        }
        EncodedEvent encoded;
        try {
            encoded = wireAttributes == WireAttributes.NONE ? new EncodedEvent(backend.codec().encodeBody(event), headers)
                    : backend.codec().encode(event, headers);
        } catch (RuntimeException e) {
            return reportFailed(destination, type, start, failure(event, destination, e.getMessage(), e));
        }
        if (encoded.body().length > maxEventBytes) {
            return reportFailed(destination, type, start, failure(event, destination, "its body has "
                    + encoded.body().length + " bytes, more than the " + maxEventBytes + " allowed by "
                    + JmsConfig.MAX_EVENT_BYTES + ": make the event smaller (keep large data elsewhere and send a "
                    + "reference) or raise the limit", null));
        }
        Confirmation confirmation = new Confirmation(event, type, destination, start,
                System.nanoTime() + sendTimeout.toNanos());
        pending.add(confirmation);
        startSweeping();
        send(encoded, wireAttributes == WireAttributes.NONE ? null : PublishHeaders.traceparentFor(headers), confirmation);
        return confirmation.future;
    }

    private CompletableFuture<PublishReceipt> reportFailed(String destination, String type, long start,
                                                          PublishFailedException failure) {
        observers.publishCompleted(destination, type, start, failure);
        return CompletableFuture.failedFuture(failure);
    }

    /** Fails, every tenth of the send timeout, the publishes the broker did not confirm within the send timeout. */
    private void startSweeping() {
        if (sweeper == null) {
            synchronized (pending) {
                if (sweeper == null && !closed) {
                    long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), sendTimeout.toNanos() / 10);
                    sweeper = backend.timer().scheduleAtFixedRate(this::failExpired, period, period, TimeUnit.NANOSECONDS);
                }
            }
        }
    }

    private void failExpired() {
        long now = System.nanoTime();
        for (Confirmation confirmation : pending) {
            if (now - confirmation.deadlineNanos > 0) {
                confirmation.fail("the broker did not confirm the persistent send within " + sendTimeout + " ("
                        + JmsConfig.SEND_TIMEOUT + "); the event may or may not be stored", null);
            }
        }
    }

    /** Sends one message; {@code traceparent} is null when no attributes are sent. */
    private void send(EncodedEvent encoded, String traceparent, Confirmation confirmation) {
        DomainEvent event = confirmation.event;
        String destination = confirmation.destination;
        boolean locked = false;
        try {
            locked = lock.tryLock(sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!locked) {
                confirmation.fail("other publishes held the JMS session for " + sendTimeout + " ("
                        + JmsConfig.SEND_TIMEOUT + ")", null);
                return;
            }
            if (closed) {
                confirmation.failWith(new PublisherClosedException(event.eventId(), confirmation.type, destination));
                return;
            }
            ensureConnected();
            BytesMessage message = session.createBytesMessage();
            message.writeBytes(encoded.body());
            JmsWireFormat.writeHeaders(message, encoded.headers());
            if (traceparent != null) {
                message.setStringProperty(TraceParent.HEADER, traceparent);
            }
            message.setStringProperty(JmsWireFormat.GROUP_ID, event.aggregateId());
            producer(destination).send(message, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY,
                    Message.DEFAULT_TIME_TO_LIVE, confirmation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            confirmation.fail("the publishing thread was interrupted", e);
        } catch (IllegalArgumentException e) {
            confirmation.fail(e.getMessage(), e);
        } catch (JMSException | RuntimeException e) {
            broken = true;
            confirmation.fail("the JMS broker refused it or could not be reached (" + e.getMessage() + "); check "
                    + JmsConfig.URL + " and that the broker runs", e);
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    private MessageProducer producer(String destination) throws JMSException {
        MessageProducer known = producers.get(destination);
        if (known == null) {
            known = session.createProducer(backend.destination(session, destination));
            known.setDeliveryMode(DeliveryMode.PERSISTENT);
            producers.put(destination, known);
        }
        return known;
    }

    private void ensureConnected() throws JMSException {
        if (connection != null && !broken) {
            return;
        }
        JmsBackend.closeQuietly(connection);
        connection = null;
        producers.clear();
        broken = false;
        Connection fresh = backend.connect();
        try {
            fresh.setExceptionListener(e -> broken = true);
            session = fresh.createSession(false, Session.AUTO_ACKNOWLEDGE);
        } catch (JMSException | RuntimeException e) {
            JmsBackend.closeQuietly(fresh);
            throw e;
        }
        connection = fresh;
    }

    /**
     * Waits (at most {@link JmsConfig#CLOSE_TIMEOUT}) until every publish returned so far is confirmed or failed,
     * fails those still unconfirmed, then closes the connection; idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Confirmation> inFlight = List.copyOf(pending);
        try {
            CompletableFuture.allOf(inFlight.stream().map(c -> c.future).toArray(CompletableFuture<?>[]::new))
                    .get(backend.config().closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // failed publishes were reported through their futures; unconfirmed ones are failed below
        }
        inFlight.forEach(confirmation -> confirmation.fail("the publisher was closed before the broker confirmed it "
                + "within " + backend.config().closeTimeout() + " (" + JmsConfig.CLOSE_TIMEOUT
                + "); the event may or may not be stored", null));
        synchronized (pending) {
            if (sweeper != null) {
                sweeper.cancel(false);
            }
        }
        lock.lock();
        try {
            JmsBackend.closeQuietly(connection);
            connection = null;
        } finally {
            lock.unlock();
        }
        backend.forget(this);
    }

    private static PublishFailedException failure(DomainEvent event, String destination, String reason, Throwable cause) {
        return new PublishFailedException(event.eventId(), event.getClass().getSimpleName(), destination, reason, cause);
    }

    /**
     * One publish in flight: completes its future when the broker confirms or refuses the message, or when it
     * expires, and reports the outcome to the observers once.
     */
    private final class Confirmation implements CompletionListener {
        private final DomainEvent event;
        private final String type;
        private final String destination;
        private final long startNanos;
        private final long deadlineNanos;
        private final CompletableFuture<PublishReceipt> future = new CompletableFuture<>();

        Confirmation(DomainEvent event, String type, String destination, long startNanos, long deadlineNanos) {
            this.event = event;
            this.type = type;
            this.destination = destination;
            this.startNanos = startNanos;
            this.deadlineNanos = deadlineNanos;
        }

        @Override
        public void onCompletion(Message message) {
            if (pending.remove(this)) {
                observers.publishCompleted(destination, type, startNanos, null);
                future.complete(PublishReceipt.of(event.eventId(), destination));
            }
        }

        @Override
        public void onException(Message message, Exception exception) {
            fail("the broker did not store it: " + exception.getMessage(), exception);
        }

        void fail(String reason, Throwable cause) {
            failWith(failure(event, destination, reason, cause));
        }

        void failWith(PublishFailedException failure) {
            if (pending.remove(this)) {
                observers.publishCompleted(destination, type, startNanos, failure);
                future.completeExceptionally(failure);
            }
        }
    }
}

package dev.eventport.adapter.jms;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import dev.eventport.ports.PublisherClosedException;
import dev.eventport.ports.spi.EncodedEvent;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes events as persistent JMS {@code TextMessage}s: the JSON body, the CloudEvents attributes as message
 * properties, and {@code JMSXGroupID} set to the aggregate id so that one aggregate's events are consumed in order.
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
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<CompletableFuture<PublishReceipt>, DomainEvent> pending = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile boolean broken;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    /** JMS destinations of this session by name: Artemis checks a new destination object at the broker on every send. */
    private final Map<String, Destination> destinations = new HashMap<>();

    JmsEventPublisher(JmsBackend backend) {
        this.backend = backend;
        this.sendTimeout = backend.config().sendTimeout();
    }

    @Override
    public CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers) {
        String type = event.getClass().getSimpleName();
        String destination = backend.destinations().destinationFor(event.getClass());
        if (closed) {
            return CompletableFuture.failedFuture(new PublisherClosedException(event.eventId(), type, destination));
        }
        for (String name : headers.keySet()) {
            if (name.startsWith("ce_") || name.startsWith("eventport_")) {
                return failed(event, destination, "header '" + name + "' uses a reserved prefix (ce_, eventport_): "
                        + "rename it", null);
            }
        }
        EncodedEvent encoded;
        try {
            encoded = backend.codec().encode(event, headers);
        } catch (RuntimeException e) {
            return failed(event, destination, e.getMessage(), e);
        }
        CompletableFuture<PublishReceipt> future = new CompletableFuture<>();
        pending.put(future, event);
        ScheduledFuture<?> timeout = backend.timer().schedule(() -> future.completeExceptionally(new PublishFailedException(
                event.eventId(), type, destination, "the broker did not confirm the persistent send within " + sendTimeout
                + " (" + JmsConfig.SEND_TIMEOUT + "); the event may or may not be stored", null)),
                sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
        future.whenComplete((receipt, failure) -> {
            timeout.cancel(false);
            pending.remove(future);
        });
        send(event, destination, encoded, future);
        return future;
    }

    private void send(DomainEvent event, String destination, EncodedEvent encoded, CompletableFuture<PublishReceipt> future) {
        boolean locked = false;
        try {
            locked = lock.tryLock(sendTimeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!locked) {
                future.completeExceptionally(failure(event, destination, "other publishes held the JMS session for "
                        + sendTimeout + " (" + JmsConfig.SEND_TIMEOUT + ")", null));
                return;
            }
            if (closed) {
                future.completeExceptionally(new PublisherClosedException(event.eventId(),
                        event.getClass().getSimpleName(), destination));
                return;
            }
            ensureConnected();
            TextMessage message = session.createTextMessage(new String(encoded.body(), StandardCharsets.UTF_8));
            JmsWireFormat.writeHeaders(message, encoded.headers());
            message.setStringProperty(JmsWireFormat.GROUP_ID, event.aggregateId());
            producer.send(destination(destination), message, DeliveryMode.PERSISTENT,
                    Message.DEFAULT_PRIORITY, Message.DEFAULT_TIME_TO_LIVE, new Confirmation(event, destination, future));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.completeExceptionally(failure(event, destination, "the publishing thread was interrupted", e));
        } catch (IllegalArgumentException e) {
            future.completeExceptionally(failure(event, destination, e.getMessage(), e));
        } catch (JMSException | RuntimeException e) {
            broken = true;
            future.completeExceptionally(failure(event, destination, "the JMS broker refused it or could not be reached ("
                    + e.getMessage() + "); check " + JmsConfig.URL + " and that the broker runs", e));
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    private Destination destination(String name) throws JMSException {
        Destination known = destinations.get(name);
        if (known == null) {
            known = backend.destination(session, name);
            destinations.put(name, known);
        }
        return known;
    }

    private void ensureConnected() throws JMSException {
        if (connection != null && !broken) {
            return;
        }
        JmsBackend.closeQuietly(connection);
        connection = null;
        destinations.clear();
        broken = false;
        Connection fresh = backend.connect();
        try {
            fresh.setExceptionListener(e -> broken = true);
            session = fresh.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
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
        Map<CompletableFuture<PublishReceipt>, DomainEvent> inFlight = Map.copyOf(pending);
        try {
            CompletableFuture.allOf(inFlight.keySet().toArray(new CompletableFuture<?>[0])).get(backend.config().closeTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // failed publishes were reported through their futures; unconfirmed ones are failed below
        }
        inFlight.forEach((future, event) -> future.completeExceptionally(failure(event,
                backend.destinations().destinationFor(event.getClass()), "the publisher was closed before the broker "
                        + "confirmed it within " + backend.config().closeTimeout() + " (" + JmsConfig.CLOSE_TIMEOUT
                        + "); the event may or may not be stored", null)));
        lock.lock();
        try {
            JmsBackend.closeQuietly(connection);
            connection = null;
        } finally {
            lock.unlock();
        }
        backend.forget(this);
    }

    private static CompletableFuture<PublishReceipt> failed(DomainEvent event, String destination, String reason,
                                                            Throwable cause) {
        return CompletableFuture.failedFuture(failure(event, destination, reason, cause));
    }

    private static PublishFailedException failure(DomainEvent event, String destination, String reason, Throwable cause) {
        return new PublishFailedException(event.eventId(), event.getClass().getSimpleName(), destination, reason, cause);
    }

    /** Completes one publish's future when the broker confirms or refuses the message. */
    private static final class Confirmation implements CompletionListener {
        private final DomainEvent event;
        private final String destination;
        private final CompletableFuture<PublishReceipt> future;

        Confirmation(DomainEvent event, String destination, CompletableFuture<PublishReceipt> future) {
            this.event = event;
            this.destination = destination;
            this.future = future;
        }

        @Override
        public void onCompletion(Message message) {
            future.complete(PublishReceipt.of(event.eventId(), destination));
        }

        @Override
        public void onException(Message message, Exception exception) {
            future.completeExceptionally(failure(event, destination, "the broker did not store it: "
                    + exception.getMessage(), exception));
        }
    }
}

package dev.eventport.benchmarks.brokers;

import dev.eventport.domain.OrderCreated;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Plain JMS on Artemis, written the way the JMS adapter works: persistent {@link TextMessage}s of JSON sent
 * asynchronously with a {@link CompletionListener} (confirmation window 1 MiB), and a transacted consumer that
 * commits every 100 messages or when the queue is empty.
 */
final class RawJmsSide implements Side {

    static final int CONFIRMATION_WINDOW_BYTES = 1024 * 1024;
    private static final int COMMIT_EVERY = 100;
    private static final long RECEIVE_MILLIS = 100;

    private final ActiveMQConnectionFactory factory;

    /** A side connecting to the broker at {@code url}. */
    RawJmsSide(String url) {
        this.factory = new ActiveMQConnectionFactory(url);
        factory.setConfirmationWindowSize(CONFIRMATION_WINDOW_BYTES);
    }

    @Override
    public String name() {
        return "raw JMS";
    }

    @Override
    public long publish(String destination, OrderCreated[] events, int count, Duration timeout) throws Exception {
        try (Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(destination))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            CountDownLatch confirmed = new CountDownLatch(count);
            AtomicReference<Exception> failure = new AtomicReference<>();
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    confirmed.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failure.compareAndSet(null, exception);
                    confirmed.countDown();
                }
            };
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                TextMessage message = session.createTextMessage(RawJson.MAPPER.writeValueAsString(events[i % events.length]));
                producer.send(message, listener);
            }
            if (!confirmed.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("raw JMS publish to " + destination + ": " + confirmed.getCount() + " of " + count
                        + " sends unconfirmed after " + timeout);
            }
            long elapsed = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("raw JMS publish to " + destination + " failed", failure.get());
            }
            return elapsed;
        }
    }

    @Override
    public long consume(String destination, int count, int consumers, Duration timeout) throws Exception {
        if (consumers != 1) {
            throw new IllegalArgumentException("The raw JMS side consumes with one consumer only, not " + consumers);
        }
        Arrivals arrivals = new Arrivals(false);
        try (ConsumerLoop loop = new ConsumerLoop(destination, arrivals)) {
            return arrivals.awaitCount(count, timeout, "raw JMS consume from " + destination);
        }
    }

    @Override
    public Histogram latency(String destination, OrderCreated[] events, int warmups, int samples, Duration timeout)
            throws Exception {
        Arrivals arrivals = new Arrivals(true);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        try (ConsumerLoop loop = new ConsumerLoop(destination, arrivals);
             Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(destination))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            CompletionListener ignore = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    // the arrival is what is measured
                }

                @Override
                public void onException(Message message, Exception exception) {
                    // a lost send shows as a timeout of the arrival
                }
            };
            for (int i = 0; i < warmups + samples; i++) {
                long sent = System.nanoTime();
                producer.send(session.createTextMessage(RawJson.MAPPER.writeValueAsString(events[i % events.length])), ignore);
                long arrived = arrivals.awaitNext(timeout, "raw JMS latency on " + destination);
                if (i >= warmups) {
                    histogram.recordValue(Math.max(1, (arrived - sent) / 1_000));
                }
            }
        }
        return histogram;
    }

    /** One consumer thread: receive, decode, handle, commit every {@value #COMMIT_EVERY} or when idle. */
    private final class ConsumerLoop implements AutoCloseable {
        private final Connection connection;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Exception failure;

        ConsumerLoop(String destination, Arrivals arrivals) throws JMSException {
            connection = factory.createConnection();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(destination));
            connection.start();
            thread = new Thread(() -> {
                int uncommitted = 0;
                try {
                    while (running) {
                        Message message = uncommitted > 0 ? consumer.receiveNoWait() : consumer.receive(RECEIVE_MILLIS);
                        if (message != null) {
                            RawJson.MAPPER.readValue(((TextMessage) message).getText(), OrderCreated.class);
                            arrivals.arrived();
                            uncommitted++;
                        }
                        if (uncommitted > 0 && (message == null || uncommitted >= COMMIT_EVERY)) {
                            session.commit();
                            uncommitted = 0;
                        }
                    }
                    if (uncommitted > 0) {
                        session.commit();
                    }
                } catch (Exception e) {
                    if (running) {
                        failure = e;
                    }
                }
            }, "raw-jms-consumer-" + destination);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(TimeUnit.SECONDS.toMillis(10));
            connection.close();
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}

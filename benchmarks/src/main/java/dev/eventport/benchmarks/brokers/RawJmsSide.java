package dev.eventport.benchmarks.brokers;

import dev.eventport.domain.OrderCreated;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Plain JMS on Artemis, written the way the JMS adapter works: persistent {@link BytesMessage}s of UTF-8 JSON
 * (the adapter's body format, without its CloudEvents properties) sent asynchronously with a {@link CompletionListener} (confirmation window 1 MiB), and a transacted consumer that
 * commits every 100 messages or when the queue is empty.
 */
final class RawJmsSide implements Side {

    static final int CONFIRMATION_WINDOW_BYTES = 1024 * 1024;
    private static final int COMMIT_EVERY = 100;
    private static final long RECEIVE_MILLIS = 100;

    private final ActiveMQConnectionFactory factory;
    private final boolean metadata;

    /**
     * A side connecting to the broker at {@code url}; with {@code metadata}, each message also carries eventport's
     * properties ({@link WireMetadata}, under the adapter's property names) and {@code JMSXGroupID}, and the consumer
     * reads them.
     */
    RawJmsSide(String url, boolean metadata) {
        this.factory = new ActiveMQConnectionFactory(url);
        this.metadata = metadata;
        factory.setConfirmationWindowSize(CONFIRMATION_WINDOW_BYTES);
    }

    @Override
    public String name() {
        return metadata ? "raw JMS + same properties" : "raw JMS";
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
                producer.send(message(session, events[i % events.length]), listener);
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
                producer.send(message(session, events[i % events.length]), ignore);
                long arrived = arrivals.awaitNext(timeout, "raw JMS latency on " + destination);
                if (i >= warmups) {
                    histogram.recordValue(Math.max(1, (arrived - sent) / 1_000));
                }
            }
        }
        return histogram;
    }

    private BytesMessage message(Session session, OrderCreated event) throws Exception {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(RawJson.MAPPER.writeValueAsBytes(event));
        if (metadata) {
            for (Map.Entry<String, String> attribute : WireMetadata.of(event).entrySet()) {
                String name = attribute.getKey().equals("content-type") ? "ce_datacontenttype" : attribute.getKey();
                message.setStringProperty(name, attribute.getValue());
            }
            message.setStringProperty("JMSXGroupID", event.aggregateId());
        }
        return message;
    }

    /** What a consumer of the metadata does with it: the application properties as strings. */
    private static Map<String, String> readProperties(Message message) throws JMSException {
        Map<String, String> properties = new HashMap<>();
        Enumeration<?> names = message.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMS") && !name.startsWith("_AMQ")) {
                properties.put(name, message.getStringProperty(name));
            }
        }
        return properties;
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
                            BytesMessage bytes = (BytesMessage) message;
                            byte[] body = new byte[(int) bytes.getBodyLength()];
                            bytes.readBytes(body);
                            RawJson.MAPPER.readValue(body, OrderCreated.class);
                            if (metadata) {
                                readProperties(message);
                            }
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

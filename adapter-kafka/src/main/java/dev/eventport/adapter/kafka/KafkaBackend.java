package dev.eventport.adapter.kafka;

import java.util.concurrent.atomic.AtomicBoolean;
import dev.eventport.codec.json.JsonEventCodec;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * The Kafka {@link EventBackend}: one producer and one admin client shared by its publishers, subscriptions and
 * dead-letter writers; one consumer per subscription thread.
 */
final class KafkaBackend implements EventBackend {

    static final Capabilities CAPABILITIES = Capabilities.of(Capability.DURABLE, Capability.FAN_OUT,
            Capability.COMPETING_CONSUMERS, Capability.ORDERED_PER_KEY, Capability.REPLAY,
            Capability.NEW_SUBSCRIPTION_SEES_HISTORY, Capability.DEAD_LETTER, Capability.CROSS_PROCESS);

    private final KafkaContext context;
    private final KafkaDeadLetters deadLetters;
    private final Set<KafkaEventPublisher> publishers = ConcurrentHashMap.newKeySet();
    private final Set<KafkaEventSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    KafkaBackend(KafkaConfig config, DestinationNaming naming) {
        Admin admin = null;
        Producer<String, byte[]> producer = null;
        try {
            admin = Admin.create(config.adminProperties());
            producer = new KafkaProducer<>(config.producerProperties());
        } catch (KafkaException e) {
            closeQuietly(admin);
            closeQuietly(producer);
            throw config.rejected(admin == null ? "admin client" : "producer", e);
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eventport-kafka-lag");
            thread.setDaemon(true);
            return thread;
        });
        this.context = new KafkaContext(config, producer, admin, new JsonEventCodec(), naming, new KafkaTopics(admin, config),
                scheduler, new AtomicInteger());
        this.deadLetters = new KafkaDeadLetters(context);
    }

    @Override
    public String name() {
        return KafkaBackendProvider.NAME;
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public EventPublisher createPublisher() {
        requireOpen();
        KafkaEventPublisher publisher = new KafkaEventPublisher(context.producer(), context.codec(), context.naming(),
                context.topics(), publishers::remove);
        publishers.add(publisher);
        return publisher;
    }

    @Override
    public EventSubscriber createSubscriber() {
        requireOpen();
        KafkaEventSubscriber subscriber = new KafkaEventSubscriber(context, subscribers::remove);
        subscribers.add(subscriber);
        return subscriber;
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    @Override
    public DestinationNaming destinations() {
        return context.naming();
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("This Kafka backend is closed; open a new one with MessagingBackends.load(...)");
        }
    }

    /** Closes subscribers (committing what they processed), flushes publishers, then closes the clients; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        new ArrayList<>(subscribers).forEach(KafkaEventSubscriber::close);
        new ArrayList<>(publishers).forEach(KafkaEventPublisher::close);
        context.scheduler().shutdownNow();
        context.producer().close(context.config().closeTimeout());
        context.admin().close(context.config().closeTimeout());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // the configuration error being reported matters more
            }
        }
    }
}

package dev.eventport.adapter.kafka;

import dev.eventport.codec.json.JsonEventCodec;
import dev.eventport.ports.BackendHealth;
import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventPublisher;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.spi.AbstractEventBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka {@link dev.eventport.ports.EventBackend}: one producer and one admin client shared by its publishers, subscriptions and
 * dead-letter writers; one consumer per subscription thread; a lag thread measuring every subscription's lag; a
 * health thread probing the cluster, so that {@link #health()} answers at once from what is known.
 */
final class KafkaBackend extends AbstractEventBackend {

    static final Capabilities CAPABILITIES = Capabilities.of(Capability.DURABLE, Capability.FAN_OUT,
            Capability.COMPETING_CONSUMERS, Capability.ORDERED_PER_KEY, Capability.REPLAY,
            Capability.NEW_SUBSCRIPTION_SEES_HISTORY, Capability.DEAD_LETTER, Capability.CROSS_PROCESS);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBackend.class);
    /** How long a health check may wait for the first probe of a backend just opened. */
    private static final Duration FIRST_PROBE_WAIT = Duration.ofMillis(900);

    private final KafkaContext context;
    private final ScheduledExecutorService healthScheduler;
    private final KafkaDeadLetters deadLetters;

    KafkaBackend(KafkaConfig config, DestinationNaming naming) {
        super(KafkaBackendProvider.NAME, CAPABILITIES, naming);
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
        ScheduledExecutorService lagScheduler = daemonScheduler("eventport-kafka-lag");
        this.healthScheduler = daemonScheduler("eventport-kafka-health");
        ClusterHealth health = new ClusterHealth(config, admin, healthScheduler);
        this.context = new KafkaContext(config, producer, admin, new JsonEventCodec(), naming, new KafkaTopics(admin, config),
                lagScheduler, new AtomicInteger(), observers(), health);
        this.deadLetters = new KafkaDeadLetters(context);
        health.start();
        LOG.info("Kafka backend opened: bootstrap servers {}", config.bootstrapServers());
    }

    private static ScheduledExecutorService daemonScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public EventPublisher createPublisher() {
        requireOpen();
        return track(new KafkaEventPublisher(context, this::forget));
    }

    @Override
    public EventSubscriber createSubscriber() {
        requireOpen();
        return track(new KafkaEventSubscriber(context, this::forget));
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * Answers from the last probe of the cluster (every {@link KafkaConfig#LAG_INTERVAL}), the last failed publish
     * and the subscriptions' state; waits only for the first probe of a backend just opened, at most 0.9 s.
     */
    @Override
    protected BackendHealth openHealth() {
        ClusterHealth cluster = context.health();
        cluster.awaitFirstAnswer(FIRST_PROBE_WAIT);
        List<String> publishProblems = cluster.publishProblems();
        List<String> consumeProblems = new ArrayList<>(cluster.clusterProblems());
        consumeProblems.addAll(observers().subscriptionProblems());
        for (KafkaEventSubscriber subscriber : tracked(KafkaEventSubscriber.class)) {
            consumeProblems.addAll(subscriber.problems());
        }
        return healthOf(publishProblems, consumeProblems);
    }

    /**
     * After the subscribers (committing what they processed) and publishers (flushed) were closed: stops the health
     * and lag threads, then closes the producer and the admin client.
     */
    @Override
    protected void release() {
        context.health().stop();
        healthScheduler.shutdownNow();
        ScheduledExecutorService lagScheduler = context.scheduler();
        lagScheduler.shutdown(); // lets the subscriptions' last tasks (closing their readers) run
        try {
            if (!lagScheduler.awaitTermination(context.config().closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                lagScheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lagScheduler.shutdownNow();
        }
        context.producer().close(context.config().closeTimeout());
        context.admin().close(context.config().closeTimeout());
        LOG.info("Kafka backend closed: bootstrap servers {}", context.config().bootstrapServers());
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

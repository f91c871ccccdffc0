package dev.eventport.benchmarks.brokers;

import dev.eventport.domain.OrderCreated;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain {@link KafkaProducer} and {@link KafkaConsumer}, used the way a hand-written service would, with the
 * Kafka adapter's settings: string keys (the aggregate id), JSON values, {@code acks=all}, idempotence on, the
 * given {@code linger.ms}; consumers with auto-commit off that commit asynchronously after each poll.
 */
final class RawKafkaSide implements Side {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String bootstrapServers;
    private final int lingerMs;
    private final boolean metadata;

    /**
     * A side for the cluster at {@code bootstrapServers}, producing with {@code linger.ms=lingerMs}; with
     * {@code metadata}, each record also carries eventport's headers ({@link WireMetadata}) and the consumer reads them.
     */
    RawKafkaSide(String bootstrapServers, int lingerMs, boolean metadata) {
        this.bootstrapServers = bootstrapServers;
        this.lingerMs = lingerMs;
        this.metadata = metadata;
    }

    @Override
    public String name() {
        return metadata ? "raw Kafka clients + same headers" : "raw Kafka clients";
    }

    private ProducerRecord<String, byte[]> record(String topic, OrderCreated order) throws Exception {
        byte[] body = RawJson.MAPPER.writeValueAsBytes(order);
        if (!metadata) {
            return new ProducerRecord<>(topic, order.orderId(), body);
        }
        RecordHeaders headers = new RecordHeaders();
        WireMetadata.of(order).forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(topic, null, order.orderId(), body, headers);
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public long publish(String destination, OrderCreated[] events, int count, Duration timeout) throws Exception {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            CountDownLatch acknowledged = new CountDownLatch(count);
            AtomicReference<Exception> failure = new AtomicReference<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                OrderCreated order = events[i % events.length];
                producer.send(record(destination, order), (recordMetadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                    acknowledged.countDown();
                });
            }
            if (!acknowledged.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("raw Kafka publish to " + destination + ": " + acknowledged.getCount() + " of "
                        + count + " records unacknowledged after " + timeout);
            }
            long elapsed = System.nanoTime() - start;
            if (failure.get() != null) {
                throw new IllegalStateException("raw Kafka publish to " + destination + " failed", failure.get());
            }
            return elapsed;
        }
    }

    @Override
    public long consume(String destination, int count, int consumers, Duration timeout) throws Exception {
        Arrivals arrivals = new Arrivals(false);
        String group = "raw-" + destination + "-" + UUID.randomUUID();
        List<PollLoop> loops = new ArrayList<>();
        try {
            for (int i = 0; i < consumers; i++) {
                loops.add(new PollLoop(destination, group, arrivals, consumers > 1));
            }
            if (consumers > 1) {
                awaitGroup(loops, timeout, destination);
                loops.forEach(PollLoop::release);
            }
            return arrivals.awaitCount(count, timeout, "raw Kafka consume from " + destination);
        } finally {
            for (PollLoop loop : loops) {
                loop.close();
            }
        }
    }

    @Override
    public Histogram latency(String destination, OrderCreated[] events, int warmups, int samples, Duration timeout)
            throws Exception {
        Arrivals arrivals = new Arrivals(true);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        try (PollLoop loop = new PollLoop(destination, "raw-latency-" + destination, arrivals, false);
             KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < warmups + samples; i++) {
                OrderCreated order = events[i % events.length];
                long sent = System.nanoTime();
                producer.send(record(destination, order));
                long arrived = arrivals.awaitNext(timeout, "raw Kafka latency on " + destination);
                if (i >= warmups) {
                    histogram.recordValue(Math.max(1, (arrived - sent) / 1_000));
                }
            }
        }
        return histogram;
    }

    /**
     * Waits until every loop owns partitions: with eager rebalancing (the default range assignor) that happens only
     * once all of them are members of the same generation, i.e. when the group has formed.
     */
    private static void awaitGroup(List<PollLoop> loops, Duration timeout, String topic) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!loops.stream().allMatch(PollLoop::ownsPartitions)) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("raw Kafka consume from " + topic + ": the " + loops.size()
                        + " consumers did not all get partitions within " + timeout + " (more consumers than partitions?)");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** What a consumer of the metadata does with it: the headers as strings. */
    private static Map<String, String> readHeaders(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }

    /**
     * One consumer thread: poll, decode and handle each record, commit asynchronously after each poll. A held loop
     * pauses the partitions it is assigned until {@link #release()}.
     */
    private final class PollLoop implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Thread thread;
        private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
        private volatile boolean held;
        private volatile boolean running = true;
        private volatile Exception failure;

        PollLoop(String topic, String group, Arrivals arrivals, boolean held) {
            this.held = held;
            Map<String, Object> p = new HashMap<>();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            thread = new Thread(() -> {
                try {
                    consumer.subscribe(List.of(topic), new Ownership());
                    boolean pausing = this.held;
                    while (running) {
                        if (pausing && !this.held) {
                            // released: resume once what was paused (later assignments are no longer paused)
                            consumer.resume(consumer.paused());
                            pausing = false;
                        }
                        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                        for (ConsumerRecord<String, byte[]> record : records) {
                            RawJson.MAPPER.readValue(record.value(), OrderCreated.class);
                            if (metadata) {
                                readHeaders(record);
                            }
                            arrivals.arrived();
                        }
                        if (!records.isEmpty()) {
                            consumer.commitAsync();
                        }
                    }
                } catch (WakeupException e) {
                    // closing
                } catch (Exception e) {
                    failure = e;
                } finally {
                    consumer.close(Duration.ofSeconds(5));
                }
            }, "raw-kafka-consumer-" + topic);
            thread.setDaemon(true);
            thread.start();
        }

        boolean ownsPartitions() {
            return !owned.isEmpty();
        }

        void release() {
            held = false;
        }

        /** Tracks the partitions this loop owns, pausing them while the loop is held (on the loop's thread). */
        private final class Ownership implements ConsumerRebalanceListener {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                owned.removeAll(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (held) {
                    consumer.pause(partitions);
                }
                owned.addAll(partitions);
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            consumer.wakeup();
            thread.join(TimeUnit.SECONDS.toMillis(15));
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Override
    public void close() {
        // every step creates and closes its own clients
    }
}

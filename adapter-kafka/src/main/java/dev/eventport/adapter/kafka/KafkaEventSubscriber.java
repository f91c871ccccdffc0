package dev.eventport.adapter.kafka;

import java.util.concurrent.atomic.AtomicBoolean;
import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.EventSubscriber;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.SubscriptionRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Starts Kafka subscriptions: each is a consumer group named after the subscription, with
 * {@link SubscriptionRequest#consumers()} consumer threads, each running its own poll loop.
 *
 * <p>Contract: as {@link EventSubscriber}. {@code subscribe} makes sure the topic and its {@code .DLT} exist, then
 * returns once every consumer thread has its partitions and every partition of the topic has a stored position for
 * the group (a group without one starts at the request's {@link dev.eventport.ports.StartPosition}); it fails with
 * an {@link dev.eventport.ports.EventportException} naming the subscription, topic and cause if that takes longer
 * than {@link KafkaConfig#OPERATION_TIMEOUT}. Offsets are committed only for records handled or dead-lettered.
 * Created by the Kafka backend.
 */
public final class KafkaEventSubscriber implements EventSubscriber {

    private final KafkaContext context;
    private final Consumer<KafkaEventSubscriber> onClose;
    private final Set<KafkaSubscription<?>> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    KafkaEventSubscriber(KafkaContext context, Consumer<KafkaEventSubscriber> onClose) {
        this.context = context;
        this.onClose = onClose;
    }

    @Override
    public <E extends DomainEvent> Subscription subscribe(SubscriptionRequest<E> request) {
        if (closed.get()) {
            throw new IllegalStateException("This Kafka subscriber is closed; create a new one with EventBackend.createSubscriber()");
        }
        String topic = context.naming().destinationFor(request.eventType());
        context.topics().ensureExists(topic);
        KafkaSubscription<E> subscription = new KafkaSubscription<>(request, topic, context, open::remove);
        open.add(subscription);
        subscription.start();
        return subscription;
    }

    /** What stops the open subscriptions started here from consuming, apart from the cluster and pausing. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (KafkaSubscription<?> subscription : open) {
            problems.addAll(subscription.problems());
        }
        return problems;
    }

    /** Closes every subscription started here; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<KafkaSubscription<?>> all = new ArrayList<>(open);
        all.parallelStream().forEach(KafkaSubscription::close);
        onClose.accept(this);
    }
}

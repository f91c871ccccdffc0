package dev.eventport.examples.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows orders from their creation at checkout until every healthy consumer applied them.
 *
 * <p>Thread safe: checkout threads call {@link #created}, {@link #succeeded}; handler threads call {@link #applied}.
 */
final class DeliveryTracker {

    private final int healthyConsumers;
    private final Map<String, long[]> byOrder = new ConcurrentHashMap<>();
    private final Set<String> succeeded = ConcurrentHashMap.newKeySet();

    DeliveryTracker(int healthyConsumers) {
        this.healthyConsumers = healthyConsumers;
    }

    /** The order was created now (before it is saved, charged and published). */
    void created(String orderId) {
        byOrder.put(orderId, new long[] {System.nanoTime(), 0, 0});
    }

    /** Checkout returned normally for the order. */
    void succeeded(String orderId) {
        succeeded.add(orderId);
    }

    /** A healthy consumer applied the order (once per consumer, thanks to idempotency). */
    void applied(String orderId) {
        long[] entry = byOrder.get(orderId);
        if (entry != null) {
            synchronized (entry) {
                entry[1]++;
                entry[2] = System.nanoTime();
            }
        }
    }

    Set<String> succeededIds() {
        return Set.copyOf(succeeded);
    }

    int succeededCount() {
        return succeeded.size();
    }

    /** (healthy consumer, successful order) pairs not applied yet. */
    long missing() {
        long missing = 0;
        for (String id : succeeded) {
            long[] entry = byOrder.get(id);
            synchronized (entry) {
                missing += Math.max(0, healthyConsumers - entry[1]);
            }
        }
        return missing;
    }

    /** Nanoseconds from creation to the last healthy consumer's apply, for every order all of them applied. */
    long[] endToEndNanos() {
        List<Long> delays = new ArrayList<>();
        for (long[] entry : byOrder.values()) {
            synchronized (entry) {
                if (entry[1] >= healthyConsumers && healthyConsumers > 0) {
                    delays.add(entry[2] - entry[0]);
                }
            }
        }
        return delays.stream().mapToLong(Long::longValue).toArray();
    }
}

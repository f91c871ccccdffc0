package dev.eventport.ports.idempotency;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ProcessedEvents} in this process's memory, keeping the most recent {@code capacity} event ids per
 * subscription (the oldest are forgotten first). Lost on restart: use a shared store for idempotency across
 * restarts.
 */
public final class InMemoryProcessedEvents implements ProcessedEvents {

    private final int capacity;
    private final Map<String, Map<String, Boolean>> bySubscription = new ConcurrentHashMap<>();

    /** Keeps up to 100,000 event ids per subscription. */
    public InMemoryProcessedEvents() {
        this(100_000);
    }

    /** Keeps up to {@code capacity} event ids per subscription. */
    public InMemoryProcessedEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("InMemoryProcessedEvents capacity must be at least 1, but was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public boolean isProcessed(String subscription, String eventId) {
        Map<String, Boolean> ids = bySubscription.get(subscription);
        if (ids == null) {
            return false;
        }
        synchronized (ids) {
            return ids.containsKey(eventId);
        }
    }

    @Override
    public void markProcessed(String subscription, String eventId) {
        Map<String, Boolean> ids = bySubscription.computeIfAbsent(subscription, s -> new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
        synchronized (ids) {
            ids.put(eventId, Boolean.TRUE);
        }
    }
}

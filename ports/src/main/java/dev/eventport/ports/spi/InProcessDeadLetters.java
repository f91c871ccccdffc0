package dev.eventport.ports.spi;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link DeadLetters} kept in this process's memory, for backends without a broker to hold them.
 *
 * <p>Contract: thread safe; {@link #add(DeadLetter)} files a dead letter under its destination; {@link #list(String)}
 * returns them oldest first. At most {@code maxPerDestination} are kept per destination: beyond it the oldest is
 * forgotten and a warning names it and {@code limitKey}, the configuration key that raises the limit.
 * {@link #republish(DeadLetter)} hands the letter's event and headers to the backend's {@link Republisher} and
 * removes the letter once that publish succeeded.
 */
public final class InProcessDeadLetters implements DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessDeadLetters.class);

    private final int maxPerDestination;
    private final String limitKey;
    private final Republisher republisher;
    private final ConcurrentHashMap<String, Deque<DeadLetter>> byDestination = new ConcurrentHashMap<>();

    /**
     * Keeps at most {@code maxPerDestination} dead letters per destination; {@code limitKey} is named when it drops
     * one; {@code republisher} publishes a letter's event again.
     */
    public InProcessDeadLetters(int maxPerDestination, String limitKey, Republisher republisher) {
        if (maxPerDestination < 1) {
            throw new IllegalArgumentException("maxPerDestination must be at least 1, but was " + maxPerDestination);
        }
        this.maxPerDestination = maxPerDestination;
        this.limitKey = limitKey;
        this.republisher = republisher;
    }

    /** Files a dead letter under its destination. */
    public void add(DeadLetter deadLetter) {
        Deque<DeadLetter> letters = byDestination.computeIfAbsent(deadLetter.destination(), d -> new ArrayDeque<>());
        synchronized (letters) {
            letters.addLast(deadLetter);
            if (letters.size() > maxPerDestination) {
                DeadLetter forgotten = letters.removeFirst();
                LOG.warn("More than {} dead letters on '{}': forgetting the oldest, event {} (raise {} to keep more)",
                        maxPerDestination, forgotten.destination(), forgotten.eventId(), limitKey);
            }
        }
    }

    @Override
    public List<DeadLetter> list(String destination) {
        Deque<DeadLetter> letters = byDestination.get(destination);
        if (letters == null) {
            return List.of();
        }
        synchronized (letters) {
            return List.copyOf(letters);
        }
    }

    @Override
    public CompletableFuture<PublishReceipt> republish(DeadLetter deadLetter) {
        Deque<DeadLetter> letters = byDestination.get(deadLetter.destination());
        boolean kept;
        if (letters == null) {
            kept = false;
        } else {
            synchronized (letters) {
                kept = letters.contains(deadLetter);
            }
        }
        if (!kept || deadLetter.event() == null) {
            String eventType = deadLetter.event() != null ? deadLetter.event().getClass().getSimpleName()
                    : deadLetter.headers().getOrDefault("ce_type", "unknown");
            return CompletableFuture.failedFuture(new PublishFailedException(deadLetter.eventId(), eventType,
                    deadLetter.destination(), kept ? "the dead letter has no decoded event to publish"
                            : "this dead letter is no longer kept (republished already, or forgotten beyond " + limitKey + ")",
                    null));
        }
        Map<String, String> headers = new HashMap<>(deadLetter.headers());
        headers.put(REPUBLISHED_HEADER, Integer.toString(deadLetter.attempts()));
        return republisher.publish(deadLetter.event(), headers).thenApply(receipt -> {
            synchronized (letters) {
                letters.remove(deadLetter);
            }
            return receipt;
        });
    }

    /** Publishes an event again through the backend that dead-lettered it. */
    @FunctionalInterface
    public interface Republisher {
        /** Publishes {@code event} with {@code headers} to the destination its type maps to. */
        CompletableFuture<PublishReceipt> publish(DomainEvent event, Map<String, String> headers);
    }
}

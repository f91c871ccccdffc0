package dev.eventport.ports.spi;

import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DeadLetters} kept in this process's memory, for backends without a broker to hold them.
 *
 * <p>Contract: thread safe; {@link #add(DeadLetter)} files a dead letter under its destination; {@link #list(String)}
 * returns them oldest first. At most {@code maxPerDestination} are kept per destination: beyond it the oldest is
 * forgotten and a warning names it and {@code limitKey}, the configuration key that raises the limit.
 */
public final class InProcessDeadLetters implements DeadLetters {

    private static final System.Logger LOG = System.getLogger(InProcessDeadLetters.class.getName());

    private final int maxPerDestination;
    private final String limitKey;
    private final ConcurrentHashMap<String, Deque<DeadLetter>> byDestination = new ConcurrentHashMap<>();

    /** Keeps at most {@code maxPerDestination} dead letters per destination; {@code limitKey} is named when it drops one. */
    public InProcessDeadLetters(int maxPerDestination, String limitKey) {
        if (maxPerDestination < 1) {
            throw new IllegalArgumentException("maxPerDestination must be at least 1, but was " + maxPerDestination);
        }
        this.maxPerDestination = maxPerDestination;
        this.limitKey = limitKey;
    }

    /** Files a dead letter under its destination. */
    public void add(DeadLetter deadLetter) {
        Deque<DeadLetter> letters = byDestination.computeIfAbsent(deadLetter.destination(), d -> new ArrayDeque<>());
        synchronized (letters) {
            letters.addLast(deadLetter);
            if (letters.size() > maxPerDestination) {
                DeadLetter forgotten = letters.removeFirst();
                LOG.log(System.Logger.Level.WARNING, "More than {0} dead letters on ''{1}'': forgetting the oldest, event {2} "
                        + "(raise {3} to keep more)", maxPerDestination, forgotten.destination(), forgotten.eventId(), limitKey);
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
}

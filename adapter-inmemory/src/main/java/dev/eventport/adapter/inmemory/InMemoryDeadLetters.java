package dev.eventport.adapter.inmemory;

import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Dead letters in this process, per destination, oldest first, bounded by {@link InMemoryConfig#DEAD_LETTERS_MAX}. */
final class InMemoryDeadLetters implements DeadLetters {

    private static final System.Logger LOG = System.getLogger(InMemoryDeadLetters.class.getName());

    private final int max;
    private final ConcurrentHashMap<String, Deque<DeadLetter>> byDestination = new ConcurrentHashMap<>();

    InMemoryDeadLetters(int max) {
        this.max = max;
    }

    void add(DeadLetter deadLetter) {
        Deque<DeadLetter> letters = byDestination.computeIfAbsent(deadLetter.destination(), d -> new ArrayDeque<>());
        synchronized (letters) {
            letters.addLast(deadLetter);
            if (letters.size() > max) {
                DeadLetter forgotten = letters.removeFirst();
                LOG.log(System.Logger.Level.WARNING, "More than {0} dead letters on ''{1}'' ({2}): forgetting the oldest, "
                        + "event {3}", max, forgotten.destination(), InMemoryConfig.DEAD_LETTERS_MAX, forgotten.eventId());
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

package dev.eventport.adapter.direct;

import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The dead letters of a direct backend, kept in this process's memory until the backend is dropped. */
final class InProcessDeadLetters implements DeadLetters {

    private final Map<String, List<DeadLetter>> byDestination = new ConcurrentHashMap<>();

    void add(DeadLetter deadLetter) {
        List<DeadLetter> list = byDestination.computeIfAbsent(deadLetter.destination(), d -> new ArrayList<>());
        synchronized (list) {
            list.add(deadLetter);
        }
    }

    @Override
    public List<DeadLetter> list(String destination) {
        List<DeadLetter> list = byDestination.get(destination);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}

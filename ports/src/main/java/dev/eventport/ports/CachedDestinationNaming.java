package dev.eventport.ports;

import dev.eventport.domain.DomainEvent;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A naming that computes each type's destination once and then answers from a per-class cache: publishers ask
 * for the destination on every publish, and computing it (two regular expressions) costs microseconds.
 */
final class CachedDestinationNaming implements DestinationNaming {

    private static final Pattern ACRONYM_END = Pattern.compile("([A-Z]+)([A-Z][a-z])");
    private static final Pattern WORD_END = Pattern.compile("([a-z0-9])([A-Z])");

    private final ClassValue<String> destinations;

    CachedDestinationNaming(Function<Class<? extends DomainEvent>, String> compute) {
        this.destinations = new ClassValue<>() {
            @Override
            @SuppressWarnings("unchecked")
            protected String computeValue(Class<?> type) {
                return compute.apply((Class<? extends DomainEvent>) type);
            }
        };
    }

    /** {@code OrderCreated} to {@code order-created}; {@code HTTPRequestSeen} to {@code http-request-seen}. */
    static String kebabCase(String simpleName) {
        String separated = WORD_END.matcher(ACRONYM_END.matcher(simpleName).replaceAll("$1-$2")).replaceAll("$1-$2");
        return separated.toLowerCase(Locale.ROOT);
    }

    @Override
    public String destinationFor(Class<? extends DomainEvent> eventType) {
        return destinations.get(eventType);
    }
}

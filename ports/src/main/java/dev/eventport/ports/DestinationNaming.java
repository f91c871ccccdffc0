package dev.eventport.ports;

import dev.eventport.domain.DomainEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps an event type to the destination (topic, queue) its events are published to.
 *
 * <p>Contract: the same type always maps to the same destination; the default, {@link #kebabCase()}, turns
 * {@code OrderCreated} into {@code order-created}; {@link #fromConfig(EventportConfig)} applies overrides
 * {@code eventport.destination.<SimpleClassName>=<name>} over the default. Destination names are 1-200 characters
 * of letters, digits, '.', '_' and '-'.
 */
@FunctionalInterface
public interface DestinationNaming {

    /** The configuration key prefix of per-type overrides. */
    String OVERRIDE_PREFIX = "eventport.destination.";

    /** The destination of the given event type. */
    String destinationFor(Class<? extends DomainEvent> eventType);

    /** {@code OrderCreated} to {@code order-created}; {@code HTTPRequestSeen} to {@code http-request-seen}. */
    static DestinationNaming kebabCase() {
        return new CachedDestinationNaming(type -> CachedDestinationNaming.kebabCase(type.getSimpleName()));
    }

    /** Kebab case, with the overrides found under {@value #OVERRIDE_PREFIX} in the configuration. */
    static DestinationNaming fromConfig(EventportConfig config) {
        Map<String, String> overrides = config.withPrefix(OVERRIDE_PREFIX);
        overrides.forEach((type, destination) -> {
            if (!Pattern.matches("[A-Za-z0-9._-]{1,200}", destination)) {
                throw new ConfigurationException(OVERRIDE_PREFIX + type + " must be 1-200 characters of letters, digits, "
                        + "'.', '_' and '-', but was '" + destination + "' (" + config.sourceOf(OVERRIDE_PREFIX + type) + ")");
            }
        });
        return kebabCase().withOverrides(overrides);
    }

    /** This naming, with a fixed destination for the types whose simple name is a key of {@code bySimpleName}. */
    default DestinationNaming withOverrides(Map<String, String> bySimpleName) {
        Map<String, String> copy = new HashMap<>(bySimpleName);
        return new CachedDestinationNaming(type -> {
            String override = copy.get(type.getSimpleName());
            return override != null ? override : destinationFor(type);
        });
    }
}

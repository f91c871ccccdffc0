package dev.eventport.ports;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The set of {@link Capability capabilities} a backend declares.
 *
 * <p>Contract: a backend declares a capability only if it passes the contract suite's cases for it, and the suite
 * asserts that a capability it does not declare is really absent (a declaration is a promise both ways).
 *
 * @param declared the capabilities offered; an immutable copy
 */
public record Capabilities(Set<Capability> declared) {

    /** Copies the set. */
    public Capabilities {
        declared = declared.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Capability.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(declared));
    }

    /** The capabilities listed. */
    public static Capabilities of(Capability... capabilities) {
        return new Capabilities(capabilities.length == 0 ? EnumSet.noneOf(Capability.class)
                : EnumSet.copyOf(Arrays.asList(capabilities)));
    }

    /** Whether the capability is declared. */
    public boolean has(Capability capability) {
        return declared.contains(capability);
    }

    /** Whether the capability is not declared. */
    public boolean lacks(Capability capability) {
        return !has(capability);
    }
}

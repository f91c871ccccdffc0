package dev.eventport.examples.security;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where the canary classes report that their static initializer ran (that they were loaded and initialised). */
final class CanaryTripwire {

    private static final Set<String> INITIALISED = ConcurrentHashMap.newKeySet();

    private CanaryTripwire() {
    }

    static void trip(Class<?> canary) {
        INITIALISED.add(canary.getName());
    }

    static boolean tripped(String className) {
        return INITIALISED.contains(className);
    }
}

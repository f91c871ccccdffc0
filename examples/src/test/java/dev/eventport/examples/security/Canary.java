package dev.eventport.examples.security;

/** A class that messages name; nothing may ever initialise it (its initializer trips {@link CanaryTripwire}). */
final class Canary {

    static {
        CanaryTripwire.trip(Canary.class);
    }

    private Canary() {
    }
}

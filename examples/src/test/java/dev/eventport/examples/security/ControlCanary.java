package dev.eventport.examples.security;

/** Like {@link Canary}, but initialised on purpose, to prove that the tripwire notices an initialisation. */
final class ControlCanary {

    static {
        CanaryTripwire.trip(ControlCanary.class);
    }

    private ControlCanary() {
    }
}

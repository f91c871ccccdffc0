package dev.eventport.testkit.chaos;

/**
 * What an injected handler crash throws. Contract: the message names the fault (kind, event, subscription,
 * delivery) and the seed that replays it; {@link #fault()} gives the fault.
 */
public final class InjectedFaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Fault fault;

    InjectedFaultException(Fault fault, long seed) {
        super("Injected " + fault + " (chaos seed " + seed + ")");
        this.fault = fault;
    }

    /** The fault injected. */
    public Fault fault() {
        return fault;
    }
}

package dev.eventport.ports;

/** An operation needs a {@link Capability} that the backend does not declare (for example a rewind on JMS). */
public class UnsupportedCapabilityException extends EventportException {

    private static final long serialVersionUID = 1L;

    private final Capability capability;

    /** The backend lacks {@code capability}; the message says which backend and what to use instead. */
    public UnsupportedCapabilityException(String backend, Capability capability, String hint) {
        super("The '" + backend + "' backend does not support " + capability + " (" + capability.description()
                + "). " + hint);
        this.capability = capability;
    }

    /** The missing capability. */
    public Capability capability() {
        return capability;
    }
}

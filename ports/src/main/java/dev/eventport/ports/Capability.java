package dev.eventport.ports;

/**
 * One behaviour a backend may or may not offer. The contract suite runs the cases of a capability a backend
 * declares and asserts the behaviour is absent where it does not; the README's capability matrix is built from
 * these declarations.
 */
public enum Capability {
    /** Publishing returns after every handler ran, in the publisher's thread. */
    SYNCHRONOUS("publish returns after every handler ran, in the caller's thread"),
    /** Published events survive a restart of the backend, and a subscription reopened under its name resumes. */
    DURABLE("events survive a restart; a subscription reopened under its name loses nothing"),
    /** Every subscription receives every event of its destination. */
    FAN_OUT("every subscription receives every event"),
    /** Several consumers of one subscription split its events between them. */
    COMPETING_CONSUMERS("consumers sharing a subscription split its events"),
    /** Events with the same aggregate id are handled in publish order. */
    ORDERED_PER_KEY("events with the same aggregate id are handled in publish order"),
    /** A running subscription can be rewound to the beginning or to a time. */
    REPLAY("a subscription can be rewound to the beginning or to a time"),
    /** A new subscription starting from earliest or a timestamp receives events published before it existed. */
    NEW_SUBSCRIPTION_SEES_HISTORY("a new subscription can start from earlier events"),
    /** An event whose handling failed for good is kept, with the reason, in an inspectable dead-letter place. */
    DEAD_LETTER("failed events are kept with the reason in dead letters"),
    /** Publishers and subscribers may run in different processes. */
    CROSS_PROCESS("publishers and subscribers may run in different processes");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /** One sentence saying what the capability guarantees. */
    public String description() {
        return description;
    }
}

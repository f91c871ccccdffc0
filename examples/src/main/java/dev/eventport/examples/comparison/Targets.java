package dev.eventport.examples.comparison;

import dev.eventport.ports.MessagingBackends;
import java.util.Map;

/** Starts the backends the comparison knows by label, with the embedded broker each needs. */
final class Targets {

    private Targets() {
    }

    /** The target named {@code label}; its broker, if any, is started and is stopped when the target is closed. */
    static BackendTarget start(String label) {
        String backend = label.startsWith("jms") ? "jms" : label;
        if (!MessagingBackends.available().contains(backend)) {
            throw new IllegalStateException("backend '" + backend + "' is not on the classpath (available: "
                    + MessagingBackends.available() + "); add dev.eventport:eventport-adapter-" + backend);
        }
        return switch (label) {
            case "direct" -> new BackendTarget(label, backend, Map.of(),
                    "synchronous: every handler runs in checkout's thread before publish returns; retries wait in that "
                            + "thread; nothing is stored (no durability, no replay)", () -> { });
            case "inmemory" -> new BackendTarget(label, backend, Map.of(),
                    "asynchronous in-process log: publish is acknowledged when appended in this JVM's memory; "
                            + "consumer threads per subscription; lost when the process stops", () -> { });
            default -> throw new IllegalStateException("backend '" + label + "' needs an embedded broker that this "
                    + "build does not start yet");
        };
    }
}

package dev.eventport.examples.comparison;

import dev.eventport.examples.EmbeddedBrokers;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the backends the comparison knows by label, each with the broker it needs: an embedded one, or the external
 * one the configuration names ({@value EmbeddedBrokers#JMS_URL}, {@value EmbeddedBrokers#KAFKA_SERVERS}).
 */
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
        EmbeddedBrokers broker = EmbeddedBrokers.startIfNeeded(backend, EventportConfig.load());
        Map<String, String> config = new HashMap<>(broker.overrides());
        String settings = switch (label) {
            case "direct" -> "synchronous: every handler runs in checkout's thread before publish returns; retries wait "
                    + "in that thread; nothing is stored (no durability, no replay)";
            case "inmemory" -> "asynchronous in-process log: publish is acknowledged when appended in this JVM's memory; "
                    + "consumer threads per subscription; lost when the process stops";
            case "jms-queue", "jms-topic" -> {
                String mode = label.substring("jms-".length());
                config.put("eventport.jms.mode", mode);
                yield "mode " + mode + (mode.equals("topic") ? " (a shared durable subscription per consumer: fan-out)"
                        : " (one queue per destination: every consumer competes, no fan-out)")
                        + "; persistent messages, publish confirmed by the broker (asynchronous send with a completion "
                        + "listener), acknowledged after the handler; " + broker.description();
            }
            case "kafka" -> {
                config.put("eventport.kafka.lag.interval", "100ms");
                yield "acks=all, idempotent producer, linger.ms 5 (the client's default), 3 partitions per topic, "
                        + "offsets committed after the handler, lag measured every 100 ms; " + broker.description();
            }
            default -> throw new IllegalArgumentException("unknown backend label '" + label + "'");
        };
        return new BackendTarget(label, backend, config, settings, broker);
    }
}

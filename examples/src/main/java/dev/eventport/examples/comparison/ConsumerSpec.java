package dev.eventport.examples.comparison;

import java.time.Duration;
import java.util.Objects;

/**
 * One downstream service of a workload: its subscription name, its time per order and the share of deliveries
 * that fail.
 *
 * @param name        the subscription name; the story's names (email, inventory, ...) select the story's services
 * @param latency     time spent per order
 * @param failureRate share of deliveries that fail transiently, 0 to 1
 */
public record ConsumerSpec(String name, Duration latency, double failureRate) {

    /** Validates the values. */
    public ConsumerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latency, "latency");
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalArgumentException("Consumer '" + name + "' failure rate must be between 0 and 1, but was "
                    + failureRate);
        }
    }

    /** The spec in the workload syntax {@code name:latency[:failureRate]}. */
    @Override
    public String toString() {
        return name + ":" + latency.toMillis() + "ms" + (failureRate > 0 ? ":" + failureRate : "");
    }
}

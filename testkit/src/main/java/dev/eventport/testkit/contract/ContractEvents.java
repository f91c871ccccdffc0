package dev.eventport.testkit.contract;

import dev.eventport.domain.DomainEvent;
import java.util.ArrayList;
import java.util.List;

/** Builds batches of contract events. */
final class ContractEvents {

    private ContractEvents() {
    }

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, but was " + (value == null ? "null" : "'" + value + "'"));
        }
    }

    /** {@code perKey} events for each of {@code keys} keys, interleaved: k0#0, k1#0, ..., k0#1, k1#1, ... */
    static List<ContractEvent> interleaved(String prefix, int keys, int perKey) {
        List<ContractEvent> events = new ArrayList<>(keys * perKey);
        for (int sequence = 0; sequence < perKey; sequence++) {
            for (int key = 0; key < keys; key++) {
                events.add(ContractEvent.of(prefix + "-key-" + key, sequence));
            }
        }
        return events;
    }

    /** The ids of the events. */
    static List<String> ids(List<? extends DomainEvent> events) {
        return events.stream().map(DomainEvent::eventId).toList();
    }
}

package dev.eventport.examples.store;

import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The backends the store tests run on, each opened with a destination of its own. */
final class StoreBackends {

    private static final List<String> IN_PROCESS = List.of("direct", "inmemory");

    private StoreBackends() {
    }

    /** The in-process backends on the classpath. */
    static List<String> available() {
        return IN_PROCESS.stream().filter(MessagingBackends.available()::contains).toList();
    }

    /** The backend, with a fresh destination for orders. */
    static EventBackend open(String name) {
        return MessagingBackends.load(EventportConfig.of(Map.of(EventportConfig.BACKEND, name,
                DestinationNaming.OVERRIDE_PREFIX + "OrderCreated", "store-test-" + UUID.randomUUID())));
    }
}

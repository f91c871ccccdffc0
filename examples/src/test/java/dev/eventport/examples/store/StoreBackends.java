package dev.eventport.examples.store;

import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The backends the store tests run on (the brokers' embedded in the test JVM), each opened with a destination of its own. */
final class StoreBackends {

    private static final List<String> ALL = List.of("direct", "inmemory", "jms", "kafka");

    private StoreBackends() {
    }

    /** The backends on the classpath. */
    static List<String> available() {
        return ALL.stream().filter(MessagingBackends.available()::contains).toList();
    }

    /** The backend, with a fresh destination for orders; {@code brokerKeys} point the broker backends at their broker. */
    static EventBackend open(String name, Map<String, String> brokerKeys) {
        Map<String, String> keys = new HashMap<>(brokerKeys);
        keys.put(EventportConfig.BACKEND, name);
        keys.put(DestinationNaming.OVERRIDE_PREFIX + "OrderCreated", "store-test-" + UUID.randomUUID());
        return MessagingBackends.load(EventportConfig.of(keys));
    }
}

package dev.eventport.examples.comparison;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import java.util.HashMap;
import java.util.Map;

/**
 * One backend as the comparison runs it: its configuration, the delivery and durability settings it runs with, and
 * the embedded broker it needs (stopped by {@link #close()}).
 *
 * @param label    the comparison's name (e.g. "jms-topic")
 * @param backend  the eventport backend name
 * @param config   the eventport configuration keys it is opened with
 * @param settings its delivery and durability settings, in words, printed next to its figures
 * @param broker   what to stop when the backend's measurements are done
 */
record BackendTarget(String label, String backend, Map<String, String> config, String settings, AutoCloseable broker)
        implements AutoCloseable {

    BackendTarget {
        config = Map.copyOf(config);
    }

    /**
     * A new instance of the backend with {@code overrides} over its configuration (e.g. a destination name), over
     * the ambient configuration (system properties, environment, {@code eventport.properties}).
     */
    EventBackend open(Map<String, String> overrides) {
        Map<String, String> keys = new HashMap<>(config);
        keys.putAll(overrides);
        keys.put(EventportConfig.BACKEND, backend);
        return MessagingBackends.load(EventportConfig.load(keys));
    }

    @Override
    public void close() throws Exception {
        broker.close();
    }
}

package dev.eventport.adapter.inmemory;

import dev.eventport.ports.Capabilities;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.spi.BackendProvider;

/**
 * Registers the in-memory backend under the name {@value #NAME} (select it with {@code eventport.backend=inmemory}).
 *
 * <p>Contract: as {@link BackendProvider}; {@link #open(EventportConfig)} validates the keys of {@link InMemoryConfig}
 * and the destination overrides before anything starts.
 */
public final class InMemoryBackendProvider implements BackendProvider {

    /** The backend's name. */
    public static final String NAME = "inmemory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities(EventportConfig config) {
        return InMemoryEventBackend.CAPABILITIES;
    }

    @Override
    public EventBackend open(EventportConfig config) {
        return new InMemoryEventBackend(InMemoryConfig.from(config), DestinationNaming.fromConfig(config));
    }
}

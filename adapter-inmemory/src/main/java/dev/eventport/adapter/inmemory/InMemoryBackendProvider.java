package dev.eventport.adapter.inmemory;

import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.spi.AbstractBackendProvider;

/**
 * Registers the in-memory backend under the name {@value #NAME} (select it with {@code eventport.backend=inmemory}).
 *
 * <p>Contract: as {@link dev.eventport.ports.spi.BackendProvider}; {@link #open(EventportConfig)} validates the keys of {@link InMemoryConfig}
 * and the destination overrides before anything starts.
 */
public final class InMemoryBackendProvider extends AbstractBackendProvider {

    /** The backend's name. */
    public static final String NAME = "inmemory";

    /** The provider that {@link java.util.ServiceLoader} instantiates. */
    public InMemoryBackendProvider() {
        super(NAME, config -> InMemoryEventBackend.CAPABILITIES);
    }

    @Override
    public EventBackend open(EventportConfig config) {
        return new InMemoryEventBackend(InMemoryConfig.from(config), DestinationNaming.fromConfig(config));
    }
}

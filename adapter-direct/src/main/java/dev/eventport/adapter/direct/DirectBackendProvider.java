package dev.eventport.adapter.direct;

import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.spi.AbstractBackendProvider;

/**
 * Finds the {@code direct} backend for {@link dev.eventport.ports.MessagingBackends} ({@code eventport.backend=direct}).
 *
 * <p>Contract: {@link #open(EventportConfig)} validates the keys under {@value DirectConfig#PREFIX}
 * ({@link DirectConfig}) and the destination overrides, then returns a new {@link DirectEventBackend}. The
 * capabilities never depend on the configuration.
 */
public final class DirectBackendProvider extends AbstractBackendProvider {

    /** The name that selects this backend. */
    public static final String NAME = "direct";

    /** The provider that {@link java.util.ServiceLoader} instantiates. */
    public DirectBackendProvider() {
        super(NAME, config -> DirectEventBackend.CAPABILITIES);
    }

    @Override
    public EventBackend open(EventportConfig config) {
        return new DirectEventBackend(DirectConfig.from(config), DestinationNaming.fromConfig(config));
    }
}

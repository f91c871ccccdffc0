package dev.eventport.adapter.direct;

import dev.eventport.ports.Capabilities;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.spi.BackendProvider;

/**
 * Finds the {@code direct} backend for {@link dev.eventport.ports.MessagingBackends} ({@code eventport.backend=direct}).
 *
 * <p>Contract: {@link #open(EventportConfig)} validates the keys under {@value DirectConfig#PREFIX}
 * ({@link DirectConfig}) and the destination overrides, then returns a new {@link DirectEventBackend}. The
 * capabilities never depend on the configuration.
 */
public final class DirectBackendProvider implements BackendProvider {

    /** The name that selects this backend. */
    public static final String NAME = "direct";

    /** The provider that {@link java.util.ServiceLoader} instantiates. */
    public DirectBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Capabilities capabilities(EventportConfig config) {
        return DirectEventBackend.CAPABILITIES;
    }

    @Override
    public EventBackend open(EventportConfig config) {
        return new DirectEventBackend(DirectConfig.from(config), DestinationNaming.fromConfig(config));
    }
}

package dev.eventport.ports.spi;

import dev.eventport.ports.Capabilities;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;

/**
 * A messaging backend that {@link dev.eventport.ports.MessagingBackends} can find with
 * {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.eventport.ports.spi.BackendProvider}.
 *
 * <p>Contract: {@link #name()} is lower case and unique; {@link #open(EventportConfig)} validates every key under
 * {@code eventport.<name>.} before connecting and throws {@link dev.eventport.ports.ConfigurationException} naming
 * the key and the fix; it never logs secret values. Implementations have a public no-argument constructor.
 */
public interface BackendProvider {

    /** The name selected by {@code eventport.backend}. */
    String name();

    /** What the backend guarantees with this configuration (it may depend on a mode key). */
    Capabilities capabilities(EventportConfig config);

    /** Validates the configuration and starts the backend. */
    EventBackend open(EventportConfig config);
}

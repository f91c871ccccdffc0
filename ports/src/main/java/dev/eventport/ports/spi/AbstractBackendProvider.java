package dev.eventport.ports.spi;

import dev.eventport.ports.Capabilities;
import dev.eventport.ports.EventportConfig;
import java.util.Objects;
import java.util.function.Function;

/**
 * What every {@link BackendProvider} does the same way, for backend authors (SPI): its name and the capabilities
 * of the backend it opens; a subclass implements {@link #open(EventportConfig)} and keeps the public no-argument
 * constructor that {@link java.util.ServiceLoader} needs.
 *
 * <p>Contract: {@link #name()} is the name given to the constructor; {@link #capabilities(EventportConfig)} applies
 * the given function to the configuration (it may validate the keys it reads, as {@code open} does).
 */
public abstract class AbstractBackendProvider implements BackendProvider {

    private final String name;
    private final Function<EventportConfig, Capabilities> capabilities;

    /**
     * A provider of the backend called {@code name} (lower case, as in {@code eventport.backend}), whose
     * capabilities with a configuration are {@code capabilities} of it.
     */
    protected AbstractBackendProvider(String name, Function<EventportConfig, Capabilities> capabilities) {
        this.name = Objects.requireNonNull(name, "name");
        this.capabilities = Objects.requireNonNull(capabilities, "capabilities");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Capabilities capabilities(EventportConfig config) {
        return capabilities.apply(config);
    }
}

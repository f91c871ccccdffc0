package dev.eventport.adapter.jms;

import dev.eventport.codec.json.JsonEventCodec;
import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.spi.AbstractBackendProvider;
import jakarta.jms.ConnectionFactory;
import java.util.Objects;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The {@code jms} backend: Jakarta Messaging 3.1, with the ActiveMQ Artemis client when configured by URL.
 *
 * <p>Contract: as {@link dev.eventport.ports.spi.BackendProvider}. {@link #open(EventportConfig)} validates the keys of {@link JmsConfig},
 * requires {@link JmsConfig#URL} and connects with an Artemis connection factory that reconnects without limit
 * (unless the URL sets {@code reconnectAttempts}), confirms persistent sends asynchronously
 * ({@code confirmationWindowSize}, unless the URL sets it) and uses its own thread pools, released on close.
 * {@link #open(ConnectionFactory, JmsConfig)} uses any JMS 3 connection factory as given (the caller configures
 * reconnection and closes it). Both connect once at once: a broker that refuses the user fails the open with a
 * {@link dev.eventport.ports.ConfigurationException} naming the user and the URL (never the password); an
 * unreachable broker does not (the backend reports it in {@link EventBackend#health()} and connects when it is back). The capabilities depend on {@link JmsConfig#MODE}: {@code topic} adds fan-out;
 * neither mode offers replay nor history for a new subscription, and neither is synchronous.
 */
public final class JmsBackendProvider extends AbstractBackendProvider {

    private static final String SOURCE = "eventport.source";
    private static final int CONFIRMATION_WINDOW_BYTES = 1024 * 1024;

    /** The provider, as instantiated by {@link java.util.ServiceLoader}. */
    public JmsBackendProvider() {
        super(JmsBackend.NAME, config -> JmsBackend.capabilities(JmsConfig.from(config).mode()));
    }

    @Override
    public EventBackend open(EventportConfig config) {
        JmsConfig jms = JmsConfig.from(config);
        String url = config.require(JmsConfig.URL, "the broker URL, e.g. tcp://localhost:61616");
        DestinationNaming naming = DestinationNaming.fromConfig(config);
        ActiveMQConnectionFactory factory = artemisFactory(url, jms, config);
        return JmsBackend.start(factory, ArtemisClientPools.attachTo(factory), jms, naming,
                new JsonEventCodec(config.get(SOURCE).orElse("/eventport")));
    }

    /**
     * A backend on any JMS 3 connection factory (Artemis, Qpid JMS, ...), with kebab-case destinations. The factory
     * stays the caller's: configure its reconnection and asynchronous send confirmation, and close it after the
     * backend. {@code config.url()} is ignored.
     */
    public static EventBackend open(ConnectionFactory factory, JmsConfig config) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(config, "config");
        return JmsBackend.start(factory, null, config, DestinationNaming.kebabCase(), new JsonEventCodec());
    }

    private static ActiveMQConnectionFactory artemisFactory(String url, JmsConfig jms, EventportConfig config) {
        ActiveMQConnectionFactory factory;
        try {
            factory = new ActiveMQConnectionFactory(url);
        } catch (RuntimeException e) {
            throw config.invalid(JmsConfig.URL, url, "an Artemis broker URL like tcp://localhost:61616 (" + e.getMessage() + ")");
        }
        long sendTimeoutMillis = jms.sendTimeout().toMillis();
        if (!url.contains("reconnectAttempts=")) {
            factory.setReconnectAttempts(-1);
        }
        if (!url.contains("retryInterval=")) {
            factory.setRetryInterval(jms.reconnectInterval().toMillis());
            factory.setRetryIntervalMultiplier(2.0);
            factory.setMaxRetryInterval(Math.max(jms.reconnectInterval().toMillis(), 2000));
        }
        if (!url.contains("confirmationWindowSize=")) {
            factory.setConfirmationWindowSize(CONFIRMATION_WINDOW_BYTES);
        }
        if (!url.contains("callTimeout=")) {
            factory.setCallTimeout(sendTimeoutMillis);
        }
        if (!url.contains("callFailoverTimeout=")) {
            factory.setCallFailoverTimeout(sendTimeoutMillis);
        }
        if (!url.contains("useGlobalPools=")) {
            factory.setUseGlobalPools(false);
        }
        return factory;
    }
}

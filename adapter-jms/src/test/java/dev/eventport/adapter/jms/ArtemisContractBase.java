package dev.eventport.adapter.jms;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.contract.EventBackendContract;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract suite on the JVM's shared embedded Artemis broker, in one mode. */
@ExtendWith(EmbeddedArtemisExtension.class)
abstract class ArtemisContractBase extends EventBackendContract {

    private final EmbeddedArtemis broker;
    private final JmsConfig.Mode mode;

    ArtemisContractBase(EmbeddedArtemis broker, JmsConfig.Mode mode) {
        this.broker = broker;
        this.mode = mode;
    }

    @Override
    protected EventBackend openBackend(EventportConfig config) {
        return new JmsBackendProvider().open(config.with(Map.of(JmsConfig.URL, broker.url(), JmsConfig.MODE, mode.key())));
    }

    @Override
    protected String variant() {
        return mode.key();
    }
}

package dev.eventport.adapter.jms;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.contract.EventBackendContract;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract suite against a real Artemis broker, in topic mode (shared durable subscriptions). */
@ExtendWith(EmbeddedArtemisExtension.class)
class JmsTopicModeContractTest extends EventBackendContract {

    private final EmbeddedArtemis broker;

    JmsTopicModeContractTest(EmbeddedArtemis broker) {
        this.broker = broker;
    }

    @Override
    protected EventBackend openBackend(EventportConfig config) {
        return new JmsBackendProvider().open(config.with(Map.of(JmsConfig.URL, broker.url(), JmsConfig.MODE, "topic")));
    }
}

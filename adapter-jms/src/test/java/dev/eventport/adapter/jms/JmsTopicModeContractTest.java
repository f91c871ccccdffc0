package dev.eventport.adapter.jms;

import dev.eventport.testkit.artemis.EmbeddedArtemis;

/** The contract suite against a real Artemis broker, in topic mode (shared durable subscriptions). */
class JmsTopicModeContractTest extends ArtemisContractBase {

    JmsTopicModeContractTest(EmbeddedArtemis broker) {
        super(broker, JmsConfig.Mode.TOPIC);
    }
}

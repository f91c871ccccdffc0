package dev.eventport.adapter.jms;

import dev.eventport.testkit.artemis.EmbeddedArtemis;

/** The contract suite against a real Artemis broker, in queue mode (one queue per destination, all consumers compete). */
class JmsQueueModeContractTest extends ArtemisContractBase {

    JmsQueueModeContractTest(EmbeddedArtemis broker) {
        super(broker, JmsConfig.Mode.QUEUE);
    }
}

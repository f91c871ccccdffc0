package dev.eventport.adapter.jms;

import dev.eventport.testkit.artemis.EmbeddedArtemis;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The contract suite against a real Artemis broker, in queue mode (one queue per destination, all consumers
 * compete). One absence case does not apply: see {@link QueueKeepsWhatNobodyConsumed}.
 */
@ExtendWith(JmsQueueModeContractTest.QueueKeepsWhatNobodyConsumed.class)
class JmsQueueModeContractTest extends ArtemisContractBase {

    JmsQueueModeContractTest(EmbeddedArtemis broker) {
        super(broker, JmsConfig.Mode.QUEUE);
    }

    /**
     * In queue mode every subscription shares the destination's one queue, so a "new" subscription joins a position
     * that already exists: it receives what nobody consumed yet, including events published before it. That is
     * neither NEW_SUBSCRIPTION_SEES_HISTORY (consumed events are gone) nor its absence, so the suite's absence case
     * is disabled here with this reason; JmsQueueModeTest asserts what happens instead.
     */
    static final class QueueKeepsWhatNobodyConsumed implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getTestMethod().filter(m -> m.getName().equals("withoutHistoryEarliestSeesNothingOld")).isPresent()
                    ? ConditionEvaluationResult.disabled("queue mode: the shared queue keeps what nobody consumed, so a new "
                    + "subscription gets earlier unconsumed events (asserted in JmsQueueModeTest)")
                    : ConditionEvaluationResult.enabled("applies to queue mode");
        }
    }
}

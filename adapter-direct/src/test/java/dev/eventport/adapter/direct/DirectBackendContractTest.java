package dev.eventport.adapter.direct;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.contract.EventBackendContract;
import org.junit.jupiter.api.DisplayName;

/** The direct backend against the contract suite, opened through its provider as {@code MessagingBackends} would. */
@DisplayName("direct backend contract")
class DirectBackendContractTest extends EventBackendContract {

    @Override
    protected EventBackend openBackend(EventportConfig config) {
        return new DirectBackendProvider().open(config);
    }
}

package dev.eventport.adapter.inmemory;

import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.testkit.contract.EventBackendContract;

/** The in-memory backend passes the contract suite. */
class InMemoryBackendContractTest extends EventBackendContract {

    @Override
    protected EventBackend openBackend(EventportConfig config) {
        return new InMemoryBackendProvider().open(config);
    }
}

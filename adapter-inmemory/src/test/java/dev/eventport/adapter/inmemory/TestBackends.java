package dev.eventport.adapter.inmemory;

import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventportConfig;
import java.util.Map;

/** In-memory backends for focused tests; {@code ContractEvent} goes to the destination "contract-event". */
final class TestBackends {

    static final String DESTINATION = "contract-event";

    private TestBackends() {
    }

    static InMemoryEventBackend open(Map<String, String> keys) {
        return new InMemoryEventBackend(InMemoryConfig.from(EventportConfig.of(keys)), DestinationNaming.kebabCase());
    }
}

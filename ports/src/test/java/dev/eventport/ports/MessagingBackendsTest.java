package dev.eventport.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.ports.spi.BackendProvider;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Choosing a backend")
class MessagingBackendsTest {

    private static BackendProvider provider(String name) {
        return new BackendProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Capabilities capabilities(EventportConfig config) {
                return Capabilities.of();
            }

            @Override
            public EventBackend open(EventportConfig config) {
                throw new UnsupportedOperationException("not needed to test the selection");
            }
        };
    }

    private static Map<String, BackendProvider> providers(String... names) {
        Map<String, BackendProvider> result = new TreeMap<>();
        for (String name : names) {
            result.put(name, provider(name));
        }
        return result;
    }

    @Test
    @DisplayName("an unknown name fails with the available backends, the nearest name and the artifact to add")
    void unknownBackendWithNearMiss() {
        EventportConfig config = EventportConfig.of(Map.of("eventport.backend", "kafak"));

        assertThatThrownBy(() -> MessagingBackends.select(config, providers("direct", "inmemory")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown backend 'kafak' in 'eventport.backend' (from explicit configuration). Available: "
                        + "direct, inmemory. Did you mean 'kafka'? For 'kafka' add dev.eventport:eventport-adapter-kafka.");
    }

    @Test
    @DisplayName("a near miss of a backend that is on the classpath suggests it without an artifact")
    void nearMissAvailable() {
        EventportConfig config = EventportConfig.of(Map.of("eventport.backend", "inmemroy"));

        assertThatThrownBy(() -> MessagingBackends.select(config, providers("direct", "inmemory")))
                .hasMessage("Unknown backend 'inmemroy' in 'eventport.backend' (from explicit configuration). Available: "
                        + "direct, inmemory. Did you mean 'inmemory'?");
    }

    @Test
    @DisplayName("a known backend that is not on the classpath names the artifact to add")
    void knownButMissing() {
        EventportConfig config = EventportConfig.of(Map.of("eventport.backend", "jms"));

        assertThatThrownBy(() -> MessagingBackends.select(config, providers("inmemory")))
                .hasMessage("Unknown backend 'jms' in 'eventport.backend' (from explicit configuration). Available: "
                        + "inmemory. For 'jms' add dev.eventport:eventport-adapter-jms.");
    }

    @Test
    @DisplayName("no backend on the classpath fails and lists the artifacts to choose from")
    void noBackendOnClasspath() {
        assertThatThrownBy(() -> MessagingBackends.load(EventportConfig.of(Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("No eventport backend on the classpath. Add one of dev.eventport:eventport-adapter-direct, "
                        + "dev.eventport:eventport-adapter-inmemory, dev.eventport:eventport-adapter-jms, "
                        + "dev.eventport:eventport-adapter-kafka to your dependencies.");
        assertThat(MessagingBackends.available()).isEmpty();
    }

    @Test
    @DisplayName("two backends and no selection fail and say how to choose")
    void twoBackendsNoSelection() {
        assertThatThrownBy(() -> MessagingBackends.select(EventportConfig.of(Map.of()), providers("direct", "inmemory")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Several eventport backends on the classpath (direct, inmemory) and no 'eventport.backend' set. "
                        + "Choose one with eventport.backend=direct|inmemory in eventport.properties, -Deventport.backend=... "
                        + "or the environment variable EVENTPORT_BACKEND.");
    }

    @Test
    @DisplayName("the explicit key wins over discovery, case-insensitively")
    void explicitKeyWins() {
        Map<String, BackendProvider> available = providers("direct", "inmemory");

        assertThat(MessagingBackends.select(EventportConfig.of(Map.of("eventport.backend", "InMemory")), available).name())
                .isEqualTo("inmemory");
        assertThat(MessagingBackends.select(EventportConfig.of(Map.of()), providers("direct")).name()).isEqualTo("direct");
    }

    @Test
    @DisplayName("the edit distance counts a swap of two letters as one edit")
    void editDistance() {
        assertThat(NearestName.editDistance("kafak", "kafka")).isEqualTo(1);
        assertThat(NearestName.editDistance("jsm", "jms")).isEqualTo(1);
        assertThat(NearestName.editDistance("rabbit", "kafka")).isGreaterThan(2);
    }
}

package dev.eventport.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryConfigTest {

    private static InMemoryConfig configWith(String key, String value) {
        return InMemoryConfig.from(EventportConfig.of(Map.of(key, value)));
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        InMemoryConfig config = InMemoryConfig.defaults();

        assertThat(config.partitions()).isEqualTo(InMemoryConfig.DEFAULT_PARTITIONS);
        assertThat(config.retentionEvents()).isEqualTo(InMemoryConfig.DEFAULT_RETENTION_EVENTS);
        assertThat(config.retentionAge()).isEqualTo(InMemoryConfig.DEFAULT_RETENTION_AGE);
        assertThat(config.publishTimeout()).isEqualTo(InMemoryConfig.DEFAULT_PUBLISH_TIMEOUT);
        assertThat(config.closeTimeout()).isEqualTo(InMemoryConfig.DEFAULT_CLOSE_TIMEOUT);
        assertThat(config.deadLettersMax()).isEqualTo(InMemoryConfig.DEFAULT_DEAD_LETTERS_MAX);
    }

    @Test
    void readsEveryKey() {
        InMemoryConfig config = InMemoryConfig.from(EventportConfig.of(Map.of(
                InMemoryConfig.PARTITIONS, "3", InMemoryConfig.RETENTION_EVENTS, "100",
                InMemoryConfig.RETENTION_AGE, "2m", InMemoryConfig.PUBLISH_TIMEOUT, "0",
                InMemoryConfig.CLOSE_TIMEOUT, "250ms", InMemoryConfig.DEAD_LETTERS_MAX, "7")));

        assertThat(config.partitions()).isEqualTo(3);
        assertThat(config.retentionEvents()).isEqualTo(100);
        assertThat(config.retentionAge()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.publishTimeout()).isZero();
        assertThat(config.closeTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.deadLettersMax()).isEqualTo(7);
    }

    @Test
    void partitionsOutOfRangeAreRejected() {
        assertThatThrownBy(() -> configWith(InMemoryConfig.PARTITIONS, "0"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value '0' for configuration key 'eventport.inmemory.partitions' (from explicit "
                        + "configuration): expected a whole number from 1 to 1024.");
        assertThatThrownBy(() -> configWith(InMemoryConfig.PARTITIONS, "2000"))
                .hasMessage("Invalid value '2000' for configuration key 'eventport.inmemory.partitions' (from explicit "
                        + "configuration): expected a whole number from 1 to 1024.");
    }

    @Test
    void aNumberThatIsNotANumberIsRejected() {
        assertThatThrownBy(() -> configWith(InMemoryConfig.RETENTION_EVENTS, "lots"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value 'lots' for configuration key 'eventport.inmemory.retention.events' (from explicit "
                        + "configuration): expected a whole number, e.g. 16384.");
    }

    @Test
    void aZeroRetentionAgeIsRejected() {
        assertThatThrownBy(() -> configWith(InMemoryConfig.RETENTION_AGE, "0s"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value '0s' for configuration key 'eventport.inmemory.retention.age' (from explicit "
                        + "configuration): expected a positive duration like 500ms, 5s, 2m or 1h.");
    }

    @Test
    void aMalformedDurationIsRejected() {
        assertThatThrownBy(() -> configWith(InMemoryConfig.PUBLISH_TIMEOUT, "soon"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value 'soon' for configuration key 'eventport.inmemory.publish.timeout' (from explicit "
                        + "configuration): expected a zero or positive duration like 500ms, 5s, 2m, 1h or PT5S.");
    }

    @Test
    void anUnknownKeyIsRejectedWithTheKnownKeys() {
        assertThatThrownBy(() -> configWith("eventport.inmemory.partition", "4"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown configuration key 'eventport.inmemory.partition' (from explicit configuration) for the "
                        + "in-memory backend. Did you mean 'eventport.inmemory.partitions'? Known keys: eventport.inmemory.close.timeout, eventport.inmemory.deadletters.max, "
                        + "eventport.inmemory.partitions, eventport.inmemory.publish.timeout, eventport.inmemory.retention.age, "
                        + "eventport.inmemory.retention.events.");
    }

    @Test
    void theBackendIsFoundByNameAndValidatesItsKeysBeforeStarting() {
        try (EventBackend backend = MessagingBackends.load(EventportConfig.of(Map.of("eventport.backend", "inmemory")))) {
            assertThat(backend).isInstanceOf(InMemoryEventBackend.class);
            assertThat(backend.name()).isEqualTo("inmemory");
        }
        assertThatThrownBy(() -> MessagingBackends.load(EventportConfig.of(Map.of("eventport.backend", "inmemory",
                InMemoryConfig.PARTITIONS, "-1"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'eventport.inmemory.partitions'");
    }
}

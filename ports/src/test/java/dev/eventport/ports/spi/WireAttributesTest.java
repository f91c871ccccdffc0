package dev.eventport.ports.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventportConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Wire attributes setting")
class WireAttributesTest {

    @Test
    @DisplayName("CloudEvents attributes unless none is chosen, in any case")
    void choices() {
        assertThat(WireAttributes.from(EventportConfig.of(Map.of()))).isEqualTo(WireAttributes.CLOUDEVENTS);
        assertThat(WireAttributes.from(EventportConfig.of(Map.of(WireAttributes.KEY, "cloudevents"))))
                .isEqualTo(WireAttributes.CLOUDEVENTS);
        assertThat(WireAttributes.from(EventportConfig.of(Map.of(WireAttributes.KEY, "NONE")))).isEqualTo(WireAttributes.NONE);
    }

    @Test
    @DisplayName("another value fails naming the key, the value and the choices")
    void badValue() {
        assertThatThrownBy(() -> WireAttributes.from(EventportConfig.of(Map.of(WireAttributes.KEY, "headers"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("eventport.wire.attributes").hasMessageContaining("headers")
                .hasMessageContaining("[cloudevents, none]");
    }

    @Test
    @DisplayName("a misspelt key fails naming the key meant")
    void misspeltKey() {
        assertThatThrownBy(() -> WireAttributes.from(EventportConfig.of(Map.of("eventport.wire.atributes", "none"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'eventport.wire.atributes'").hasMessageContaining("Did you mean 'eventport.wire.attributes'");
    }
}

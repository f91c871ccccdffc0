package dev.eventport.adapter.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.ports.Capability;
import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import dev.eventport.ports.spi.WireAttributes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmsConfigTest {

    private static final String URL = "tcp://127.0.0.1:61999";

    @Test
    void aMissingUrlNamesTheKeyAndHowToSetIt() {
        assertThatThrownBy(() -> new JmsBackendProvider().open(EventportConfig.of(Map.of())))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Missing required configuration key 'eventport.jms.url' (the broker URL, e.g. "
                        + "tcp://localhost:61616). Set it in eventport.properties, as -Deventport.jms.url=..., or as "
                        + "environment variable EVENTPORT_JMS_URL.");
    }

    @Test
    void anUnknownModeListsTheValidOnes() {
        assertThatThrownBy(() -> JmsConfig.from(EventportConfig.of(Map.of(JmsConfig.MODE, "fanout"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value 'fanout' for configuration key 'eventport.jms.mode' (from explicit "
                        + "configuration): expected one of [queue, topic].");
    }

    @Test
    void anUnknownKeyIsReportedAsAProbableTypo() {
        assertThatThrownBy(() -> JmsConfig.from(EventportConfig.of(Map.of("eventport.jms.passwrod", "secret"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Unknown configuration key 'eventport.jms.passwrod' (from explicit configuration) for the JMS "
                        + "backend. Did you mean 'eventport.jms.password'? Known keys: eventport.jms.close.timeout, "
                        + "eventport.jms.max.event.bytes, eventport.jms.mode, eventport.jms.password, eventport.jms.reconnect.interval, "
                        + "eventport.jms.send.timeout, eventport.jms.url, eventport.jms.user.")
                .message().doesNotContain("secret");
    }

    @Test
    void aUserWithoutPasswordIsRefused() {
        assertThatThrownBy(() -> JmsConfig.from(EventportConfig.of(Map.of(JmsConfig.USER, "app"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Missing configuration key 'eventport.jms.password': 'eventport.jms.user' is set (from "
                        + "explicit configuration), and the broker needs both. Set eventport.jms.password as well, or "
                        + "remove eventport.jms.user.");
    }

    @Test
    void aUrlWithoutSchemeIsRefused() {
        assertThatThrownBy(() -> JmsConfig.from(EventportConfig.of(Map.of(JmsConfig.URL, "localhost:61616"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value 'localhost:61616' for configuration key 'eventport.jms.url' (from explicit "
                        + "configuration): expected a broker URL like tcp://localhost:61616.");
    }

    @Test
    void theLargestEventIsOneMebibyteByDefaultAndAZeroLimitIsRefusedNamingTheKey() {
        assertThat(JmsConfig.from(EventportConfig.of(Map.of())).maxEventBytes()).isEqualTo(1024 * 1024);
        assertThat(JmsConfig.from(EventportConfig.of(Map.of(JmsConfig.MAX_EVENT_BYTES, "4096"))).maxEventBytes()).isEqualTo(4096);
        assertThatThrownBy(() -> JmsConfig.from(EventportConfig.of(Map.of(JmsConfig.MAX_EVENT_BYTES, "0"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(JmsConfig.MAX_EVENT_BYTES);
        assertThatThrownBy(() -> JmsConfig.from(EventportConfig.of(Map.of(JmsConfig.MAX_EVENT_BYTES, "1MB"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(JmsConfig.MAX_EVENT_BYTES);
    }

    @Test
    void aZeroTimeoutIsRefused() {
        assertThatThrownBy(() -> JmsConfig.from(EventportConfig.of(Map.of(JmsConfig.SEND_TIMEOUT, "0s"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("Invalid value '0s' for configuration key 'eventport.jms.send.timeout' (from explicit "
                        + "configuration): expected a positive duration like 500ms or 5s.");
    }

    @Test
    void defaultsAreTopicModeWithBoundedTimeouts() {
        JmsConfig config = JmsConfig.from(EventportConfig.of(Map.of(JmsConfig.URL, URL)));

        assertThat(config.mode()).isEqualTo(JmsConfig.Mode.TOPIC);
        assertThat(config.url()).contains(URL);
        assertThat(config.sendTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.reconnectInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.wireAttributes()).isEqualTo(WireAttributes.CLOUDEVENTS);
    }

    @Test
    void theWireAttributesAreReadValidatedAndShown() {
        JmsConfig none = JmsConfig.from(EventportConfig.of(Map.of(JmsConfig.URL, URL, WireAttributes.KEY, "none")));

        assertThat(none.wireAttributes()).isEqualTo(WireAttributes.NONE);
        assertThat(none.toString()).contains("wireAttributes=none");
        assertThat(none.withWireAttributes(WireAttributes.CLOUDEVENTS).wireAttributes()).isEqualTo(WireAttributes.CLOUDEVENTS);
        assertThatThrownBy(() -> JmsConfig.from(EventportConfig.of(Map.of(JmsConfig.URL, URL, WireAttributes.KEY, "lean"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("'eventport.wire.attributes'")
                .hasMessageContaining("[cloudevents, none]");
    }

    @Test
    void thePasswordNeverAppearsInToString() {
        Map<String, String> keys = Map.of(JmsConfig.URL, URL, JmsConfig.USER, "app", JmsConfig.PASSWORD, "s3cr3t-value");
        JmsConfig config = JmsConfig.from(EventportConfig.of(keys));

        try (EventBackend backend = new JmsBackendProvider().open(EventportConfig.of(keys))) {
            assertThat(config.toString()).contains("user=app").contains("password=****").doesNotContain("s3cr3t-value");
            assertThat(backend.toString()).doesNotContain("s3cr3t-value");
        }
    }

    @Test
    void eachModeDeclaresItsOwnCapabilities() {
        JmsBackendProvider provider = new JmsBackendProvider();
        var topic = provider.capabilities(EventportConfig.of(Map.of(JmsConfig.MODE, "topic")));
        var queue = provider.capabilities(EventportConfig.of(Map.of(JmsConfig.MODE, "queue")));

        assertThat(topic.declared()).containsExactlyInAnyOrder(Capability.DURABLE, Capability.FAN_OUT,
                Capability.COMPETING_CONSUMERS, Capability.ORDERED_PER_KEY, Capability.DEAD_LETTER, Capability.CROSS_PROCESS);
        assertThat(queue.declared()).containsExactlyInAnyOrder(Capability.DURABLE, Capability.COMPETING_CONSUMERS,
                Capability.ORDERED_PER_KEY, Capability.DEAD_LETTER, Capability.CROSS_PROCESS);
    }

    @Test
    void theBackendIsFoundByNameThroughServiceLoader() {
        assertThat(MessagingBackends.available()).contains("jms");
        try (EventBackend backend = MessagingBackends.load(EventportConfig.of(Map.of("eventport.backend", "jms",
                JmsConfig.URL, URL, JmsConfig.MODE, "queue")))) {
            assertThat(backend.name()).isEqualTo("jms");
            assertThat(backend.capabilities().lacks(Capability.FAN_OUT)).isTrue();
        }
    }

    @Test
    void headerNamesMapToValidJmsPropertiesAndBack() {
        assertThat(JmsWireFormat.propertyName("content-type")).isEqualTo("ce_datacontenttype");
        assertThat(JmsWireFormat.propertyName("x-trace.id")).isEqualTo("x_HYPHEN_trace_DOT_id");
        assertThat(JmsWireFormat.headerName("x_HYPHEN_trace_DOT_id")).isEqualTo("x-trace.id");
        assertThat(JmsWireFormat.headerName("ce_datacontenttype")).isEqualTo("content-type");
        assertThatThrownBy(() -> JmsWireFormat.propertyName("1st header"))
                .hasMessage("header '1st header' cannot travel as a JMS property: use letters, digits, '_', '-' and '.', "
                        + "start with a letter, and do not start with 'JMS' or '_AMQ' (names the broker acts on, e.g. "
                        + "_AMQ_DUPL_ID would make Artemis drop events as duplicates)");
        assertThatThrownBy(() -> JmsWireFormat.propertyName("JMSType")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JmsWireFormat.propertyName("_AMQ_DUPL_ID")).isInstanceOf(IllegalArgumentException.class);
    }
}

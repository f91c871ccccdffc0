package dev.eventport.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.ports.ConfigurationException;
import dev.eventport.ports.EventportConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class KafkaAuthenticationFailureTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"billing\" "
            + "password=\"pw-91c2\";";

    @Test
    void aSaslFailureDeepInTheCausesNamesTheUserTheClusterAndTheKeyButNotThePassword() {
        KafkaConfig config = config(Map.of(KafkaConfig.PREFIX + "sasl.jaas.config", JAAS,
                KafkaConfig.PREFIX + "sasl.mechanism", "SCRAM-SHA-512", KafkaConfig.PREFIX + "security.protocol", "SASL_SSL"));
        Throwable failure = new ExecutionException(new SaslAuthenticationException("Authentication failed (pw-91c2)"));

        ConfigurationException error = KafkaAuthenticationFailure.of(failure, config).orElseThrow();

        assertThat(error.getMessage()).contains("Kafka authentication failed for user 'billing' at broker-1:9093",
                "Check the user name and password in eventport.kafka.sasl.jaas.config (from explicit configuration)",
                "SCRAM-SHA-512 (eventport.kafka.sasl.mechanism)").doesNotContain("pw-91c2");
        assertThat(error).hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aClientSpecificJaasKeyIsTheOneNamed() {
        KafkaConfig config = config(Map.of(KafkaConfig.ADMIN_PREFIX + "sasl.jaas.config", JAAS));

        assertThat(KafkaAuthenticationFailure.of(new SaslAuthenticationException("refused"), config).orElseThrow().getMessage())
                .contains("user 'billing'", "eventport.kafka.admin.sasl.jaas.config", "GSSAPI");
    }

    @Test
    void withoutCredentialsItSaysWhichKeysToSet() {
        assertThat(KafkaAuthenticationFailure.of(new SaslAuthenticationException("refused"), config(Map.of())).orElseThrow().getMessage())
                .contains("for this client", "Set the user and password in eventport.kafka.sasl.jaas.config");
    }

    @Test
    void anSslFailurePointsAtTheSslKeys() {
        assertThat(KafkaAuthenticationFailure.of(new SslAuthenticationException("handshake failed"), config(Map.of()))
                .orElseThrow().getMessage()).contains("eventport.kafka.ssl.*");
    }

    @Test
    void otherFailuresAreNotAuthenticationFailures() {
        assertThat(KafkaAuthenticationFailure.of(new ExecutionException(new TimeoutException("slow")), config(Map.of()))).isEmpty();
    }

    private static KafkaConfig config(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(extra);
        values.put(KafkaConfig.BOOTSTRAP_SERVERS, "broker-1:9093");
        return KafkaConfig.from(EventportConfig.of(values));
    }
}

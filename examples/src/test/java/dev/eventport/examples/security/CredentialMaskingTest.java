package dev.eventport.examples.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.testkit.artemis.EmbeddedArtemis;
import dev.eventport.testkit.artemis.EmbeddedArtemisExtension;
import dev.eventport.testkit.kafka.EmbeddedKafka;
import dev.eventport.testkit.kafka.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials never appear in {@code toString()} nor in the logs: {@link SecretsProbe} runs in a child JVM with
 * the JMS password, a Kafka JAAS configuration with a password inside and the Kafka SSL passwords in its
 * environment, every logger at TRACE into a file; the test then scans the probe's output and the whole log for
 * each secret. A password put into the JMS URL ({@code ?password=...}) is masked everywhere eventport prints or logs
 * it, but Artemis' own client logs the URL's parameters at DEBUG: set {@code eventport.jms.password} instead.
 */
@ExtendWith({EmbeddedArtemisExtension.class, EmbeddedKafkaExtension.class})
class CredentialMaskingTest {

    /** Artemis' own client logs its connector's parameters at DEBUG, a password given in the URL included. */
    private static final String ARTEMIS_CLIENT = "org.apache.activemq.artemis";

    private final EmbeddedArtemis artemis;
    private final EmbeddedKafka kafka;

    CredentialMaskingTest(EmbeddedArtemis artemis, EmbeddedKafka kafka) {
        this.artemis = artemis;
        this.kafka = kafka;
    }

    @Test
    void noSecretInAnyToStringFailureOrLogLine(@TempDir Path directory) throws Exception {
        String jmsPassword = secret("jms");
        String jaasPassword = secret("jaas");
        String keystorePassword = secret("keystore");
        String keyPassword = secret("key");
        String urlPassword = secret("url");
        Path log = directory.resolve("probe.log");
        Path output = directory.resolve("probe.out");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=trace",
                "-Dorg.slf4j.simpleLogger.logFile=" + log,
                SecretsProbe.class.getName(), artemis.url(), kafka.bootstrapServers(), urlPassword));
        ProcessBuilder probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = probe.environment();
        environment.keySet().removeIf(name -> name.startsWith("EVENTPORT_"));
        environment.put("EVENTPORT_JMS_PASSWORD", jmsPassword);
        environment.put("EVENTPORT_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"app\" password=\"" + jaasPassword + "\";");
        environment.put("EVENTPORT_KAFKA_SSL_KEYSTORE_PASSWORD", keystorePassword);
        environment.put("EVENTPORT_KAFKA_SSL_KEY_PASSWORD", keyPassword);

        Process process = probe.start();
        boolean finished = process.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        String logged = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";

        assertThat(finished).as("the probe finished; it printed:%n%s", tail(printed)).isTrue();
        assertThat(printed).as("the probe ran to its end").contains("PROBE COMPLETE").contains("config: ")
                .contains("a JAAS configuration Kafka cannot parse: ");
        assertThat(logged).as("the log holds every level, client internals included").contains("DEBUG").contains("TRACE")
                .contains("org.apache.kafka").contains("dev.eventport");
        for (String secret : List.of(jmsPassword, jaasPassword, keystorePassword, keyPassword, urlPassword)) {
            assertThat(printed).as("the probe's output (toString, failures) shows a secret").doesNotContain(secret);
        }
        for (String secret : List.of(jmsPassword, jaasPassword, keystorePassword, keyPassword)) {
            assertThat(lineWith(logged, secret)).as("a log line shows a secret").isEmpty();
        }
        assertThat(lineWith(logged.lines().filter(line -> !line.contains(ARTEMIS_CLIENT)).toList(), urlPassword))
                .as("a log line of eventport or Kafka shows the password of a JMS URL").isEmpty();
    }

    private static String secret(String what) {
        return what + "-S3cr3t-" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String lineWith(String text, String secret) {
        return lineWith(text.lines().toList(), secret);
    }

    private static String lineWith(List<String> lines, String secret) {
        return lines.stream().filter(line -> line.contains(secret)).findFirst().orElse("");
    }

    private static String tail(String text) {
        return text.length() > 4_000 ? text.substring(text.length() - 4_000) : text;
    }
}

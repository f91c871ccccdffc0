package dev.eventport.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.ports.DestinationNaming;
import dev.eventport.ports.EventBackend;
import dev.eventport.ports.EventportConfig;
import dev.eventport.ports.MessagingBackends;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store demo on the in-process backends: every order reaches every service, and the lag is shown while it runs. */
class StoreDemoTest {

    private static final List<String> SERVICES = List.of("email", "inventory", "warehouse", "loyalty", "analytics",
            "fraud-review", "shipping");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"direct", "inmemory"})
    void showsEveryConsumersLagWhileItRunsAndTheMetricsAtTheEnd(String backendName) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean complete;
        try (EventBackend backend = MessagingBackends.load(EventportConfig.of(Map.of(EventportConfig.BACKEND, backendName,
                DestinationNaming.OVERRIDE_PREFIX + "OrderCreated", "store-demo-" + UUID.randomUUID())))) {
            complete = StoreDemo.run(backend, 40, 42, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }

        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(complete).as(output).isTrue();
        List<String> lagLines = output.lines().filter(line -> line.startsWith("  lag at ")).toList();
        assertThat(lagLines).as(output).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(line -> assertThat(line).contains(SERVICES.toArray(String[]::new)));
        assertThat(lagLines.get(lagLines.size() - 1)).as("the last lag line, once every order was applied")
                .matches("  lag at +[0-9.]+ s: email 0 \\| inventory 0 \\| warehouse 0 \\| loyalty 0 \\| analytics 0 "
                        + "\\| fraud-review 0 \\| shipping 0");
        assertThat(output).containsPattern("metrics: published \\d+ \\(mean [0-9.]+ ms, max [0-9.]+ ms\\), 0 failed; "
                + "handler calls \\d+ ok, 0 failed; retries 0; dead-lettered 0; duplicates skipped 0");
    }
}

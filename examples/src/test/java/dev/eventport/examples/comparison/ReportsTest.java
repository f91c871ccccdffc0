package dev.eventport.examples.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    private final Workload workload = Workload.fromArgs();
    private final Results.Run run = new Results.Run(workload.describe(), Results.Machine.current(), "2026-01-01T00:00:00Z",
            120, Fixtures.typicalRun(), Verdict.decide(workload, Fixtures.typicalRun()));

    @Test
    void theHtmlPageIsSelfContainedWithOneChartPerQuestion() {
        String html = Reports.html(run, 7);

        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("href=").doesNotContain("@import");
        assertThat(html.split("<svg ", -1)).hasSize(5);
        assertThat(html).contains("Checkout latency as consumers are added").contains("one consumer down")
                .contains("End-to-end delay").contains("Saturation").contains(">0%<")
                .contains(run.verdict().summary().substring(0, 40)).contains("settings of kafka");
    }

    @Test
    void markdownAndConsoleCarryTheSameTablesAndTheVerdict() {
        String markdown = Reports.markdown(run, 7);
        String console = Reports.console(run, 7);

        for (String text : new String[] {markdown, console}) {
            assertThat(text).contains("jms-topic").contains("75.0 ms / 150 ms").contains("replayed")
                    .contains(run.verdict().kafka().substring(0, 30));
        }
        assertThat(markdown).contains("| backend | checkout p50/p99 (7 consumers) |").contains("## Workload");
    }

    @Test
    void theJsonHoldsEveryFigure(@TempDir Path dir) throws IOException {
        Reports.Written written = Reports.write(run, 7, dir);

        JsonNode json = new ObjectMapper().readTree(Files.readString(written.json()));
        assertThat(json.at("/backends/3/label").asText()).isEqualTo("kafka");
        assertThat(json.at("/backends/3/scaling/1/checkout/p99").asDouble()).isEqualTo(9.0);
        assertThat(json.at("/backends/0/down/ordersSucceeded").asInt()).isZero();
        assertThat(json.at("/verdict/recommended").asText()).isEqualTo("jms-topic");
        assertThat(json.at("/workload/seed").asText()).isEqualTo("42");
        assertThat(written.html()).exists();
        assertThat(written.markdown()).exists();
    }
}

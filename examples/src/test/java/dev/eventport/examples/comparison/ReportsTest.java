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
        assertThat(html.split("<svg ", -1)).as("four charts, and one lag chart per backend").hasSize(9);
        assertThat(html).contains("Checkout latency as consumers are added").contains("one consumer down")
                .contains("End-to-end delay").contains("Saturation").contains(">0%<")
                .contains(run.verdict().summary().substring(0, 40)).contains("settings of kafka");
    }

    @Test
    void lagOverTimeIsChartedPerConsumerAndSummedUpInATable(@TempDir Path dir) throws IOException {
        String html = Reports.html(run, 7);
        String markdown = Reports.markdown(run, 7);
        Reports.Written written = Reports.write(run, 7, dir);

        assertThat(html).contains("Consumer lag over time (one consumer slow)").contains("kafka: lag per consumer")
                .contains("<title>consumer-0</title>").contains("events not yet processed");
        assertThat(markdown).contains("## Consumer lag over time (one consumer slow)")
                .contains("| backend | consumer-0: peak lag, caught up |")
                .contains("| kafka | 30 at 1.5 s, 0 from 2.8 s |").contains("![lag per consumer on kafka](lag-kafka.svg)");
        assertThat(Files.readString(dir.resolve("lag-jms-topic.svg"))).startsWith("<svg ").contains("consumer-6");
        assertThat(written.markdown()).exists();
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
        assertThat(json.at("/backends/3/slow/lag/consumers/0/lag/6").asLong()).isEqualTo(30);
        assertThat(json.at("/backends/3/slow/lag/seconds/6").asDouble()).isEqualTo(1.5);
        assertThat(written.html()).exists();
        assertThat(written.markdown()).exists();
    }
}

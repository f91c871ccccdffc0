package dev.eventport.examples.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison's short mode, end to end on the in-process backends: the run the README's command starts, in seconds. */
class ComparisonMainTest {

    @Test
    void shortModeMeasuresEachBackendAndWritesTheReports(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ComparisonMain.run(new String[] {"--short", "--backends", "direct,inmemory", "--consumer.counts", "1,7",
                "--orders", "5", "--output", dir.toString()}, print(out), print(err));

        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(console + err).isZero();
        assertThat(console).contains("[direct   ] scale  7 consumers: 5/5 checkouts ok")
                .contains("[inmemory ] scale  7 consumers: 5/5 checkouts ok")
                .contains("[direct   ] down   7 consumers: 0/").contains("late consumer replayed 5 of 5")
                .contains("Verdict: ").contains("Report: " + dir.resolve("comparison.html").toAbsolutePath());
        assertThat(dir.resolve("comparison.html")).exists();
        assertThat(dir.resolve("comparison.json")).exists();
        assertThat(dir.resolve("comparison.md")).exists();
    }

    @Test
    void shortModeOnTheBrokersStartsThemEmbeddedAndPrintsTheirDurabilitySettings(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = ComparisonMain.run(new String[] {"--short", "--backends", "jms-topic,kafka", "--consumer.counts", "1,7",
                "--orders", "5", "--output", dir.toString()}, print(out), print(new ByteArrayOutputStream()));

        String console = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(console).isZero();
        assertThat(console).contains("embedded ActiveMQ Artemis at tcp://127.0.0.1:").contains("fsync")
                .contains("[jms-topic] scale  7 consumers: 5/5 checkouts ok")
                .contains("[jms-topic] down   7 consumers: 5/5 checkouts ok")
                .contains("[jms-topic] late consumer replayed 0 of 5")
                .contains("embedded single-node Kafka (KRaft)").contains("page cache")
                .contains("[kafka    ] scale  7 consumers: 5/5 checkouts ok")
                .contains("[kafka    ] down   7 consumers: 5/5 checkouts ok")
                .contains("[kafka    ] late consumer replayed 5 of 5");
    }

    @Test
    void helpListsEveryKeyWithItsDefault() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int status = ComparisonMain.run(new String[] {"--help"}, print(out), print(new ByteArrayOutputStream()));

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--workload file.properties")
                .contains("--needs.replay").contains("(default: 1,2,4,7,16,32)")
                .contains("the consumer made slow (default: the first declared)" + System.lineSeparator());
    }

    @Test
    void aBadWorkloadExitsWithStatusTwoAndSaysWhy() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = ComparisonMain.run(new String[] {"--rate", "-1"}, print(new ByteArrayOutputStream()), print(err));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Workload key 'rate'");
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}

package dev.eventport.testkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityReportTest {

    @Test
    void writesTheFiguresInOrderAsJsonAndMarkdown(@TempDir Path directory) throws Exception {
        Path json = ReliabilityReport.named("broker-restart")
                .put("published", 50_000)
                .put("lost", 0)
                .put("recovery", Duration.ofMillis(1_250))
                .put("seed", "0x2a \"quoted\"")
                .put("flat", true)
                .writeTo(directory);

        assertThat(json).isEqualTo(directory.resolve("broker-restart.json"));
        String text = Files.readString(json);
        assertThat(text).contains("\"test\": \"broker-restart\"", "\"published\": 50000", "\"lost\": 0",
                "\"recoveryMs\": 1250", "\"seed\": \"0x2a \\\"quoted\\\"\"", "\"flat\": true");
        assertThat(text.indexOf("published")).isLessThan(text.indexOf("recoveryMs"));
        assertThat(Files.readString(directory.resolve("broker-restart.md")))
                .contains("### broker-restart", "| published | 50000 |", "| recovery | 1250 ms |");
    }

    @Test
    void aNameThatIsNoFileNameIsRefused() {
        assertThatThrownBy(() -> ReliabilityReport.named("../escape")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'../escape'");
    }
}

package dev.eventport.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractReportTest {

    @Test
    void jsonStringsAreEscapedPerRfc8259() {
        assertThat(ContractReport.quote("a\"b\\c\nd\te\u0001f")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001f\"");
        assertThat(ContractReport.quote(null)).isEqualTo("null");
        assertThat(ContractReport.quote("Zürich → 東京")).isEqualTo("\"Zürich → 東京\"");
    }

    @Test
    void writesTheCapabilityMatrixAndEveryCaseAsMarkdownAndJson(@TempDir Path directory) throws Exception {
        ContractReport report = new ContractReport("com.example.MyContractTest");
        report.backend("my-backend", Capabilities.of(Capability.FAN_OUT));
        report.add(new ContractReport.Case("Delivery", "One event reaches | every subscription.",
                ContractReport.Result.PASSED, "", 12));
        report.add(new ContractReport.Case("History", "Rewind works.", ContractReport.Result.SKIPPED,
                "does not declare \"REPLAY\"\nsecond line", 0));

        report.writeTo(directory);

        String markdown = Files.readString(directory.resolve("my-backend.md"));
        assertThat(markdown)
                .contains("1 passed, 0 failed, 1 skipped.")
                .contains("| FAN_OUT | yes | every subscription receives every event |")
                .contains("| REPLAY | no |")
                .contains("| Delivery | One event reaches \\| every subscription. | passed |  |")
                .contains("| History | Rewind works. | skipped | does not declare \"REPLAY\" second line |");
        String json = Files.readString(directory.resolve("my-backend.json"));
        assertThat(json)
                .contains("\"backend\": \"my-backend\"")
                .contains("\"summary\": {\"passed\": 1, \"failed\": 0, \"skipped\": 1}")
                .contains("{\"name\": \"FAN_OUT\", \"declared\": true,")
                .contains("\"reason\": \"does not declare \\\"REPLAY\\\"\\nsecond line\"");
    }
}

package dev.eventport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark harness runs end to end in its smoke preset and writes its reports; no figure is asserted. */
class BenchmarksSmokeTest {

    @Test
    void smokeRunOfTheInProcessPartsReportsEveryRatioAndWritesMarkdownAndJson(@TempDir Path out) throws Exception {
        Settings settings = Settings.parse("preset=smoke parts=jmh,checkout checkout.backends=direct,inmemory "
                + "checkout.consumers=1,2 out=" + out);

        ByteArrayOutputStream console = new ByteArrayOutputStream();

        boolean ok = Benchmarks.run(settings, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(ok).as(console.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("added per handler call", "met");
        String markdown = Files.readString(out.resolve("PERFORMANCE.md"));
        assertThat(markdown).contains("## Direct", "added per handler call", "## In-memory", "LinkedBlockingQueue",
                "## Checkout", "direct, 2 consumer(s)", "inmemory, 1 consumer(s)", "cores", "jdk", "heap", "jvm flags", "gc", "preset=smoke");
        assertThat(Files.readString(out.resolve("performance.json"))).contains("\"rows\"", "\"machine\"", "\"settings\"");
    }
}

package dev.eventport.testkit.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one reliability case (chaos, bad input) for one backend: printed, and written to
 * {@code <dir>/<name>.json} and {@code .md}, where {@code <dir>} is the system property {@value #DIR_PROPERTY} or
 * {@code target/reliability}.
 */
final class ReliabilityReport {

    static final String DIR_PROPERTY = "eventport.reliability.report.dir";

    private final String name;
    private final String title;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    ReliabilityReport(String name, String title) {
        this.name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        this.title = title;
    }

    ReliabilityReport put(String figure, Object value) {
        figures.put(figure, value);
        return this;
    }

    /** One line: the title and every figure. */
    String summary() {
        StringBuilder line = new StringBuilder(title).append(':');
        figures.forEach((figure, value) -> line.append(' ').append(figure).append('=').append(value));
        return line.toString();
    }

    /** Prints the summary and writes the files; returns the summary. */
    String publish() {
        String summary = summary();
        System.out.println(summary);
        Path directory = Path.of(System.getProperty(DIR_PROPERTY, "target/reliability"));
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(name + ".json"), json(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(name + ".md"), markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the reliability report " + name + " to "
                    + directory.toAbsolutePath(), e);
        }
        return summary;
    }

    String json() {
        StringBuilder json = new StringBuilder("{\n  \"report\": ").append(ContractReport.quote(name))
                .append(",\n  \"title\": ").append(ContractReport.quote(title))
                .append(",\n  \"generatedAt\": ").append(ContractReport.quote(Instant.now().toString()));
        figures.forEach((figure, value) -> json.append(",\n  ").append(ContractReport.quote(figure)).append(": ")
                .append(value instanceof Number || value instanceof Boolean ? value.toString() : ContractReport.quote(String.valueOf(value))));
        return json.append("\n}\n").toString();
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n| figure | value |\n|---|---|\n");
        figures.forEach((figure, value) -> md.append("| ").append(figure).append(" | ")
                .append(String.valueOf(value).replace("|", "\\|")).append(" |\n"));
        return md.toString();
    }
}

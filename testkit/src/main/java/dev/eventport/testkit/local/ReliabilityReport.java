package dev.eventport.testkit.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of one reliability run (events published, processed, lost, duplicates absorbed, time to recover, seed,
 * ...), printed and written as {@code <name>.json} and {@code <name>.md} so that the README can quote them.
 *
 * <p>Contract: figures keep the order they were put in; a value is a number, a boolean, a {@link Duration} (written
 * in milliseconds, its key suffixed {@code Ms} in JSON) or text. {@link #write()} prints one line to standard output
 * and writes both files into the directory named by the system property {@value #DIRECTORY_PROPERTY}, by default
 * {@code target/reliability} under the working directory (the module's directory under Maven), replacing earlier
 * files of the same name. Not thread safe: fill it from one thread.
 */
public final class ReliabilityReport {

    /** System property naming the directory the reports are written to. */
    public static final String DIRECTORY_PROPERTY = "eventport.reliability.dir";

    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    private ReliabilityReport(String name) {
        this.name = name;
    }

    /** A report for the run {@code name} (file names: letters, digits, dots, dashes and underscores). */
    public static ReliabilityReport named(String name) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("A report name may contain letters, digits, '.', '-' and '_' only, but was '" + name + "'");
        }
        return new ReliabilityReport(name);
    }

    /** Adds or replaces a figure. */
    public ReliabilityReport put(String figure, Object value) {
        figures.put(figure, value);
        return this;
    }

    /** The figures so far. */
    public Map<String, Object> figures() {
        return Map.copyOf(figures);
    }

    /** Prints the figures and writes {@code <name>.json} and {@code <name>.md} to the default directory; returns the JSON file. */
    public Path write() {
        return writeTo(Path.of(System.getProperty(DIRECTORY_PROPERTY, "target/reliability")));
    }

    /** Prints the figures and writes {@code <name>.json} and {@code <name>.md} into {@code directory}; returns the JSON file. */
    public Path writeTo(Path directory) {
        System.out.println("[reliability] " + this);
        try {
            Files.createDirectories(directory);
            Path json = directory.resolve(name + ".json");
            Files.writeString(json, json(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(name + ".md"), markdown(), StandardCharsets.UTF_8);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the reliability report '" + name + "' to " + directory.toAbsolutePath(), e);
        }
    }

    private String json() {
        StringBuilder json = new StringBuilder("{\n  \"test\": ").append(quoted(name))
                .append(",\n  \"finishedAt\": ").append(quoted(Instant.now().toString()));
        figures.forEach((key, value) -> {
            json.append(",\n  ");
            if (value instanceof Duration duration) {
                json.append(quoted(key + "Ms")).append(": ").append(duration.toMillis());
            } else if (value instanceof Number || value instanceof Boolean) {
                json.append(quoted(key)).append(": ").append(value);
            } else {
                json.append(quoted(key)).append(": ").append(quoted(String.valueOf(value)));
            }
        });
        return json.append("\n}\n").toString();
    }

    private String markdown() {
        StringBuilder md = new StringBuilder("### ").append(name).append("\n\n| figure | value |\n|---|---|\n");
        figures.forEach((key, value) -> md.append("| ").append(key).append(" | ").append(shown(value).replace("|", "\\|")).append(" |\n"));
        return md.toString();
    }

    private static String shown(Object value) {
        return value instanceof Duration duration ? duration.toMillis() + " ms" : String.valueOf(value);
    }

    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    /** {@code name: figure=value, ...} */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(name).append(':');
        figures.forEach((key, value) -> line.append(' ').append(key).append('=').append(shown(value)));
        return line.toString();
    }
}

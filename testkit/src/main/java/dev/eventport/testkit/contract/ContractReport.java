package dev.eventport.testkit.contract;

import dev.eventport.ports.Capabilities;
import dev.eventport.ports.Capability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The capability matrix and per-case results of one run of the contract suite, written as Markdown and JSON. */
final class ContractReport {

    /** The outcome of one case. */
    enum Result { PASSED, FAILED, SKIPPED }

    /** One case: its group (the nested class), its sentence, the result, the reason (skip or failure), its time. */
    record Case(String group, String name, Result result, String reason, long millis) {
    }

    private final String testClass;
    private final List<Case> cases = new ArrayList<>();
    private String backend;
    private Capabilities capabilities;

    ContractReport(String testClass) {
        this.testClass = testClass;
    }

    synchronized void backend(String name, Capabilities declared) {
        if (backend == null) {
            backend = name;
            capabilities = declared;
        }
    }

    synchronized void add(Case result) {
        cases.add(result);
    }

    synchronized String fileName() {
        return (backend == null ? testClass : backend).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    synchronized void writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(fileName() + ".md"), markdown(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve(fileName() + ".json"), json(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the contract report to " + directory.toAbsolutePath(), e);
        }
    }

    private long count(Result result) {
        return cases.stream().filter(c -> c.result() == result).count();
    }

    synchronized String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Contract suite: ").append(backend).append("\n\n")
                .append("Test class `").append(testClass).append("`; ").append(count(Result.PASSED)).append(" passed, ")
                .append(count(Result.FAILED)).append(" failed, ").append(count(Result.SKIPPED)).append(" skipped.\n\n")
                .append("## Capabilities\n\n| capability | declared | meaning |\n|---|---|---|\n");
        for (Capability capability : Capability.values()) {
            md.append("| ").append(capability).append(" | ").append(declared(capability) ? "yes" : "no").append(" | ")
                    .append(cell(capability.description())).append(" |\n");
        }
        md.append("\n## Cases\n\n| group | case | result | reason |\n|---|---|---|---|\n");
        for (Case c : cases) {
            md.append("| ").append(cell(c.group())).append(" | ").append(cell(c.name())).append(" | ")
                    .append(c.result().name().toLowerCase(java.util.Locale.ROOT)).append(" | ").append(cell(c.reason()))
                    .append(" |\n");
        }
        return md.toString();
    }

    synchronized String json() {
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"backend\": ").append(quote(backend)).append(",\n")
                .append("  \"testClass\": ").append(quote(testClass)).append(",\n")
                .append("  \"generatedAt\": ").append(quote(Instant.now().toString())).append(",\n")
                .append("  \"summary\": {\"passed\": ").append(count(Result.PASSED)).append(", \"failed\": ")
                .append(count(Result.FAILED)).append(", \"skipped\": ").append(count(Result.SKIPPED)).append("},\n")
                .append("  \"capabilities\": [\n");
        Capability[] all = Capability.values();
        for (int i = 0; i < all.length; i++) {
            json.append("    {\"name\": ").append(quote(all[i].name())).append(", \"declared\": ").append(declared(all[i]))
                    .append(", \"description\": ").append(quote(all[i].description())).append('}')
                    .append(i < all.length - 1 ? ",\n" : "\n");
        }
        json.append("  ],\n  \"cases\": [\n");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            json.append("    {\"group\": ").append(quote(c.group())).append(", \"case\": ").append(quote(c.name()))
                    .append(", \"result\": ").append(quote(c.result().name().toLowerCase(java.util.Locale.ROOT)))
                    .append(", \"reason\": ").append(quote(c.reason())).append(", \"millis\": ").append(c.millis()).append('}')
                    .append(i < cases.size() - 1 ? ",\n" : "\n");
        }
        return json.append("  ]\n}\n").toString();
    }

    private boolean declared(Capability capability) {
        return capabilities != null && capabilities.has(capability);
    }

    /** A Markdown table cell: one line, pipes escaped. */
    private static String cell(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
    }

    /** A JSON string literal (RFC 8259 escaping), or null. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

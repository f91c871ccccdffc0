package dev.eventport.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rows of one benchmark run with the machine and the settings they were measured with; printed to the console
 * and written as Markdown ({@code PERFORMANCE.md}) and JSON ({@code performance.json}).
 *
 * <p>Contract: thread safe for {@link #add}; each row is printed as it is added, so a long run shows progress.
 */
public final class Report {

    private final Settings settings;
    private final PrintStream console;
    private final ZonedDateTime started = ZonedDateTime.now();
    private final double loadBefore = loadAverage();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private double loadMax = loadBefore;

    /** An empty report of a run with {@code settings}, printing rows to {@code console}. */
    public Report(Settings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /** Adds and prints a row. */
    public synchronized void add(Row row) {
        rows.add(row);
        loadMax = Math.max(loadMax, loadAverage());
        console.printf(Locale.ROOT, "%-10s %-58s %14s %14s %-9s %8s %-9s %s%n", row.section(), row.name(),
                number(row.measured()), number(row.baseline()), row.unit(), ratio(row.ratio()),
                row.target().isEmpty() ? "" : row.target(), row.verdict());
    }

    /** Prints a progress line (not part of the written report). */
    public void progress(String line) {
        console.println(line);
    }

    /** Adds a sentence to the report's notes (e.g. a part that could not run). */
    public synchronized void note(String sentence) {
        notes.add(sentence);
        console.println("note: " + sentence);
    }

    /** The rows so far. */
    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The one-minute load average now, or -1 where the OS does not tell. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The machine: cores, memory, OS, JDK, and the harness JVM's heap, {@code -X} flags and garbage collectors. */
    public static Map<String, String> machine() {
        Map<String, String> machine = new LinkedHashMap<>();
        machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        machine.put("memory", memory < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", memory / (1024.0 * 1024 * 1024)));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        machine.put("heap", String.format(Locale.ROOT, "%d MiB initial, %d MiB max", heap.getInit() / (1024 * 1024),
                Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("-X")).toList();
        machine.put("jvm flags", flags.isEmpty() ? "none (the JVM's defaults)" : String.join(" ", flags));
        machine.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", ")));
        return machine;
    }

    /** Writes {@code PERFORMANCE.md} and {@code performance.json} into {@code directory}; returns the Markdown path. */
    public synchronized Path write(Path directory, Duration took) {
        double loadAfter = loadAverage();
        loadMax = Math.max(loadMax, loadAfter);
        try {
            Files.createDirectories(directory);
            Path markdown = directory.resolve("PERFORMANCE.md");
            Files.writeString(markdown, markdown(took, loadAfter));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("date", started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            json.put("durationSeconds", took.toSeconds());
            json.put("machine", machine());
            json.put("loadAverage", Map.of("before", loadBefore, "max", loadMax, "after", loadAfter));
            json.put("underLoad", underLoad());
            json.put("settings", settings.asMap());
            json.put("rows", rows.stream().map(Report::toMap).toList());
            json.put("notes", notes);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("performance.json").toFile(), json);
            return markdown;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the performance report to " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether other processes competed for the CPU: a load average of 1.5 or more before the run, or during it above
     * what the benchmarks' own threads (up to five runnable at once, plus the broker) explain: twice the cores plus 2.
     */
    private boolean underLoad() {
        return loadBefore >= 1.5 || loadMax >= 2 * Runtime.getRuntime().availableProcessors() + 2;
    }

    private static Map<String, Object> toMap(Row row) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("section", row.section());
        map.put("name", row.name());
        map.put("eventport", finite(row.measured()));
        map.put("baseline", finite(row.baseline()));
        map.put("unit", row.unit());
        map.put("ratio", finite(row.ratio()));
        map.put("target", row.target());
        map.put("met", row.met());
        map.put("note", row.note());
        return map;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private String markdown(Duration took, double loadAfter) {
        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Generated by `./mvnw -q -pl benchmarks -am compile -Pbenchmarks` (see `benchmarks/README.md`); do not edit by hand.\n\n");
        md.append("- date: ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(", took ")
                .append(took.toSeconds()).append(" s\n");
        machine().forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append(String.format(Locale.ROOT, "- load average (1 min): %.2f before, %.2f at most, %.2f after%n",
                loadBefore, loadMax, loadAfter));
        if (underLoad()) {
            md.append("\n**Measured under load**: other processes used the CPU during this run, so absolute figures are low and "
                    + "noisy; ratios are less affected because each pair ran back to back in the same JVM, but read them with care.\n");
        }
        md.append("\nSettings: ");
        List<String> pairs = new ArrayList<>();
        settings.asMap().forEach((k, v) -> {
            if (!k.equals("out")) {
                pairs.add("`" + k + "=" + v + "`");
            }
        });
        md.append(String.join(", ", pairs)).append("\n");
        String section = null;
        for (Row row : rows) {
            if (!row.section().equals(section)) {
                section = row.section();
                md.append("\n## ").append(section).append("\n\n");
                md.append("| measurement | eventport | baseline | unit | ratio | target | verdict | note |\n");
                md.append("|---|---:|---:|---|---:|---|---|---|\n");
            }
            md.append("| ").append(row.name()).append(" | ").append(number(row.measured())).append(" | ")
                    .append(number(row.baseline())).append(" | ").append(row.unit()).append(" | ").append(ratio(row.ratio()))
                    .append(" | ").append(row.target()).append(" | ").append(row.met() == null ? "" : row.met() ? "met" : "**NOT met**")
                    .append(" | ").append(row.note()).append(" |\n");
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        md.append("\n").append(Methodology.TEXT);
        return md.toString();
    }

    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "";
        }
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String ratio(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2fx", value) : "";
    }
}

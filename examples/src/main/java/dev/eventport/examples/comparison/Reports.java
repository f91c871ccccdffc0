package dev.eventport.examples.comparison;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.eventport.examples.comparison.Results.Backend;
import dev.eventport.examples.comparison.Results.Point;
import dev.eventport.examples.comparison.Results.Run;
import dev.eventport.examples.comparison.SvgCharts.Series;
import dev.eventport.examples.comparison.Tables.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/** Renders a run as console text, Markdown, JSON and a self-contained HTML page with inline SVG charts. */
final class Reports {

    private static final String LAG_TITLE = "Consumer lag over time (one consumer slow)";
    private static final String LAG_NOTE = "Events published and not yet processed by each consumer, sampled every 50 ms "
            + "from Subscription.lag() while the orders of the 'one consumer slow' point were placed and drained "
            + "(each value is the peak of its interval).";

    private Reports() {
    }

    /**
     * Where the reports were written.
     *
     * @param html     the HTML page
     * @param markdown the Markdown report
     * @param json     the JSON data
     */
    record Written(Path html, Path markdown, Path json) {
    }

    static Written write(Run run, int declaredConsumers, Path directory) throws IOException {
        Files.createDirectories(directory);
        Written written = new Written(directory.resolve("comparison.html").toAbsolutePath(),
                directory.resolve("comparison.md").toAbsolutePath(), directory.resolve("comparison.json").toAbsolutePath());
        Files.writeString(written.html(), html(run, declaredConsumers), StandardCharsets.UTF_8);
        Files.writeString(written.markdown(), markdown(run, declaredConsumers), StandardCharsets.UTF_8);
        Files.writeString(written.json(), json(run), StandardCharsets.UTF_8);
        for (Map.Entry<String, String> chart : lagCharts(run).entrySet()) {
            Files.writeString(directory.resolve(lagChartFile(chart.getKey())), chart.getValue(), StandardCharsets.UTF_8);
        }
        return written;
    }

    static String console(Run run, int declaredConsumers) {
        StringBuilder out = new StringBuilder();
        String nl = System.lineSeparator();
        out.append(nl).append("Summary (").append(machine(run)).append(')').append(nl);
        out.append(Tables.text(Tables.summary(run, declaredConsumers)));
        out.append(nl).append("Checkout latency by number of consumers").append(nl);
        out.append(Tables.text(Tables.scaling(run)));
        out.append(nl).append("Settings").append(nl).append(Tables.text(Tables.settings(run)));
        out.append(nl).append("Verdict: ").append(run.verdict().summary()).append(nl);
        out.append(nl).append("Is Kafka worth it? ").append(run.verdict().kafka()).append(nl);
        return out.toString();
    }

    static String json(Run run) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        return mapper.writeValueAsString(run);
    }

    static String markdown(Run run, int declaredConsumers) {
        StringBuilder md = new StringBuilder();
        md.append("# eventport backend comparison\n\n");
        md.append("Run ").append(run.startedAt()).append(String.format(Locale.ROOT, ", %.0f s, on ", run.seconds()))
                .append(machine(run)).append(".\n\n");
        md.append("## Verdict\n\n").append(run.verdict().summary()).append("\n\n");
        md.append("**Is Kafka worth it?** ").append(run.verdict().kafka()).append("\n\n");
        md.append("## Summary\n\n").append(Tables.markdown(Tables.summary(run, declaredConsumers))).append('\n');
        md.append("## Checkout latency by number of consumers\n\n").append(Tables.markdown(Tables.scaling(run))).append('\n');
        Map<String, String> lagCharts = lagCharts(run);
        if (!lagCharts.isEmpty()) {
            md.append("## ").append(LAG_TITLE).append("\n\n").append(LAG_NOTE).append("\n\n")
                    .append(Tables.markdown(Tables.lagPeaks(run))).append('\n');
            lagCharts.keySet().forEach(label -> md.append("![lag per consumer on ").append(label).append("](")
                    .append(lagChartFile(label)).append(")\n"));
            md.append('\n');
        }
        md.append("## Settings and capabilities\n\n").append(Tables.markdown(Tables.settings(run))).append('\n');
        md.append("## Assessments\n\n");
        for (Verdict.Assessment a : run.verdict().assessments()) {
            md.append("- **").append(a.label()).append("**: ").append(a.fits() ? "fits. " : "does not fit: "
                    + String.join("; ", a.misses()) + ". ").append(String.join(" ", a.facts())).append('\n');
        }
        md.append("\n## Workload\n\n").append(Tables.markdown(workloadTable(run)));
        return md.toString();
    }

    static String html(Run run, int declaredConsumers) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>eventport backend comparison</title>")
                .append("<style>body{font-family:sans-serif;margin:24px;max-width:1400px;color:#222}")
                .append("table{border-collapse:collapse;margin:8px 0 24px;font-size:13px}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f0f0f0}.verdict{background:#eef6ee;border-left:6px solid #2ca02c;padding:12px 16px}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:16px}.note{color:#555;font-size:13px}</style></head><body>");
        html.append("<h1>eventport backend comparison</h1><p class='note'>Run ").append(esc(run.startedAt()))
                .append(String.format(Locale.ROOT, ", %.0f s, on ", run.seconds())).append(esc(machine(run)))
                .append(". Every figure below was measured in this run.</p>");
        html.append("<div class='verdict'><h2>Verdict</h2><p>").append(esc(run.verdict().summary()))
                .append("</p><p><b>Is Kafka worth it?</b> ").append(esc(run.verdict().kafka())).append("</p></div>");
        html.append("<h2>Charts</h2><div class='charts'>").append(charts(run, declaredConsumers)).append("</div>");
        Map<String, String> lagCharts = lagCharts(run);
        if (!lagCharts.isEmpty()) {
            html.append("<h2>").append(esc(LAG_TITLE)).append("</h2><p class='note'>").append(esc(LAG_NOTE))
                    .append("</p><div class='charts'>").append(String.join("", lagCharts.values())).append("</div>")
                    .append(htmlTable(Tables.lagPeaks(run)));
        }
        html.append("<h2>Summary</h2>").append(htmlTable(Tables.summary(run, declaredConsumers)));
        html.append("<h2>Checkout latency by number of consumers</h2>").append(htmlTable(Tables.scaling(run)));
        html.append("<h2>Settings and capabilities</h2>").append(htmlTable(Tables.settings(run)));
        html.append("<h2>Assessments</h2><ul>");
        for (Verdict.Assessment a : run.verdict().assessments()) {
            html.append("<li><b>").append(esc(a.label())).append("</b>: ").append(a.fits() ? "fits. "
                    : "does not fit: " + esc(String.join("; ", a.misses())) + ". ").append(esc(String.join(" ", a.facts())))
                    .append("</li>");
        }
        html.append("</ul><h2>Workload</h2>").append(htmlTable(workloadTable(run)));
        return html.append("</body></html>\n").toString();
    }

    private static String charts(Run run, int declaredConsumers) {
        List<Backend> measured = run.backends().stream().filter(Backend::measured).toList();
        StringBuilder charts = new StringBuilder();
        TreeSet<Integer> counts = new TreeSet<>();
        measured.forEach(b -> b.scaling().forEach(p -> counts.add(p.consumers())));
        List<Integer> countList = new ArrayList<>(counts);
        List<Series> scaling = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            Backend b = measured.get(i);
            double[] p99 = new double[countList.size()];
            double[] p50 = new double[countList.size()];
            for (int c = 0; c < countList.size(); c++) {
                int count = countList.get(c);
                Point p = b.scaling().stream().filter(x -> x.consumers() == count).findFirst().orElse(null);
                p99[c] = p == null ? Double.NaN : p.checkout().p99();
                p50[c] = p == null ? Double.NaN : p.checkout().p50();
            }
            scaling.add(new Series(b.label() + " p99", p99, false, color(i)));
            scaling.add(new Series(b.label() + " p50", p50, true, color(i)));
        }
        charts.append(SvgCharts.lines("Checkout latency as consumers are added", "consumers subscribed",
                "checkout latency, ms", countList.stream().map(String::valueOf).toList(), scaling, true));

        List<String> labels = measured.stream().map(Backend::label).toList();
        double[] base = values(measured, b -> b.baseline(declaredConsumers).checkout().p99());
        double[] slow = values(measured, b -> b.slow() == null ? Double.NaN : b.slow().checkout().p99());
        double[] down = values(measured, b -> b.down() == null ? Double.NaN : b.down().checkout().p99());
        String[][] success = new String[measured.size()][3];
        for (int i = 0; i < measured.size(); i++) {
            Backend b = measured.get(i);
            success[i][0] = "";
            success[i][1] = b.slow() == null ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * b.slow().successRate());
            success[i][2] = b.down() == null ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * b.down().successRate());
        }
        charts.append(SvgCharts.bars("Checkout p99 (and % of checkouts that succeeded)", "checkout p99, ms", labels,
                List.of(new Series("all healthy", base, false, color(2)), new Series("one consumer slow", slow, false, color(3)),
                        new Series("one consumer down", down, false, color(1))), success, true));

        double[] e2e50 = values(measured, b -> b.baseline(declaredConsumers).endToEnd().p50());
        double[] e2e99 = values(measured, b -> b.baseline(declaredConsumers).endToEnd().p99());
        charts.append(SvgCharts.bars("End-to-end delay until every consumer had the order", "delay, ms", labels,
                List.of(new Series("p50", e2e50, false, color(0)), new Series("p99", e2e99, false, color(4))), null, true));

        double[] placed = values(measured, b -> b.saturation() == null ? Double.NaN : b.saturation().checkoutPerSecond());
        double[] processed = values(measured, b -> b.saturation() == null ? Double.NaN : b.saturation().processedPerSecond());
        charts.append(SvgCharts.bars("Saturation: orders per second", "orders/s", labels,
                List.of(new Series("checkout", placed, false, color(0)), new Series("processed by all", processed, false, color(2))),
                null, true));
        return charts.toString();
    }

    /** One chart per measured backend: each consumer's lag over the time of the "one consumer slow" point. */
    private static Map<String, String> lagCharts(Run run) {
        Map<String, String> charts = new LinkedHashMap<>();
        for (Backend b : run.backends()) {
            Point slow = b.slow();
            if (!b.measured() || slow == null || slow.lag() == null || slow.lag().consumers().isEmpty()) {
                continue;
            }
            List<Series> series = new ArrayList<>();
            List<Results.LagSeries> consumers = slow.lag().consumers();
            for (int i = 0; i < consumers.size(); i++) {
                long[] lag = consumers.get(i).lag();
                double[] values = new double[lag.length];
                for (int j = 0; j < lag.length; j++) {
                    values[j] = lag[j] < 0 ? Double.NaN : lag[j];
                }
                series.add(new Series(consumers.get(i).consumer(), values, false, color(i)));
            }
            charts.put(b.label(), SvgCharts.timeLines(b.label() + ": lag per consumer, one consumer slow",
                    "events not yet processed", slow.lag().seconds(), series));
        }
        return charts;
    }

    private static String lagChartFile(String label) {
        return "lag-" + label.replaceAll("[^A-Za-z0-9._-]", "_") + ".svg";
    }

    private static double[] values(List<Backend> backends, ToDoubleFunction<Backend> value) {
        return backends.stream().mapToDouble(value).toArray();
    }

    private static String color(int index) {
        return SvgCharts.PALETTE[index % SvgCharts.PALETTE.length];
    }

    private static Table workloadTable(Run run) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, String> e : run.workload().entrySet()) {
            rows.add(List.of(e.getKey(), e.getValue()));
        }
        return new Table(List.of("key", "value"), rows);
    }

    private static String htmlTable(Table table) {
        StringBuilder html = new StringBuilder("<table><tr>");
        table.header().forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
        html.append("</tr>");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            row.forEach(cell -> html.append("<td>").append(esc(cell)).append("</td>"));
            html.append("</tr>");
        }
        return html.append("</table>").toString();
    }

    private static String machine(Run run) {
        Results.Machine m = run.machine();
        return m.cpus() + " CPUs, " + m.maxHeapMb() + " MB max heap, Java " + m.java() + ", " + m.os();
    }

    private static String esc(String s) {
        return SvgCharts.escape(s);
    }
}

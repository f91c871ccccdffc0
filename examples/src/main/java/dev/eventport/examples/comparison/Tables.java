package dev.eventport.examples.comparison;

import dev.eventport.examples.comparison.Results.Backend;
import dev.eventport.examples.comparison.Results.Point;
import dev.eventport.examples.comparison.Results.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The report's tables as rows of text, rendered the same way on the console, in Markdown and in HTML. */
final class Tables {

    private Tables() {
    }

    /**
     * A table: a header row and data rows of the same width.
     *
     * @param header the column titles
     * @param rows   the cells
     */
    record Table(List<String> header, List<List<String>> rows) {
    }

    static Table summary(Run run, int declaredConsumers) {
        List<String> header = List.of("backend", "checkout p50/p99 (" + declaredConsumers + " consumers)",
                "checkout p99 (most consumers)", "slow consumer: ok, p99", "down consumer: ok, p99",
                "end-to-end p50/p99", "max backlog", "missing", "dead letters (down)", "duplicate deliveries absorbed",
                "ordering violations", "late consumer replayed", "saturation checkout/processed per s", "+threads",
                "+heap MB");
        List<List<String>> rows = new ArrayList<>();
        for (Backend b : run.backends()) {
            if (!b.measured()) {
                List<String> row = new ArrayList<>(List.of(b.label(), "not measured: " + b.error()));
                while (row.size() < header.size()) {
                    row.add("");
                }
                rows.add(row);
                continue;
            }
            Point base = b.baseline(declaredConsumers);
            Point most = b.scaling().get(b.scaling().size() - 1);
            rows.add(List.of(b.label(),
                    Verdict.ms(base.checkout().p50()) + " / " + Verdict.ms(base.checkout().p99()),
                    Verdict.ms(most.checkout().p99()) + " (" + most.consumers() + ")",
                    success(b.slow()), success(b.down()),
                    Verdict.ms(base.endToEnd().p50()) + " / " + Verdict.ms(base.endToEnd().p99()),
                    base.maxBacklog() < 0 ? "n/a" : String.valueOf(base.maxBacklog()),
                    String.valueOf(base.missing()),
                    b.down() == null ? "" : String.valueOf(b.down().deadLettered()),
                    base.duplicatesAbsorbed() + " (" + base.duplicatesPublished() + " events sent twice)",
                    b.ordering() == null ? "" : b.ordering().violations() + " of " + b.ordering().received(),
                    b.replay() == null ? "" : b.replay().replayed() + " of " + b.replay().pastOrders(),
                    b.saturation() == null ? "" : String.format(Locale.ROOT, "%.0f / %.0f",
                            b.saturation().checkoutPerSecond(), b.saturation().processedPerSecond()),
                    b.saturation() == null ? "" : String.valueOf(b.saturation().threads()),
                    b.saturation() == null ? "" : String.format(Locale.ROOT, "%.0f", b.saturation().heapMegabytes())));
        }
        return new Table(header, rows);
    }

    static Table scaling(Run run) {
        TreeSet<Integer> counts = new TreeSet<>();
        run.backends().forEach(b -> b.scaling().forEach(p -> counts.add(p.consumers())));
        List<String> header = new ArrayList<>(List.of("backend"));
        counts.forEach(c -> header.add(c + " consumers p50 / p99"));
        List<List<String>> rows = new ArrayList<>();
        for (Backend b : run.backends()) {
            List<String> row = new ArrayList<>(List.of(b.label()));
            for (int count : counts) {
                row.add(b.scaling().stream().filter(p -> p.consumers() == count).findFirst()
                        .map(p -> Verdict.ms(p.checkout().p50()) + " / " + Verdict.ms(p.checkout().p99())
                                + (p.ordersAttempted() < Integer.parseInt(run.workload().get("orders"))
                                ? " (" + p.ordersAttempted() + " orders)" : ""))
                        .orElse(""));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    static Table settings(Run run) {
        List<List<String>> rows = new ArrayList<>();
        for (Backend b : run.backends()) {
            rows.add(List.of(b.label(), b.settings(), String.join(", ", b.capabilities())));
        }
        return new Table(List.of("backend", "delivery and durability settings", "declared capabilities"), rows);
    }

    /**
     * Each consumer's lag in the "one consumer slow" point: its peak, when, and when it caught up (the chart's
     * figures as text).
     */
    static Table lagPeaks(Run run) {
        List<String> consumers = new ArrayList<>();
        run.backends().stream().map(Backend::slow).filter(p -> p != null && p.lag() != null)
                .forEach(p -> p.lag().consumers().forEach(c -> {
                    if (!consumers.contains(c.consumer())) {
                        consumers.add(c.consumer());
                    }
                }));
        List<String> header = new ArrayList<>(List.of("backend"));
        consumers.forEach(c -> header.add(c + ": peak lag, caught up"));
        List<List<String>> rows = new ArrayList<>();
        for (Backend b : run.backends()) {
            if (b.slow() == null || b.slow().lag() == null) {
                continue;
            }
            List<String> row = new ArrayList<>(List.of(b.label()));
            for (String consumer : consumers) {
                row.add(b.slow().lag().consumers().stream().filter(c -> c.consumer().equals(consumer)).findFirst()
                        .map(c -> lagCell(b.slow().lag().seconds(), c.lag())).orElse(""));
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static String lagCell(double[] seconds, long[] lag) {
        int peakAt = -1;
        int lastBehind = -1;
        for (int i = 0; i < lag.length; i++) {
            if (lag[i] >= 0 && (peakAt < 0 || lag[i] > lag[peakAt])) {
                peakAt = i;
            }
            if (lag[i] != 0) {
                lastBehind = i;
            }
        }
        if (peakAt < 0) {
            return "n/a";
        }
        String caughtUp = lastBehind == lag.length - 1 ? "not caught up"
                : String.format(Locale.ROOT, "0 from %.1f s", lastBehind < 0 ? 0 : seconds[lastBehind + 1]);
        return String.format(Locale.ROOT, "%d at %.1f s, %s", lag[peakAt], seconds[peakAt], caughtUp);
    }

    private static String success(Point p) {
        return p == null ? "" : String.format(Locale.ROOT, "%.0f%%, %s", 100 * p.successRate(), Verdict.ms(p.checkout().p99()));
    }

    /** The table as fixed-width text for the console. */
    static String text(Table table) {
        int[] widths = new int[table.header().size()];
        List<List<String>> all = new ArrayList<>();
        all.add(table.header());
        all.addAll(table.rows());
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < all.size(); r++) {
            List<String> row = all.get(r);
            for (int i = 0; i < row.size(); i++) {
                out.append(i == 0 ? "" : " | ").append(String.format(Locale.ROOT, "%-" + Math.max(1, widths[i]) + "s", row.get(i)));
            }
            out.append(System.lineSeparator());
            if (r == 0) {
                for (int i = 0; i < widths.length; i++) {
                    out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
                }
                out.append(System.lineSeparator());
            }
        }
        return out.toString();
    }

    /** The table in Markdown. */
    static String markdown(Table table) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", table.header().stream().map(Tables::escape).toList())).append(" |\n");
        out.append("|").append("---|".repeat(table.header().size())).append('\n');
        for (List<String> row : table.rows()) {
            out.append("| ").append(String.join(" | ", row.stream().map(Tables::escape).toList())).append(" |\n");
        }
        return out.toString();
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}

package dev.eventport.examples.comparison;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

/**
 * "Should I use Kafka?": runs the store workload on every backend it names, side by side, prints progress and a
 * summary, and writes an HTML page with charts, Markdown and JSON to the directory it prints.
 *
 * <p>Arguments: {@code --workload file.properties}, any workload key as {@code --key value} (see
 * {@link Workload#KEYS}), {@code --short} for a run of seconds, {@code --help}. Exit status: 0 when the comparison
 * ran (whatever it found), 2 for a bad workload, 1 when the reports could not be written.
 */
public final class ComparisonMain {

    private ComparisonMain() {
    }

    /** Runs the comparison. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println("Usage: ComparisonMain [--workload file.properties] [--short] [--<key> <value>]...");
            for (Map.Entry<String, String[]> key : Workload.KEYS.entrySet()) {
                String defaultValue = key.getValue()[0].isEmpty() ? "" : " (default: " + key.getValue()[0] + ")";
                out.printf("  --%-28s %s%s%n", key.getKey(), key.getValue()[1], defaultValue);
            }
            return 0;
        }
        Workload workload;
        try {
            workload = Workload.fromArgs(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        out.println("eventport comparison: " + workload.describe());
        Results.Run run = new Comparison(workload, out).run();
        out.print(Reports.console(run, workload.consumers().size()));
        try {
            Reports.Written written = Reports.write(run, workload.consumers().size(), workload.output());
            out.println();
            out.println("Report: " + written.html());
            out.println("        " + written.markdown());
            out.println("        " + written.json());
            return 0;
        } catch (IOException e) {
            err.println("Could not write the reports to " + workload.output().toAbsolutePath() + ": " + e.getMessage());
            return 1;
        }
    }
}

package dev.eventport.benchmarks;

/**
 * One line of the performance report: what eventport measured, what the baseline measured in the same run, and
 * whether the target is met.
 *
 * @param section  the part of the report (e.g. "Kafka")
 * @param name     what was measured
 * @param measured eventport's figure
 * @param baseline the baseline's figure, or {@code NaN} when there is none
 * @param unit     the unit of both figures
 * @param ratio    the figure the target is about (usually measured / baseline), or {@code NaN}
 * @param target   the target in words, e.g. "&gt;= 0.95x", or empty when there is none
 * @param met      whether the target is met; null when there is no target
 * @param note     what limits or explains the figure, or empty
 */
public record Row(String section, String name, double measured, double baseline, String unit, double ratio,
                  String target, Boolean met, String note) {

    /** A ratio measured / baseline that must be at least {@code minimum}. */
    public static Row atLeast(String section, String name, double measured, double baseline, String unit, double minimum,
                              String note) {
        double ratio = measured / baseline;
        return new Row(section, name, measured, baseline, unit, ratio, ">= " + minimum + "x", ratio >= minimum, note);
    }

    /** A ratio measured / baseline that must be at most {@code maximum} (latencies). */
    public static Row atMost(String section, String name, double measured, double baseline, String unit, double maximum,
                             String note) {
        double ratio = measured / baseline;
        return new Row(section, name, measured, baseline, unit, ratio, "<= " + maximum + "x", ratio <= maximum, note);
    }

    /** A figure without a target, with its baseline (or {@code NaN}). */
    public static Row info(String section, String name, double measured, double baseline, String unit, String note) {
        return new Row(section, name, measured, baseline, unit, measured / baseline, "", null, note);
    }

    /** This row with another target verdict, e.g. for an absolute target. */
    public Row withTarget(String newTarget, boolean isMet) {
        return new Row(section, name, measured, baseline, unit, ratio, newTarget, isMet, note);
    }

    /** "met", "NOT met" or "" when there is no target. */
    public String verdict() {
        return met == null ? "" : met ? "met" : "NOT met";
    }
}

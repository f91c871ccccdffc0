package dev.eventport.examples.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Line and grouped-bar charts as inline SVG, with a logarithmic or linear value axis, so the HTML report needs no
 * script and no network. Values that are not numbers (NaN) are left out.
 */
final class SvgCharts {

    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf"};

    private static final int WIDTH = 760;
    private static final int HEIGHT = 340;
    private static final int LEFT = 70;
    private static final int RIGHT = 150;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;

    private SvgCharts() {
    }

    /**
     * A named series of values, one per category.
     *
     * @param name   shown in the legend
     * @param values one per category (NaN: no value)
     * @param dashed whether the line is dashed
     * @param color  the stroke or fill colour
     */
    record Series(String name, double[] values, boolean dashed, String color) {
    }

    /** Lines over categories (e.g. consumer counts). */
    static String lines(String title, String xTitle, String yTitle, List<String> categories, List<Series> series, boolean log) {
        Axis axis = Axis.of(series, log);
        StringBuilder svg = open(title, xTitle, yTitle, axis);
        int plotWidth = WIDTH - LEFT - RIGHT;
        double step = categories.size() > 1 ? (double) plotWidth / (categories.size() - 1) : 0;
        for (int i = 0; i < categories.size(); i++) {
            double x = LEFT + (categories.size() > 1 ? i * step : plotWidth / 2.0);
            svg.append(text(x, HEIGHT - BOTTOM + 18, categories.get(i), "middle", 12));
        }
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < s.values().length; i++) {
                if (Double.isNaN(s.values()[i])) {
                    continue;
                }
                double x = LEFT + (categories.size() > 1 ? i * step : plotWidth / 2.0);
                double y = axis.y(s.values()[i]);
                path.append(path.length() == 0 ? "M" : " L").append(f(x)).append(',').append(f(y));
                svg.append("<circle cx='").append(f(x)).append("' cy='").append(f(y)).append("' r='3' fill='")
                        .append(s.color()).append("'><title>").append(escape(s.name())).append(": ")
                        .append(Verdict.ms(s.values()[i])).append("</title></circle>");
            }
            svg.append("<path d='").append(path).append("' fill='none' stroke='").append(s.color())
                    .append("' stroke-width='2'").append(s.dashed() ? " stroke-dasharray='6,4'" : "").append("/>");
        }
        legend(svg, series);
        return svg.append("</svg>").toString();
    }

    /**
     * Lines over time: {@code seconds} gives the x of each value of every series (linear axes, both from zero).
     */
    static String timeLines(String title, String yTitle, double[] seconds, List<Series> series) {
        Axis axis = Axis.of(series, false);
        StringBuilder svg = open(title, "seconds", yTitle, axis);
        int plotWidth = WIDTH - LEFT - RIGHT;
        double end = seconds.length == 0 ? 1 : Math.max(1, Math.ceil(seconds[seconds.length - 1]));
        double tick = niceStep(end / 6);
        for (double t = 0; t <= end + 1e-9; t += tick) {
            svg.append(text(LEFT + plotWidth * t / end, HEIGHT - BOTTOM + 18, number(t), "middle", 12));
        }
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < Math.min(seconds.length, s.values().length); i++) {
                if (Double.isNaN(s.values()[i])) {
                    continue;
                }
                path.append(path.length() == 0 ? "M" : " L").append(f(LEFT + plotWidth * seconds[i] / end)).append(',')
                        .append(f(axis.y(s.values()[i])));
            }
            svg.append("<path d='").append(path).append("' fill='none' stroke='").append(s.color())
                    .append("' stroke-width='2'").append(s.dashed() ? " stroke-dasharray='6,4'" : "").append("><title>")
                    .append(escape(s.name())).append("</title></path>");
        }
        legend(svg, series);
        return svg.append("</svg>").toString();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    private static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double factor : new double[] {1, 2, 5, 10}) {
            if (factor * magnitude >= rough) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Bars grouped by category, one bar per series in each group, with an optional label above each bar. */
    static String bars(String title, String yTitle, List<String> categories, List<Series> series, String[][] labels, boolean log) {
        Axis axis = Axis.of(series, log);
        StringBuilder svg = open(title, "", yTitle, axis);
        int plotWidth = WIDTH - LEFT - RIGHT;
        double groupWidth = (double) plotWidth / categories.size();
        double barWidth = groupWidth * 0.8 / series.size();
        for (int c = 0; c < categories.size(); c++) {
            double groupX = LEFT + c * groupWidth + groupWidth * 0.1;
            svg.append(text(LEFT + c * groupWidth + groupWidth / 2, HEIGHT - BOTTOM + 18, categories.get(c), "middle", 12));
            for (int s = 0; s < series.size(); s++) {
                double value = series.get(s).values()[c];
                double x = groupX + s * barWidth;
                if (Double.isNaN(value)) {
                    svg.append(text(x + barWidth / 2, HEIGHT - BOTTOM - 4, "n/a", "middle", 10));
                    continue;
                }
                double y = axis.y(value);
                double base = HEIGHT - BOTTOM;
                svg.append("<rect x='").append(f(x)).append("' y='").append(f(y)).append("' width='")
                        .append(f(Math.max(1, barWidth - 2))).append("' height='").append(f(Math.max(1, base - y)))
                        .append("' fill='").append(series.get(s).color()).append("'><title>")
                        .append(escape(series.get(s).name() + " " + categories.get(c) + ": " + number(value)))
                        .append("</title></rect>");
                String label = labels == null ? null : labels[c][s];
                if (label != null && !label.isEmpty()) {
                    svg.append(text(x + barWidth / 2 - 1, y - 4, label, "middle", 9));
                }
            }
        }
        legend(svg, series);
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, String xTitle, String yTitle, Axis axis) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns='http://www.w3.org/2000/svg' width='").append(WIDTH).append("' height='").append(HEIGHT)
                .append("' viewBox='0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("' font-family='sans-serif' role='img'><title>").append(escape(title)).append("</title>");
        svg.append("<rect width='100%' height='100%' fill='white'/>");
        svg.append(text(WIDTH / 2.0 - RIGHT / 2.0, 22, title, "middle", 15));
        int plotRight = WIDTH - RIGHT;
        for (double tick : axis.ticks()) {
            double y = axis.y(tick);
            svg.append("<line x1='").append(LEFT).append("' x2='").append(plotRight).append("' y1='").append(f(y))
                    .append("' y2='").append(f(y)).append("' stroke='#ddd'/>");
            svg.append(text(LEFT - 6, y + 4, number(tick), "end", 11));
        }
        svg.append("<line x1='").append(LEFT).append("' x2='").append(LEFT).append("' y1='").append(TOP).append("' y2='")
                .append(HEIGHT - BOTTOM).append("' stroke='#333'/>");
        svg.append("<line x1='").append(LEFT).append("' x2='").append(plotRight).append("' y1='").append(HEIGHT - BOTTOM)
                .append("' y2='").append(HEIGHT - BOTTOM).append("' stroke='#333'/>");
        svg.append(text(LEFT + (plotRight - LEFT) / 2.0, HEIGHT - 10, xTitle, "middle", 12));
        svg.append("<text transform='translate(16,").append(f(TOP + (HEIGHT - TOP - BOTTOM) / 2.0))
                .append(") rotate(-90)' text-anchor='middle' font-size='12'>").append(escape(yTitle + (axis.log() ? " (log scale)" : "")))
                .append("</text>");
        return svg;
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        int x = WIDTH - RIGHT + 14;
        for (int i = 0; i < series.size(); i++) {
            int y = TOP + 10 + i * 20;
            Series s = series.get(i);
            svg.append("<line x1='").append(x).append("' x2='").append(x + 22).append("' y1='").append(y).append("' y2='")
                    .append(y).append("' stroke='").append(s.color()).append("' stroke-width='").append(s.dashed() ? 2 : 6)
                    .append(s.dashed() ? "' stroke-dasharray='6,4'" : "'").append("/>");
            svg.append(text(x + 28, y + 4, s.name(), "start", 12));
        }
    }

    private static String text(double x, double y, String content, String anchor, int size) {
        return "<text x='" + f(x) + "' y='" + f(y) + "' text-anchor='" + anchor + "' font-size='" + size + "'>"
                + escape(content) + "</text>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String number(double v) {
        if (v >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return v >= 1 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2g", v);
    }

    /** The value axis: from zero (linear) or a power of ten (log) to a round maximum. */
    private record Axis(double min, double max, boolean log) {

        static Axis of(List<Series> series, boolean log) {
            double lo = Double.MAX_VALUE;
            double hi = 0;
            for (Series s : series) {
                for (double v : s.values()) {
                    if (!Double.isNaN(v) && (!log || v > 0)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
            }
            if (hi == 0) {
                return new Axis(log ? 0.1 : 0, 1, log);
            }
            if (log) {
                return new Axis(Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi * 1.0001))), true);
            }
            double magnitude = Math.pow(10, Math.floor(Math.log10(hi)));
            return new Axis(0, Math.ceil(hi * 1.1 / magnitude) * magnitude, false);
        }

        double y(double value) {
            double plotHeight = HEIGHT - TOP - BOTTOM;
            double share = log ? (Math.log10(Math.max(value, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (value - min) / (max - min);
            return HEIGHT - BOTTOM - share * plotHeight;
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double t = min; t <= max * 1.0001; t *= 10) {
                    ticks.add(t);
                }
            } else {
                double step = (max - min) / 5;
                for (int i = 0; i <= 5; i++) {
                    ticks.add(min + i * step);
                }
            }
            return ticks;
        }
    }
}

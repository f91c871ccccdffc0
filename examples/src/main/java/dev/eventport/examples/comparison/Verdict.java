package dev.eventport.examples.comparison;

import dev.eventport.examples.comparison.Results.Backend;
import dev.eventport.examples.comparison.Results.Point;
import dev.eventport.ports.Capability;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which backend fits the workload, and why: every sentence is derived from the measured figures, the declared
 * capabilities and the workload's needs.
 *
 * <p>Each need a backend misses is stated with the measured figure and, in brackets, the workload key that
 * expresses the need.
 *
 * <p>Rule: a backend fits when it meets every need of the workload as measured (every consumer received every
 * order, checkout p99 within budget, checkout kept succeeding with a slow and with a down consumer, a late consumer
 * replayed every past order, no ordering violation) and as declared (durability), and, if it needs a broker, the
 * workload accepts running one. Of those that fit, the one with the lowest operational cost is recommended (no
 * infrastructure, then in-process, then one Artemis broker, then a Kafka cluster); ties go to the lower checkout p99.
 * When none fits, the one missing the fewest needs is named, with what it misses.
 *
 * @param recommended the label of the recommended backend, or null when nothing was measured
 * @param summary     one paragraph saying which backend and why, with numbers
 * @param kafka       one paragraph answering "is Kafka worth it here?", with numbers
 * @param assessments per backend: whether it fits, what it misses and the figures that matter
 */
record Verdict(String recommended, String summary, String kafka, List<Assessment> assessments) {

    private static final Map<String, String> OPERATIONS = Map.of(
            "direct", "no infrastructure: plain method calls",
            "inmemory", "nothing to operate: an in-process bus",
            "jms", "one broker (Artemis) to run, monitor and upgrade",
            "kafka", "a Kafka cluster to run: brokers, partitions, retention, consumer-lag monitoring");
    private static final List<String> COST_ORDER = List.of("direct", "inmemory", "jms", "kafka");

    /**
     * One backend judged against the workload.
     *
     * @param label   the backend's label
     * @param fits    whether it meets every need
     * @param misses  the needs it misses, each with the measured figure
     * @param facts   the figures that matter, as short sentences
     */
    record Assessment(String label, boolean fits, List<String> misses, List<String> facts) {
    }

    static Verdict decide(Workload workload, List<Backend> backends) {
        List<Assessment> assessments = new ArrayList<>();
        for (Backend backend : backends) {
            assessments.add(assess(workload, backend));
        }
        List<Backend> measured = backends.stream().filter(Backend::measured).toList();
        if (measured.isEmpty()) {
            return new Verdict(null, "No backend could be measured, so there is no verdict: see the errors above.",
                    "Kafka was not measured.", assessments);
        }
        Comparator<Backend> byCost = Comparator.comparingInt((Backend b) -> COST_ORDER.indexOf(b.backend()))
                .thenComparingDouble(b -> b.baseline(workload.consumers().size()).checkout().p99());
        List<Backend> fitting = measured.stream().filter(b -> find(assessments, b.label()).fits()).sorted(byCost).toList();
        String summary;
        Backend chosen;
        if (!fitting.isEmpty()) {
            chosen = fitting.get(0);
            summary = "Use " + chosen.label() + ": it is the backend with the lowest operational cost ("
                    + OPERATIONS.get(chosen.backend()) + ") that meets every need of this workload. "
                    + String.join(" ", find(assessments, chosen.label()).facts())
                    + others(assessments, chosen.label());
        } else {
            chosen = measured.stream().sorted(Comparator.comparingInt((Backend b) -> find(assessments, b.label()).misses().size())
                    .thenComparing(byCost)).findFirst().orElseThrow();
            summary = "No backend meets every need of this workload. The closest is " + chosen.label() + ", which misses: "
                    + String.join("; ", find(assessments, chosen.label()).misses()) + ". Relax the needs in brackets if you can, "
                    + "or change the consumers (the slow or failing ones), and run again." + others(assessments, chosen.label());
        }
        return new Verdict(chosen.label(), summary, kafkaParagraph(workload, measured, assessments, chosen), assessments);
    }

    private static Assessment assess(Workload workload, Backend b) {
        if (!b.measured()) {
            return new Assessment(b.label(), false, List.of("it could not be measured: " + b.error()), List.of());
        }
        Workload.Needs needs = workload.needs();
        List<String> misses = new ArrayList<>();
        List<String> facts = new ArrayList<>();
        Point base = b.baseline(workload.consumers().size());
        double budget = needs.checkoutBudget().toMillis();
        facts.add(String.format(Locale.ROOT, "With %d consumers its checkout took p50 %s, p99 %s, and every consumer had "
                + "an order %s after checkout began (p99).", base.consumers(), ms(base.checkout().p50()),
                ms(base.checkout().p99()), ms(base.endToEnd().p99())));
        if (base.missing() > 0) {
            misses.add(String.format(Locale.ROOT, "every consumer must see every order, but %d of %d deliveries to "
                    + "healthy consumers never happened with %d consumers%s [consumers]", base.missing(),
                    (long) base.ordersSucceeded() * base.consumers(), base.consumers(),
                    b.capabilities().contains(Capability.FAN_OUT.name()) ? "" : " (it declares no fan-out)"));
        }
        if (base.checkout().p99() > budget) {
            misses.add("checkout p99 must stay within " + ms(budget) + ", but was " + ms(base.checkout().p99())
                    + " with " + base.consumers() + " consumers [checkout.budget]");
        }
        if (needs.surviveSlowOrDown()) {
            checkSurvives("'" + workload.slowConsumer() + "' " + workload.slowFactor() + "x slower", b.slow(), budget, misses, facts);
            checkSurvives("'" + workload.downConsumer() + "' down", b.down(), budget, misses, facts);
        }
        if (b.replay() != null) {
            facts.add("A consumer added later replayed " + b.replay().replayed() + " of " + b.replay().pastOrders()
                    + " past orders.");
            if (needs.replay() && b.replay().replayed() < b.replay().pastOrders()) {
                misses.add("a consumer added later must process past orders, but it replayed " + b.replay().replayed()
                        + " of " + b.replay().pastOrders() + " [needs.replay]");
            }
        }
        if (needs.durability() && !b.capabilities().contains(Capability.DURABLE.name())) {
            misses.add("events must survive a restart, but " + b.backend() + " declares no durability (events in flight "
                    + "are lost when the process stops) [needs.durability]");
        }
        if (b.ordering() != null && b.ordering().violations() > 0 && needs.ordering()) {
            misses.add("the events of one order must be handled in order, but " + b.ordering().violations() + " of "
                    + b.ordering().received() + " arrived after a later event of their order with "
                    + b.ordering().consumers() + " competing consumers [needs.ordering]");
        }
        if (!needs.brokerAcceptable() && (b.backend().equals("jms") || b.backend().equals("kafka"))) {
            misses.add("the workload rules out operating a broker, and " + b.label() + " needs " + OPERATIONS.get(b.backend())
                    + " [broker.acceptable]");
        }
        if (b.saturation() != null) {
            facts.add(String.format(Locale.ROOT, "At saturation it took %.0f orders/s at checkout and its consumers "
                    + "processed %.0f orders/s, with %d more threads and %.0f MB more heap.",
                    b.saturation().checkoutPerSecond(), b.saturation().processedPerSecond(), b.saturation().threads(),
                    b.saturation().heapMegabytes()));
        }
        return new Assessment(b.label(), misses.isEmpty(), misses, facts);
    }

    private static void checkSurvives(String what, Point point, double budget, List<String> misses, List<String> facts) {
        if (point == null) {
            return;
        }
        facts.add(String.format(Locale.ROOT, "With %s, %.0f%% of checkouts succeeded at p99 %s.", what,
                100 * point.successRate(), ms(point.checkout().p99())));
        if (point.successRate() < 1.0) {
            misses.add(String.format(Locale.ROOT, "checkout must survive %s, but only %.0f%% of checkouts succeeded "
                    + "[needs.survive.slow.or.down]", what, 100 * point.successRate()));
        } else if (point.checkout().p99() > budget) {
            misses.add("checkout must survive " + what + ", but its p99 rose to " + ms(point.checkout().p99())
                    + " (budget " + ms(budget) + ") [needs.survive.slow.or.down]");
        }
    }

    private static String others(List<Assessment> assessments, String chosen) {
        StringBuilder text = new StringBuilder();
        for (Assessment a : assessments) {
            if (!a.label().equals(chosen) && !a.fits()) {
                text.append(" ").append(a.label()).append(" does not fit: ").append(String.join("; ", a.misses())).append('.');
            } else if (!a.label().equals(chosen)) {
                text.append(" ").append(a.label()).append(" fits too, at a higher operational cost.");
            }
        }
        return text.toString();
    }

    private static String kafkaParagraph(Workload workload, List<Backend> measured, List<Assessment> assessments,
                                         Backend chosen) {
        Backend kafka = measured.stream().filter(b -> b.backend().equals("kafka")).findFirst().orElse(null);
        if (kafka == null) {
            return "Kafka was not measured in this run, so this report cannot say whether it is worth it.";
        }
        Assessment a = find(assessments, kafka.label());
        String cost = kafka.saturation() == null ? "" : String.format(Locale.ROOT,
                " It costs %d threads and %.0f MB of heap here, plus %s.", kafka.saturation().threads(),
                kafka.saturation().heapMegabytes(), OPERATIONS.get("kafka"));
        if (chosen.label().equals(kafka.label())) {
            String only = measured.stream().filter(b -> !b.label().equals(kafka.label()))
                    .map(b -> b.label() + " misses " + String.join("; ", find(assessments, b.label()).misses()))
                    .reduce((x, y) -> x + ". " + y).orElse("");
            return "Yes: Kafka is worth it for this workload, because nothing simpler meets its needs. " + only + "." + cost;
        }
        if (!a.fits()) {
            return "No: Kafka does not meet this workload's needs (" + String.join("; ", a.misses()) + ")." + cost;
        }
        String replay = kafka.replay() == null ? "" : " What Kafka adds is a log: a consumer added later replayed "
                + kafka.replay().replayed() + " of " + kafka.replay().pastOrders() + " past orders"
                + (workload.needs().replay() ? "." : ", which this workload says it does not need (needs.replay=false).");
        return "Not for this workload: " + chosen.label() + " meets every need at a lower operational cost." + replay + cost
                + " Set needs.replay=true if consumers added later must rebuild their state from past orders.";
    }

    private static Assessment find(List<Assessment> assessments, String label) {
        return assessments.stream().filter(a -> a.label().equals(label)).findFirst().orElseThrow();
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "n/a";
        }
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%.1f ms", millis);
    }
}

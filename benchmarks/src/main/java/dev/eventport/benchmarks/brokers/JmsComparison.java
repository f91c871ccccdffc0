package dev.eventport.benchmarks.brokers;

import dev.eventport.benchmarks.Report;
import dev.eventport.benchmarks.Settings;
import java.util.Map;

/**
 * The JMS adapter against plain JMS on the same embedded Artemis broker: persistent messages, confirmed
 * asynchronous sends, a transacted consumer, queue mode (point to point) so that published messages wait for
 * the consumer step.
 */
public final class JmsComparison {

    static final double PUBLISH_TARGET = 0.90;
    static final double CONSUME_TARGET = 0.90;

    private JmsComparison() {
    }

    /** Runs the comparison on the broker at {@code url} and adds its rows to {@code report}. */
    public static void run(String url, Settings settings, Report report) throws Exception {
        Map<String, String> config = Map.of("eventport.backend", "jms", "eventport.jms.url", url, "eventport.jms.mode", "queue");
        ClientComparison comparison = new ClientComparison("JMS", settings, report, destination -> { },
                new ClientComparison.Targets(PUBLISH_TARGET, CONSUME_TARGET, Double.NaN));
        String note = "persistent, async confirmed sends, queue mode; baseline: plain JMS with the same settings";
        try (AdapterSide adapter = new AdapterSide(config); Side raw = new RawJmsSide(url, false);
             Side rawWithProperties = new RawJmsSide(url, true); Side adapterWithoutAttributes = adapter.withoutAttributes()) {
            comparison.throughput(adapter, raw, rawWithProperties, adapterWithoutAttributes, note,
                    "the body and JMSXGroupID (the aggregate's ordering), where the plain client sends the body alone");
            comparison.latency(adapter, raw, note);
        }
    }
}

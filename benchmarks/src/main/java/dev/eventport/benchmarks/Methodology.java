package dev.eventport.benchmarks;

/** How each figure of the report is measured: the text at the end of {@code PERFORMANCE.md}. */
final class Methodology {

    static final String TEXT = """
            ## How the figures are measured

            - **Direct** (JMH, average time): one `publish` to N subscriptions of the direct backend against calling the
              same N handler objects in a plain loop with a prepared `EventContext`. *Added per handler call* is
              (publish time - loop time) / N.
            - **In-memory** (JMH, throughput): one publisher thread publishes batches of 10,000 events and waits until each
              of the 1 or 4 subscriptions (one consumer thread each) handled them all; the baseline puts the same events
              into one `LinkedBlockingQueue` per subscription, each drained by its own thread, and waits the same way.
            """;

    private Methodology() {
    }
}

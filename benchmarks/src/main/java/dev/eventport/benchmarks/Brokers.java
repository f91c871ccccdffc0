package dev.eventport.benchmarks;

import dev.eventport.testkit.artemis.EmbeddedArtemis;

/**
 * The embedded brokers of one benchmark run, started the first time a part needs them and closed (data deleted)
 * at the end.
 */
final class Brokers implements AutoCloseable {

    private EmbeddedArtemis artemis;

    /** The Artemis broker, started on first use. */
    synchronized EmbeddedArtemis artemis() {
        if (artemis == null) {
            artemis = EmbeddedArtemis.start();
        }
        return artemis;
    }

    @Override
    public synchronized void close() {
        if (artemis != null) {
            artemis.close();
            artemis = null;
        }
    }
}

package dev.eventport.benchmarks.brokers;

/** The eventport and raw sides of a broker, for harnesses outside this package (the scaling runs). */
public final class Sides {

    private Sides() {
    }

    /** eventport's side and the raw side of one broker; closing closes both. */
    public record Pair(Side adapter, Side raw) implements AutoCloseable {
        @Override
        public void close() {
            adapter.close();
            raw.close();
        }
    }

    /** The Kafka sides with the throughput settings of {@link KafkaComparison}. */
    public static Pair kafka(String bootstrapServers) {
        return new Pair(new AdapterSide(KafkaComparison.adapterConfig(bootstrapServers, KafkaComparison.THROUGHPUT_LINGER_MS)),
                new RawKafkaSide(bootstrapServers, KafkaComparison.THROUGHPUT_LINGER_MS, false));
    }
}

package dev.eventport.benchmarks.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.eventport.benchmarks.BenchEvents;
import dev.eventport.codec.json.JsonEventCodec;
import dev.eventport.domain.OrderCreated;
import dev.eventport.ports.spi.EncodedEvent;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of the broker adapters' wire format per 1 KiB event: {@link JsonEventCodec} (JSON body plus CloudEvents
 * headers) against plain Jackson writing and reading the same event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {

    private final OrderCreated event = BenchEvents.orders(1, 1024)[0];
    private final JsonEventCodec codec = new JsonEventCodec();
    private final ObjectMapper jackson = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final byte[] body = codec.encode(event, Map.of()).body();

    /** eventport: body and headers. */
    @Benchmark
    public EncodedEvent codecEncode() {
        return codec.encode(event, Map.of());
    }

    /** Baseline: the body only, with plain Jackson. */
    @Benchmark
    public byte[] jacksonEncode() throws IOException {
        return jackson.writeValueAsBytes(event);
    }

    /** eventport: decode into the subscription's type. */
    @Benchmark
    public OrderCreated codecDecode() {
        return codec.decode(body, OrderCreated.class);
    }

    /** Baseline: plain Jackson. */
    @Benchmark
    public OrderCreated jacksonDecode() throws IOException {
        return jackson.readValue(body, OrderCreated.class);
    }
}

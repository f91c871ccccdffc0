package dev.eventport.examples.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {

    @Test
    void defaultsDescribeTheStory() {
        Workload w = Workload.fromArgs();

        assertThat(w.backends()).containsExactly("direct", "inmemory", "jms-queue", "jms-topic", "kafka");
        assertThat(w.consumers()).extracting(ConsumerSpec::name)
                .containsExactly("email", "inventory", "warehouse", "loyalty", "analytics", "fraud-review", "shipping");
        assertThat(w.consumers().get(5).latency()).isEqualTo(Duration.ofMillis(50));
        assertThat(w.consumerCounts()).containsExactly(1, 2, 4, 7, 16, 32);
        assertThat(w.slowConsumer()).isEqualTo("email");
        assertThat(w.downConsumer()).isEqualTo("shipping");
        assertThat(w.needs().durability()).isTrue();
        assertThat(w.needs().replay()).isFalse();
    }

    @Test
    void flagsWinOverTheFileAndTheFileOverTheShortPreset(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("my-system.properties");
        Files.writeString(file, "orders=100\nrate=5\nconsumers=billing:30ms:0.1,search:8ms\nneeds.replay=true\n");

        Workload w = Workload.fromArgs("--short", "--workload", file.toString(), "--rate", "50", "--backends", "kafka,direct");

        assertThat(w.orders()).isEqualTo(100);
        assertThat(w.rate()).isEqualTo(50);
        assertThat(w.consumers()).containsExactly(new ConsumerSpec("billing", Duration.ofMillis(30), 0.1),
                new ConsumerSpec("search", Duration.ofMillis(8), 0));
        assertThat(w.consumerCounts()).as("from the short preset").containsExactly(1, 7, 16);
        assertThat(w.backends()).containsExactly("kafka", "direct");
        assertThat(w.needs().replay()).isTrue();
        assertThat(w.slowConsumer()).isEqualTo("billing");
        assertThat(w.downConsumer()).isEqualTo("search");
    }

    @Test
    void theScalingSeriesAddsSyntheticConsumersBeyondTheDeclaredOnes() {
        Workload w = Workload.parse(Map.of("consumers", "a:1ms,b:2ms", "synthetic.latency", "3ms"));

        assertThat(w.consumersFor(1)).extracting(ConsumerSpec::name).containsExactly("a");
        assertThat(w.consumersFor(4)).containsExactly(new ConsumerSpec("a", Duration.ofMillis(1), 0),
                new ConsumerSpec("b", Duration.ofMillis(2), 0), new ConsumerSpec("synthetic-3", Duration.ofMillis(3), 0),
                new ConsumerSpec("synthetic-4", Duration.ofMillis(3), 0));
    }

    @Test
    void describeReproducesTheWorkload() {
        Workload w = Workload.fromArgs("--seed", "7", "--consumers", "x:4ms:0.5", "--output", "out");

        Map<String, String> described = w.describe();

        Workload again = Workload.parse(described);
        assertThat(again).isEqualTo(new Workload(w.backends(), w.seed(), w.orders(), w.rate(), w.consumers(),
                w.consumerCounts(), w.syntheticLatency(), w.paymentLatency(), w.slowConsumer(), w.slowFactor(),
                w.downConsumer(), w.duplicateRate(), w.pointTimeout(), w.drainTimeout(), w.saturation(),
                w.saturationThreads(), w.orderingOrders(), w.orderingSteps(), w.orderingConsumers(), w.needs(),
                again.output()));
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhereItCameFrom() {
        assertThatThrownBy(() -> Workload.fromArgs("--rate", "fast"))
                .hasMessageContaining("'rate'").hasMessageContaining("'fast'").hasMessageContaining("flag --rate")
                .hasMessageContaining("a number of at least 0");
        assertThatThrownBy(() -> Workload.fromArgs("--backends", "direct,kafak"))
                .hasMessageContaining("'backends'").hasMessageContaining("kafka");
        assertThatThrownBy(() -> Workload.fromArgs("--consumers", "email"))
                .hasMessageContaining("name:latency[:failureRate]");
        assertThatThrownBy(() -> Workload.fromArgs("--down.consumer", "nobody"))
                .hasMessageContaining("one of the declared consumers");
        assertThatThrownBy(() -> Workload.fromArgs("--point.timeout", "soon"))
                .hasMessageContaining("a duration like 500ms");
        assertThatThrownBy(() -> Workload.fromArgs("--order", "5"))
                .hasMessageContaining("Unknown workload key 'order'").hasMessageContaining("orders");
        assertThatThrownBy(() -> Workload.fromArgs("--orders"))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> Workload.fromArgs("--workload", "/no/such/file.properties"))
                .hasMessageContaining("/no/such/file.properties");
    }

    @Test
    void everyKeyIsDocumented() {
        assertThat(Workload.KEYS.values()).allSatisfy(v -> assertThat(v[1]).isNotBlank());
        assertThat(List.copyOf(Workload.KEYS.keySet())).doesNotHaveDuplicates().allSatisfy(k ->
                assertThat(k).matches("[a-z.]+"));
    }
}

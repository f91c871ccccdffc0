package dev.eventport.ports.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.ports.TraceParent;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Publish headers")
class PublishHeadersTest {

    private static final String GIVEN = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    @DisplayName("the caller's valid traceparent is sent unchanged")
    void callersOwn() {
        assertThat(PublishHeaders.traceparentFor(Map.of(TraceParent.HEADER, GIVEN))).isEqualTo(GIVEN);
    }

    @Test
    @DisplayName("without one, a child of the current trace is sent; without a current trace, a new root")
    void childOrRoot() {
        TraceParent current = TraceParent.parse(GIVEN).orElseThrow();
        try (TraceParent.Scope scope = current.makeCurrent()) {
            TraceParent sent = TraceParent.parse(PublishHeaders.traceparentFor(Map.of(TraceParent.HEADER, "junk"))).orElseThrow();
            assertThat(sent.traceId()).isEqualTo(current.traceId());
            assertThat(sent.parentId()).isNotEqualTo(current.parentId());
        }
        assertThat(TraceParent.parse(PublishHeaders.traceparentFor(Map.of()))).isPresent()
                .get().extracting(TraceParent::traceId).isNotEqualTo(current.traceId());
    }
}

package dev.eventport.ports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.ports.spi.PublishHeaders;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fast paths of {@link TraceParent} give what the slow ones would: valid headers, children of the current trace. */
class TraceParentHeaderTest {

    private static final String GIVEN = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aPublishOutsideAnyTraceStartsAValidNewRootEachTime() {
        String first = TraceParent.headerForPublish();
        String second = TraceParent.headerForPublish();

        assertThat(TraceParent.parse(first)).isPresent();
        assertThat(TraceParent.parse(second)).isPresent();
        assertThat(TraceParent.parse(first).orElseThrow().traceId()).isNotEqualTo(TraceParent.parse(second).orElseThrow().traceId());
        assertThat(TraceParent.parse(first).orElseThrow().sampled()).isTrue();
    }

    @Test
    void aReceivedHeaderIsCurrentUntilItsScopeClosesAndPublishesContinueItsTrace() {
        try (TraceParent.Scope outer = TraceParent.parse("00-11111111111111111111111111111111-2222222222222222-01")
                .orElseThrow().makeCurrent()) {
            try (TraceParent.Scope received = TraceParent.makeCurrent(GIVEN)) {
                String child = TraceParent.headerForPublish();
                TraceParent parsed = TraceParent.parse(child).orElseThrow();
                assertThat(parsed.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
                assertThat(parsed.parentId()).isNotEqualTo("00f067aa0ba902b7");
                assertThat(parsed.flags()).isEqualTo(1);
                assertThat(TraceParent.current()).map(TraceParent::toString).contains(GIVEN);
            }
            assertThat(TraceParent.current()).map(TraceParent::traceId).contains("11111111111111111111111111111111");
            assertThat(TraceParent.parse(TraceParent.headerForPublish()).orElseThrow().traceId())
                    .isEqualTo("11111111111111111111111111111111");
        }
        assertThat(TraceParent.current()).isEmpty();
    }

    @Test
    void anInvalidReceivedHeaderMakesNoTraceCurrent() {
        try (TraceParent.Scope received = TraceParent.makeCurrent("00-not-a-trace")) {
            assertThat(TraceParent.current()).isEmpty();
            assertThat(TraceParent.parse(TraceParent.headerForPublish())).isPresent();
        }
    }

    @Test
    void publishHeadersKeepAValidCallerTraceparentAndAddOneOtherwise() {
        assertThat(PublishHeaders.withTraceparent(Map.of("traceparent", GIVEN, "a", "b")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("traceparent", GIVEN, "a", "b"));
        Map<String, String> replaced = PublishHeaders.withTraceparent(Map.of("traceparent", "garbage", "a", "b"));
        assertThat(replaced).containsEntry("a", "b");
        assertThat(TraceParent.parse(replaced.get("traceparent"))).isPresent();
        assertThat(TraceParent.parse(PublishHeaders.withTraceparent(Map.of()).get("traceparent"))).isPresent();
    }

    @Test
    void headersForPublishFormatTheTraceparentOnceOnFirstReadAsAChildOfTheTraceCurrentAtPublish() {
        Map<String, String> headers;
        try (TraceParent.Scope scope = TraceParent.makeCurrent(GIVEN)) {
            headers = TraceParent.headersForPublish(Map.of("tenant", "acme"));
        }
        String traceparent = headers.get(TraceParent.HEADER);

        assertThat(TraceParent.parse(traceparent).orElseThrow().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(headers.get(TraceParent.HEADER)).isSameAs(traceparent);
        assertThat(headers).isEqualTo(Map.of("tenant", "acme", TraceParent.HEADER, traceparent)).hasSize(2);
        EventContext context = new EventContext("e-1", "T", "d", "s", java.util.OptionalInt.empty(),
                java.util.OptionalLong.empty(), 1, headers);
        assertThat(context.headers()).isSameAs(headers);
        try (TraceParent.Scope received = TraceParent.makeCurrent(headers)) {
            assertThat(TraceParent.current()).map(TraceParent::toString).contains(traceparent);
            Map<String, String> next = TraceParent.headersForPublish(Map.of());
            assertThat(TraceParent.parse(next.get(TraceParent.HEADER)).orElseThrow().traceId())
                    .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
    }

    @Test
    void unreadHeadersForPublishBecomeCurrentWithoutFormattingAndPublishesInsideThemContinueTheirTrace() {
        Map<String, String> unread = TraceParent.headersForPublish(Map.of());
        String child;
        try (TraceParent.Scope received = TraceParent.makeCurrent(unread)) {
            child = TraceParent.headerForPublish();
        }

        assertThat(TraceParent.parse(child).orElseThrow().traceId())
                .isEqualTo(TraceParent.parse(unread.get(TraceParent.HEADER)).orElseThrow().traceId());
        assertThat(child).isNotEqualTo(unread.get(TraceParent.HEADER));
    }
}

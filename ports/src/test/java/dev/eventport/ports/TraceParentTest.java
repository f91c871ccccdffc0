package dev.eventport.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("W3C traceparent")
class TraceParentTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    @DisplayName("parses and prints the header of the W3C recommendation unchanged")
    void roundTrip() {
        TraceParent parsed = TraceParent.parse(VALID).orElseThrow();

        assertThat(parsed.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parsed.parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parsed.sampled()).isTrue();
        assertThat(parsed).hasToString(VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
            "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"})
    @DisplayName("rejects what is not a valid version-00 header")
    void rejectsInvalid(String header) {
        assertThat(TraceParent.parse(header)).isEmpty();
    }

    @Test
    @DisplayName("a child keeps the trace id and flags and gets a new span id; a root is valid and random")
    void childAndRoot() {
        TraceParent root = TraceParent.newRoot();
        TraceParent child = root.child();

        assertThat(TraceParent.parse(root.toString())).contains(root);
        assertThat(child.traceId()).isEqualTo(root.traceId());
        assertThat(child.parentId()).isNotEqualTo(root.parentId());
        assertThat(child.flags()).isEqualTo(root.flags());
        assertThat(TraceParent.newRoot().traceId()).isNotEqualTo(root.traceId());
    }

    @Test
    @DisplayName("makeCurrent sets the thread's trace until the scope closes, restoring the outer one")
    void scopes() {
        TraceParent outer = TraceParent.newRoot();
        TraceParent inner = TraceParent.newRoot();
        assertThat(TraceParent.current()).isEmpty();
        try (TraceParent.Scope a = outer.makeCurrent()) {
            try (TraceParent.Scope b = inner.makeCurrent()) {
                assertThat(TraceParent.current()).contains(inner);
            }
            assertThat(TraceParent.current()).contains(outer);
        }
        assertThat(TraceParent.current()).isEmpty();
    }

    @Test
    @DisplayName("the constructor names the bad field")
    void validates() {
        assertThatThrownBy(() -> new TraceParent("xyz", "00f067aa0ba902b7", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("traceId");
        assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "1", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parentId");
        assertThatThrownBy(() -> new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", 256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flags");
    }
}

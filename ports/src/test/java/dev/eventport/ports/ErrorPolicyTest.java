package dev.eventport.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventport.domain.InvalidDomainDataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Error policy")
class ErrorPolicyTest {

    private final ErrorPolicy policy = ErrorPolicy.defaults().withMaxAttempts(5)
            .withBackoff(Duration.ofMillis(100), 3.0, Duration.ofMillis(1000));

    @Test
    @DisplayName("waits longer after each failure, up to the maximum delay")
    void exponentialBackoff() {
        assertThat(policy.nextRetryDelay(new RuntimeException(), 1)).contains(Duration.ofMillis(100));
        assertThat(policy.nextRetryDelay(new RuntimeException(), 2)).contains(Duration.ofMillis(300));
        assertThat(policy.nextRetryDelay(new RuntimeException(), 3)).contains(Duration.ofMillis(900));
        assertThat(policy.nextRetryDelay(new RuntimeException(), 4)).contains(Duration.ofMillis(1000));
    }

    @Test
    @DisplayName("dead-letters after the last attempt")
    void exhausted() {
        assertThat(policy.nextRetryDelay(new RuntimeException(), 5)).isEmpty();
        assertThat(ErrorPolicy.noRetries().nextRetryDelay(new RuntimeException(), 1)).isEmpty();
    }

    @Test
    @DisplayName("dead-letters at once an exception, or a cause, of a non-retryable type")
    void nonRetryable() {
        ErrorPolicy withCustom = policy.withNonRetryable(IOException.class);

        assertThat(withCustom.nextRetryDelay(new UncheckedIOException(new IOException("disk")), 1)).isEmpty();
        assertThat(policy.nextRetryDelay(new NonRetryableException("bad order"), 1)).isEmpty();
        assertThat(policy.nextRetryDelay(new InvalidDomainDataException("x"), 1)).isEmpty();
        assertThat(policy.nextRetryDelay(new UndecodableEventException("x", new byte[0], null), 1)).isEmpty();
        assertThat(withCustom.nonRetryable()).contains(IOException.class);
    }

    @Test
    @DisplayName("rejects invalid settings with a message naming the field")
    void validation() {
        assertThatThrownBy(() -> ErrorPolicy.defaults().withMaxAttempts(0))
                .hasMessage("ErrorPolicy.maxAttempts must be at least 1, but was 0");
        assertThatThrownBy(() -> ErrorPolicy.defaults().withBackoff(Duration.ofMillis(-1), 2, Duration.ofSeconds(1)))
                .hasMessage("ErrorPolicy.initialDelay must be zero or positive, but was PT-0.001S");
        assertThatThrownBy(() -> ErrorPolicy.defaults().withBackoff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1)))
                .hasMessage("ErrorPolicy.multiplier must be a finite number >= 1.0, but was 0.5");
        assertThatThrownBy(() -> new ErrorPolicy(1, Duration.ofSeconds(2), 2, Duration.ofSeconds(1), List.of()))
                .hasMessage("ErrorPolicy.maxDelay (PT1S) must not be shorter than initialDelay (PT2S)");
    }
}

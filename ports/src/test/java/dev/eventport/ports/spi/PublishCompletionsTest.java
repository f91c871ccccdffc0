package dev.eventport.ports.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Publish completions")
class PublishCompletionsTest {

    @Test
    @DisplayName("futures complete in the order handed, on the completion thread, not on the caller's")
    void orderAndThread() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        try (PublishCompletions completions = new PublishCompletions("test-completions")) {
            for (int i = 0; i < 3; i++) {
                CompletableFuture<Integer> future = new CompletableFuture<>();
                future.thenAccept(value -> {
                    seen.add(value + "@" + Thread.currentThread().getName());
                    done.countDown();
                });
                completions.complete(future, i);
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen).containsExactly("0@test-completions", "1@test-completions", "2@test-completions");
    }

    @Test
    @DisplayName("close completes what was handed over; afterwards futures complete on the caller's thread")
    void afterClose() {
        PublishCompletions completions = new PublishCompletions("test-completions");
        CompletableFuture<String> before = new CompletableFuture<>();
        completions.fail(before, new IllegalStateException("broker down"));
        completions.close(Duration.ofSeconds(10));
        CompletableFuture<String> after = new CompletableFuture<>();
        completions.complete(after, "late");

        assertThat(before).isCompletedExceptionally();
        assertThat(after).isCompletedWithValue("late");
    }
}

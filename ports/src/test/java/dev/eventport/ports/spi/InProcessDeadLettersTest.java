package dev.eventport.ports.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventport.domain.DomainEvent;
import dev.eventport.ports.DeadLetter;
import dev.eventport.ports.DeadLetters;
import dev.eventport.ports.PublishFailedException;
import dev.eventport.ports.PublishReceipt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("In-process dead letters")
class InProcessDeadLettersTest {

    record ParcelShipped(String eventId, Instant occurredAt, String aggregateId) implements DomainEvent {
    }

    private final List<Map<String, String>> republished = new CopyOnWriteArrayList<>();
    private final InProcessDeadLetters deadLetters = new InProcessDeadLetters(2, "eventport.test.dead.letters.max",
            (event, headers) -> {
                republished.add(headers);
                return CompletableFuture.completedFuture(PublishReceipt.of(event.eventId(), "parcel-shipped"));
            });

    private static DeadLetter letter(String id) {
        return new DeadLetter(id, "parcel-shipped", "billing", IllegalStateException.class.getName(), "down", 3,
                OptionalInt.empty(), OptionalLong.empty(), Map.of("tenant", "t1"),
                new ParcelShipped(id, Instant.now(), "parcel-1"), null, Instant.now());
    }

    @Test
    @DisplayName("keeps the newest letters per destination, oldest first")
    void bounded() {
        deadLetters.add(letter("e-1"));
        deadLetters.add(letter("e-2"));
        deadLetters.add(letter("e-3"));

        assertThat(deadLetters.list("parcel-shipped")).extracting(DeadLetter::eventId).containsExactly("e-2", "e-3");
        assertThat(deadLetters.list("elsewhere")).isEmpty();
    }

    @Test
    @DisplayName("republish sends the event with its headers and the attempts, then forgets the letter")
    void republish() {
        deadLetters.add(letter("e-1"));
        DeadLetter kept = deadLetters.list("parcel-shipped").get(0);

        PublishReceipt receipt = deadLetters.republish(kept).join();

        assertThat(receipt.eventId()).isEqualTo("e-1");
        assertThat(republished).singleElement().isEqualTo(Map.of("tenant", "t1", DeadLetters.REPUBLISHED_HEADER, "3"));
        assertThat(deadLetters.list("parcel-shipped")).isEmpty();
        assertThat(deadLetters.republish(kept)).failsWithin(java.time.Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(PublishFailedException.class)
                .withMessageContaining("no longer kept");
    }
}

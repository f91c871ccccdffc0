package dev.eventport.ports.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventport.ports.BackendObserver;
import dev.eventport.ports.Subscription;
import dev.eventport.ports.spi.BackendObserversTest.NamedSubscription;
import dev.eventport.ports.spi.ConsumerSupervisor.RestartPolicy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Consumer supervisor")
class ConsumerSupervisorTest {

    private static final RestartPolicy QUICK = new RestartPolicy(3, Duration.ofMillis(10), 2.0, Duration.ofMillis(50),
            Duration.ofMinutes(1));

    private final BackendObservers observers = new BackendObservers("test");
    private final NamedSubscription subscription = new NamedSubscription("billing");
    private final List<String> heard = new CopyOnWriteArrayList<>();

    ConsumerSupervisorTest() {
        observers.add(new BackendObserver() {
            @Override
            public void consumerRestarted(Subscription s, Throwable cause, int restartInRow, Duration delay) {
                heard.add("restarted " + s.name() + " " + restartInRow + " " + cause.getMessage());
            }

            @Override
            public void subscriptionFailed(Subscription s, Throwable cause) {
                heard.add("failed " + s.name() + " " + cause.getMessage());
            }
        });
    }

    @Test
    @DisplayName("a loop that dies of an Error is restarted, reported, and runs again")
    void restartsAfterError() throws Exception {
        AtomicInteger lives = new AtomicInteger();
        CountDownLatch secondLife = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConsumerSupervisor supervisor = new ConsumerSupervisor(subscription, "consumer-0", QUICK, observers, true, () -> {
            if (lives.incrementAndGet() == 1) {
                throw new StackOverflowError("deep handler");
            }
            secondLife.countDown();
            release.await();
        });

        supervisor.start();

        assertThat(secondLife.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(heard).containsExactly("restarted billing 1 deep handler");
        assertThat(supervisor.restarts()).isEqualTo(1);
        assertThat(supervisor.failure()).isEmpty();
        assertThat(observers.subscriptionProblems()).isEmpty();
        supervisor.stop();
        release.countDown();
        assertThat(supervisor.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    @DisplayName("a loop that keeps dying fails its subscription with the cause, named in the health until stopped")
    void givesUp() throws Exception {
        ConsumerSupervisor supervisor = new ConsumerSupervisor(subscription, "consumer-0", QUICK, observers, true, () -> {
            throw new IllegalStateException("broken client");
        });

        supervisor.start();

        assertThat(supervisor.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(supervisor.failure()).get().extracting(Throwable::getMessage).isEqualTo("broken client");
        assertThat(heard).containsExactly("restarted billing 1 broken client", "restarted billing 2 broken client",
                "restarted billing 3 broken client", "failed billing broken client");
        assertThat(observers.subscriptionProblems()).singleElement().asString()
                .contains("'billing'", "has failed", "4 times in a row", "broken client", "subscribe again");
        supervisor.stop();
        assertThat(observers.subscriptionProblems()).isEmpty();
    }

    @Test
    @DisplayName("while it waits to restart, the health names the cause; a stop ends the wait and restarts nothing")
    void stopDuringWait() throws Exception {
        RestartPolicy slow = new RestartPolicy(3, Duration.ofMinutes(5), 2.0, Duration.ofMinutes(5), Duration.ofMinutes(1));
        AtomicInteger lives = new AtomicInteger();
        ConsumerSupervisor supervisor = new ConsumerSupervisor(subscription, "consumer-0", slow, observers, true, () -> {
            lives.incrementAndGet();
            throw new IllegalStateException("connection lost");
        });

        supervisor.start();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(observers.subscriptionProblems())
                .singleElement().asString().contains("consumer-0 died and restarts in 300000 ms", "connection lost"));
        supervisor.stop();
        assertThat(supervisor.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(lives).hasValue(1);
        assertThat(observers.subscriptionProblems()).isEmpty();
    }

    @Test
    @DisplayName("a loop that returns although it was not stopped counts as a death")
    void returnWithoutStop() throws Exception {
        AtomicInteger lives = new AtomicInteger();
        CountDownLatch secondLife = new CountDownLatch(1);
        ConsumerSupervisor supervisor = new ConsumerSupervisor(subscription, "consumer-0", QUICK, observers, true, () -> {
            if (lives.incrementAndGet() == 2) {
                secondLife.countDown();
            }
        });

        supervisor.start();

        assertThat(secondLife.await(10, TimeUnit.SECONDS)).isTrue();
        supervisor.stop();
        assertThat(supervisor.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(heard.get(0)).contains("returned although the subscription was not closed");
    }

    @Test
    @DisplayName("restart waits grow by the multiplier up to the maximum")
    void backoff() {
        RestartPolicy policy = new RestartPolicy(10, Duration.ofMillis(100), 2.0, Duration.ofMillis(500), Duration.ZERO);
        assertThat(List.of(policy.delayBefore(1), policy.delayBefore(2), policy.delayBefore(3), policy.delayBefore(4)))
                .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                        Duration.ofMillis(500));
    }
}

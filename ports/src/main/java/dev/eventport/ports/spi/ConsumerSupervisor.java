package dev.eventport.ports.spi;

import dev.eventport.ports.Subscription;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one consumer loop of a subscription alive on a thread of its own, the same way on every backend (SPI, for
 * backend authors): a loop that dies is restarted with backoff and said so, and one that keeps dying fails its
 * subscription visibly.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start()} starts the thread, which calls {@link ConsumerLoop#run()}. The loop runs until the backend
 *       asks it to stop (its own stop signal, after {@link #stop()}) and then returns.</li>
 *   <li>When the loop throws anything, {@link Error}s included, or returns although {@link #stop()} was not called,
 *       that life of the loop has died: the supervisor logs it at ERROR with the cause, reports
 *       {@link dev.eventport.ports.BackendObserver#consumerRestarted} and, while it waits before the restart, names
 *       the cause in {@link BackendObservers#subscriptionProblems()} (so that {@code health()} says so). Then it
 *       calls {@code run()} again: each life sets up what it consumes with (a client, a session) and releases it
 *       when it ends, and must redeliver whatever the dead life had not finished.</li>
 *   <li>The waits grow per {@link RestartPolicy}; a life that ran longer than {@link RestartPolicy#healthyAfter()}
 *       starts the count again. After {@link RestartPolicy#maxRestarts()} deaths in a row the supervisor gives up:
 *       {@link #failure()} holds the last cause, it is logged at ERROR and reported through
 *       {@link dev.eventport.ports.BackendObserver#subscriptionFailed}, and the subscription stays named as failed
 *       in the health until it is closed.</li>
 *   <li>{@link #stop()} ends a wait before a restart at once and prevents any further restart; a loop that dies
 *       while stopping is logged and not restarted. After {@code stop()} the supervisor names no problem.</li>
 * </ul>
 * Thread safe.
 */
public final class ConsumerSupervisor {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerSupervisor.class);

    /** One life of a consumer loop: runs until asked to stop, then returns; throwing means it died. */
    @FunctionalInterface
    public interface ConsumerLoop {

        /** Consumes until the backend's stop signal; sets up and releases its own resources. */
        void run() throws Exception;
    }

    /**
     * How a supervisor restarts a dying loop.
     *
     * @param maxRestarts  restarts in a row before giving up (0: fail at the first death)
     * @param initialDelay the wait before the first restart
     * @param multiplier   the factor between one wait and the next
     * @param maxDelay     the longest wait
     * @param healthyAfter a life that ran at least this long resets the count of deaths in a row
     */
    public record RestartPolicy(int maxRestarts, Duration initialDelay, double multiplier, Duration maxDelay,
                                Duration healthyAfter) {

        /** 10 restarts in a row, waiting 100 ms, then twice as long each time, at most 10 s; a life of 60 s resets. */
        public static final RestartPolicy DEFAULT = new RestartPolicy(10, Duration.ofMillis(100), 2.0,
                Duration.ofSeconds(10), Duration.ofSeconds(60));

        /** Checks the values. */
        public RestartPolicy {
            if (maxRestarts < 0 || initialDelay.isNegative() || multiplier < 1.0 || maxDelay.compareTo(initialDelay) < 0
                    || healthyAfter.isNegative()) {
                throw new IllegalArgumentException("Invalid restart policy " + maxRestarts + ", " + initialDelay + ", "
                        + multiplier + ", " + maxDelay + ", " + healthyAfter
                        + ": restarts and delays must not be negative, multiplier >= 1, maxDelay >= initialDelay");
            }
        }

        /** The wait before restart number {@code restart} (1 for the first). */
        Duration delayBefore(int restart) {
            double nanos = initialDelay.toNanos() * Math.pow(multiplier, restart - 1);
            return nanos >= maxDelay.toNanos() ? maxDelay : Duration.ofNanos((long) nanos);
        }
    }

    private final Subscription subscription;
    private final String consumer;
    private final RestartPolicy policy;
    private final BackendObservers observers;
    private final ConsumerLoop loop;
    private final Thread thread;
    private final Object lock = new Object();
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile int restarts;

    /**
     * A supervisor of {@code loop}, one consumer (named {@code consumer}, which is also its thread's name) of
     * {@code subscription}, restarting it per {@code policy} and reporting to {@code observers}; a {@code daemon}
     * thread does not keep the JVM alive.
     */
    public ConsumerSupervisor(Subscription subscription, String consumer, RestartPolicy policy,
                              BackendObservers observers, boolean daemon, ConsumerLoop loop) {
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.observers = Objects.requireNonNull(observers, "observers");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.thread = new Thread(this::supervise, consumer);
        this.thread.setDaemon(daemon);
    }

    /** Starts the consumer's thread. */
    public void start() {
        thread.start();
    }

    /**
     * Prevents any further restart and ends a wait before one; the loop itself stops on the backend's own signal.
     * Idempotent.
     */
    public void stop() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
            observers.consumerProblem(this, null);
        }
    }

    /** Waits up to {@code timeout} for the consumer's thread to end; whether it did. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    /** Whether {@code thread} is this consumer's thread (for code that must know whether it runs inside the loop). */
    public boolean isConsumerThread(Thread candidate) {
        return candidate == thread;
    }

    /** The cause the supervisor gave up on, empty while it keeps the loop alive. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** How many times the loop was restarted since it started. */
    public int restarts() {
        return restarts;
    }

    private void supervise() {
        int deathsInRow = 0;
        while (true) {
            long startedAt = System.nanoTime();
            Throwable death;
            try {
                loop.run();
                if (stopping) {
                    return;
                }
                death = new IllegalStateException("the consumer loop returned although the subscription was not closed");
            } catch (Throwable thrown) {
                death = thrown;
            }
            if (stopping) {
                LOG.warn("{}: consumer {} of subscription '{}' on '{}' failed while stopping: {}", observers.backend(),
                        consumer, subscription.name(), subscription.destination(), death.toString(), death);
                return;
            }
            deathsInRow = System.nanoTime() - startedAt >= policy.healthyAfter().toNanos() ? 1 : deathsInRow + 1;
            if (deathsInRow > policy.maxRestarts()) {
                giveUp(death, deathsInRow);
                return;
            }
            if (!restartAfterWait(death, deathsInRow)) {
                return;
            }
        }
    }

    /** Reports the death, waits before the restart; false when stopped meanwhile. */
    private boolean restartAfterWait(Throwable death, int deathsInRow) {
        Duration delay = policy.delayBefore(deathsInRow);
        LOG.error("{}: consumer {} of subscription '{}' on '{}' died ({} of at most {} restarts in a row); restarting "
                        + "in {} ms; what it had not finished is delivered again: {}", observers.backend(), consumer,
                subscription.name(), subscription.destination(), deathsInRow, policy.maxRestarts(), delay.toMillis(),
                death.toString(), death);
        report("subscription '" + subscription.name() + "' on '" + subscription.destination() + "': consumer "
                + consumer + " died and restarts in " + delay.toMillis() + " ms: " + death);
        observers.consumerRestarted(subscription, death, deathsInRow, delay);
        long deadline = System.nanoTime() + delay.toNanos();
        synchronized (lock) {
            long left;
            while (!stopping && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    LOG.warn("{}: consumer {} of subscription '{}' interrupted while waiting to restart; restarting now",
                            observers.backend(), consumer, subscription.name());
                    break;
                }
            }
        }
        if (stopping) {
            return false;
        }
        restarts++;
        report(null);
        return true;
    }

    private void giveUp(Throwable death, int deaths) {
        failure = death;
        LOG.error("{}: consumer {} of subscription '{}' on '{}' died {} times in a row and is not restarted again: the "
                        + "subscription has failed; fix the cause, then close it and subscribe again: {}",
                observers.backend(), consumer, subscription.name(), subscription.destination(), deaths, death.toString(),
                death);
        report("subscription '" + subscription.name() + "' on '" + subscription.destination() + "' has failed: consumer "
                + consumer + " died " + deaths + " times in a row, last: " + death
                + "; fix the cause, then close the subscription and subscribe again");
        observers.subscriptionFailed(subscription, death);
    }

    /** Names this consumer's problem in the health (null: none), unless it was stopped: a closed one has none. */
    private void report(String problem) {
        synchronized (lock) {
            if (!stopping) {
                observers.consumerProblem(this, problem);
            }
        }
    }
}

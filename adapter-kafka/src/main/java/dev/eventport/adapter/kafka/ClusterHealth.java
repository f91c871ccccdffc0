package dev.eventport.adapter.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one backend knows about its cluster, kept up to date in the background so that a health check never waits
 * on the network: the last cluster round trip that answered (a probe every {@link KafkaConfig#LAG_INTERVAL}, and
 * every lag measurement), the failure of the probes since then, and the last publish that failed for want of a
 * broker. Thread safe; {@link #problems} reads volatile fields only.
 */
final class ClusterHealth {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterHealth.class);
    private static final Duration MIN_PROBE_TIMEOUT = Duration.ofSeconds(1);

    /** A failure and the moment since which things have been failing. */
    private record Failure(Instant since, Throwable cause) {
    }

    private final KafkaConfig config;
    private final Admin admin;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Void> firstAnswer = new CompletableFuture<>();
    private volatile Instant lastAnswer;
    private volatile Failure clusterFailure;
    private volatile Failure publishFailure;
    private volatile boolean stopped;

    ClusterHealth(KafkaConfig config, Admin admin, ScheduledExecutorService scheduler) {
        this.config = config;
        this.admin = admin;
        this.scheduler = scheduler;
    }

    /** Starts probing the cluster now and then every lag interval, one probe at a time. */
    void start() {
        probe();
    }

    /** Stops probing. */
    void stop() {
        stopped = true;
    }

    private void probe() {
        if (stopped) {
            return;
        }
        Duration timeout = config.lagInterval().compareTo(MIN_PROBE_TIMEOUT) > 0 ? config.lagInterval() : MIN_PROBE_TIMEOUT;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) Math.min(timeout.toMillis(), config.operationTimeout().toMillis())))
                    .clusterId().whenComplete((id, failure) -> {
                        if (failure == null) {
                            answered();
                        } else {
                            failed(failure);
                        }
                        scheduleNextProbe();
                    });
        } catch (KafkaException e) {
            failed(e);
            scheduleNextProbe();
        }
    }

    private void scheduleNextProbe() {
        if (stopped) {
            return;
        }
        try {
            scheduler.schedule(this::probe, config.lagInterval().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the backend is closing
        }
    }

    /** The cluster answered a request just now. */
    void answered() {
        Failure previous = clusterFailure;
        lastAnswer = Instant.now();
        clusterFailure = null;
        firstAnswer.complete(null);
        if (previous != null) {
            LOG.info("Kafka cluster at {} answers again (it had not since {})", config.bootstrapServers(), previous.since());
        }
    }

    private void failed(Throwable failure) {
        Throwable cause = failure instanceof ExecutionException || failure instanceof CompletionException
                ? failure.getCause() : failure;
        Failure previous = clusterFailure;
        clusterFailure = new Failure(previous == null ? Instant.now() : previous.since(), cause);
        firstAnswer.complete(null);
        if (previous == null) {
            LOG.warn("Kafka cluster at {} does not answer: {}", config.bootstrapServers(), config.secretFree(cause.toString()));
        }
    }

    /** A publish failed; remembered when the failure means that no broker could take it. */
    void publishFailed(Throwable failure) {
        if (failure instanceof RetriableException || failure instanceof AuthenticationException
                || failure instanceof org.apache.kafka.common.errors.TimeoutException) {
            publishFailure = new Failure(Instant.now(), failure);
        }
    }

    /** Waits at most {@code wait} for the first probe's answer, so that a backend just opened can tell. */
    void awaitFirstAnswer(Duration wait) {
        try {
            firstAnswer.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // answered from what is known
        }
    }

    /** What stops talking to the cluster now; empty when its last round trip answered. */
    List<String> clusterProblems() {
        List<String> problems = new ArrayList<>();
        Failure failure = clusterFailure;
        Instant answered = lastAnswer;
        if (failure != null) {
            problems.add(describe(failure));
        } else if (answered == null) {
            problems.add("broker unreachable at " + config.bootstrapServers() + ": no answer yet");
        }
        return problems;
    }

    /** What stops publishing now: the cluster's problems, or a publish that failed for want of a broker since its last answer. */
    List<String> publishProblems() {
        List<String> problems = clusterProblems();
        Failure failure = publishFailure;
        Instant answered = lastAnswer;
        if (problems.isEmpty() && failure != null && (answered == null || failure.since().isAfter(answered))) {
            problems.add(failure.cause() instanceof AuthenticationException ? describe(failure)
                    : "publishing to the Kafka cluster at " + config.bootstrapServers() + " failed at " + failure.since() + ": "
                    + config.secretFree(failure.cause().toString()));
        }
        return problems;
    }

    private String describe(Failure failure) {
        String cause = config.secretFree(String.valueOf(failure.cause()));
        if (failure.cause() instanceof AuthenticationException) {
            return "authentication failed since " + failure.since() + ": "
                    + KafkaAuthenticationFailure.of(failure.cause(), config).orElseThrow().getMessage();
        }
        return "broker unreachable at " + config.bootstrapServers() + " since " + failure.since() + ": " + cause
                + ". Check that the cluster runs and that this host can reach it";
    }
}

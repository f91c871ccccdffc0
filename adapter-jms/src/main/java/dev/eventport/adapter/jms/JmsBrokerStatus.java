package dev.eventport.adapter.jms;

import dev.eventport.ports.ConfigurationException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a JMS backend knows about its broker right now, kept by one monitoring connection: reachable, unreachable
 * since when and why, or refusing the credentials. On Artemis the connection's failover events tell at once when the
 * broker goes away and when the client reconnected; on other providers its exception listener does. When there is no
 * monitoring connection (the broker was down or refused it), {@link #problems()} tries once more in the background
 * and waits at most {@value #PROBE_WAIT_MILLIS} ms for the answer, so it never hangs.
 */
final class JmsBrokerStatus implements AutoCloseable {

    static final long PROBE_WAIT_MILLIS = 800;

    private static final Logger LOG = LoggerFactory.getLogger(JmsBrokerStatus.class);

    private final JmsBackend backend;
    private final ExecutorService prober;
    private volatile String problem;
    private volatile boolean authenticationFailed;
    private volatile String authenticationDetail;
    private Connection monitor;
    private Future<?> probing;
    private boolean closed;

    JmsBrokerStatus(JmsBackend backend, ExecutorService prober) {
        this.backend = backend;
        this.prober = prober;
    }

    /**
     * Opens the monitoring connection now; a refused user is a configuration error, an unreachable broker only a
     * problem reported by {@link #problems()} (the backend connects when the broker is back).
     */
    void start() {
        probe();
        if (authenticationFailed) {
            throw new ConfigurationException("The JMS broker at " + backend.where() + " refused the user "
                    + backend.config().user().map(user -> "'" + user + "'").orElse("(none configured)")
                    + ": authentication failed (" + authenticationDetail + "). Fix " + JmsConfig.USER + " and "
                    + JmsConfig.PASSWORD + ", or the broker's users.");
        }
    }

    /** What stops publishing and consuming, empty when the broker is reachable with the configured user. */
    List<String> problems() {
        Future<?> pending = null;
        synchronized (this) {
            if (monitor == null && !closed) {
                if (probing == null || probing.isDone()) {
                    try {
                        probing = prober.submit(this::probe);
                    } catch (RejectedExecutionException e) {
                        return List.of("the JMS backend is closed");
                    }
                }
                pending = probing;
            }
        }
        if (pending != null) {
            try {
                pending.get(PROBE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (problem == null) {
                    return List.of("the JMS broker at " + backend.where() + " did not answer a connection attempt within "
                            + PROBE_WAIT_MILLIS + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                LOG.debug("The broker probe failed", e);
            }
        }
        String current = problem;
        return current == null ? List.of() : List.of(current);
    }

    /** Whether the broker is known to be unreachable or to refuse the user (the lag is not measured then). */
    boolean isDown() {
        return problem != null;
    }

    private void probe() {
        synchronized (this) {
            if (monitor != null || closed) {
                return;
            }
        }
        Connection connection;
        try {
            connection = backend.connect();
        } catch (JMSSecurityException e) {
            authenticationFailed = true;
            authenticationDetail = e.getMessage();
            problem = "authentication failed for user " + backend.config().user().map(u -> "'" + u + "'").orElse("(none)")
                    + " at " + backend.where() + ": " + e.getMessage() + " (check " + JmsConfig.USER + " and "
                    + JmsConfig.PASSWORD + ")";
            return;
        } catch (JMSException | RuntimeException e) {
            unreachable(e.getMessage());
            return;
        }
        try {
            connection.setExceptionListener(e -> lost(connection, e.getMessage()));
            if (connection instanceof ActiveMQConnection artemis) {
                artemis.setFailoverListener(event -> {
                    if (event == FailoverEventType.FAILURE_DETECTED) {
                        unreachable("the connection was lost; the client is reconnecting");
                    } else if (event == FailoverEventType.FAILOVER_COMPLETED) {
                        reachable();
                    } else {
                        lost(connection, "reconnecting failed");
                    }
                });
            }
        } catch (JMSException | RuntimeException e) {
            JmsBackend.closeQuietly(connection);
            unreachable(e.getMessage());
            return;
        }
        synchronized (this) {
            if (closed) {
                JmsBackend.closeQuietly(connection);
                return;
            }
            monitor = connection;
        }
        reachable();
    }

    private void lost(Connection connection, String why) {
        synchronized (this) {
            if (monitor == connection) {
                monitor = null;
            }
        }
        JmsBackend.closeQuietly(connection);
        unreachable(why);
    }

    private void unreachable(String why) {
        if (problem == null || authenticationFailed) {
            authenticationFailed = false;
            problem = "broker unreachable at " + backend.where() + " since " + Instant.now() + ": " + why;
            LOG.warn("jms: {}", problem);
        }
    }

    private void reachable() {
        authenticationFailed = false;
        if (problem != null) {
            problem = null;
            LOG.info("jms: the broker at {} is reachable again", backend.where());
        }
    }

    @Override
    public void close() {
        Connection connection;
        synchronized (this) {
            closed = true;
            connection = monitor;
            monitor = null;
        }
        JmsBackend.closeQuietly(connection);
    }
}

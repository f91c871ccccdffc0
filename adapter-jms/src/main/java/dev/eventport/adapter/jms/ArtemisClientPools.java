package dev.eventport.adapter.jms;

import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.utils.ActiveMQThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread pools of one backend's Artemis connection factory, owned by the backend instead of by the factory.
 *
 * <p>A factory that owns its pools shuts them down as it closes, while Netty still reports the closing of its
 * channels; each report is then refused and Artemis logs an {@code AMQ214015 RejectedExecutionException} ERROR.
 * These pools are closed after the factory and quietly drop (at DEBUG) what arrives after that: only the notices of
 * connections already closed. Their threads are daemons, so they never keep a JVM alive.
 */
final class ArtemisClientPools implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArtemisClientPools.class);
    private static final int SCHEDULED_THREADS = 2;

    private final ThreadPoolExecutor work;
    private final ThreadPoolExecutor flowControl;
    private final ScheduledThreadPoolExecutor scheduled;
    private final ActiveMQConnectionFactory factory;

    private ArtemisClientPools(ActiveMQConnectionFactory factory) {
        this.factory = factory;
        RejectedExecutionHandler dropAfterClose = (task, pool) -> LOG.debug("Dropped a client task after close: {}", task);
        this.work = pool("eventport-jms-client", ActiveMQClient.DEFAULT_GLOBAL_THREAD_POOL_MAX_SIZE, dropAfterClose);
        this.flowControl = pool("eventport-jms-flow", ActiveMQClient.DEFAULT_FLOW_CONTROL_THREAD_POOL_MAX_SIZE, dropAfterClose);
        this.scheduled = new ScheduledThreadPoolExecutor(SCHEDULED_THREADS, daemon("eventport-jms-client-timer"), dropAfterClose);
        this.scheduled.setRemoveOnCancelPolicy(true);
    }

    /** Gives {@code factory} these pools (before its first connection); the returned object closes both, in order. */
    static ArtemisClientPools attachTo(ActiveMQConnectionFactory factory) {
        ArtemisClientPools pools = new ArtemisClientPools(factory);
        if (!factory.getServerLocator().setThreadPools(pools.work, pools.scheduled, pools.flowControl)) {
            LOG.debug("The Artemis factory already had thread pools; it keeps its own");
        }
        return pools;
    }

    /** Closes the factory, then the pools. */
    @Override
    public void close() {
        try {
            factory.close();
        } finally {
            scheduled.shutdown();
            flowControl.shutdown();
            work.shutdown();
        }
    }

    /**
     * A pool like Artemis's global ones, and as large: it reuses idle threads and queues when {@code maxThreads} are
     * busy. (A cached pool, which hands each task to a waiting thread or starts one, cost about 15% of the persistent
     * publish rate: Artemis submits a task for every confirmation.)
     */
    private static ThreadPoolExecutor pool(String prefix, int maxThreads, RejectedExecutionHandler dropAfterClose) {
        ThreadPoolExecutor pool = new ActiveMQThreadPoolExecutor(0, maxThreads, 60, TimeUnit.SECONDS, daemon(prefix));
        pool.setRejectedExecutionHandler(dropAfterClose);
        return pool;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}

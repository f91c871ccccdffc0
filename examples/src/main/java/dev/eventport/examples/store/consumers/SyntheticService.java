package dev.eventport.examples.store.consumers;

import dev.eventport.domain.OrderCreated;
import java.util.concurrent.atomic.LongAdder;

/**
 * A consumer beyond the story's seven, for workloads that declare their own services or measure how a backend
 * scales with the number of consumers; its state is the number of orders it has seen.
 */
public final class SyntheticService extends DownstreamService {

    private final LongAdder seen = new LongAdder();

    /** A service subscribed as {@code name}, behaving as {@code behaviour}. */
    public SyntheticService(String name, Behaviour behaviour) {
        super(name, behaviour);
    }

    @Override
    protected void apply(OrderCreated order) {
        seen.increment();
    }

    @Override
    public String describeState() {
        return seen.sum() + " orders seen";
    }
}

package dev.eventport.examples.store.consumers;

import dev.eventport.domain.OrderCreated;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Counts orders and revenue; its state is the totals. */
public final class AnalyticsService extends DownstreamService {

    private final LongAdder orders = new LongAdder();
    private final AtomicReference<BigDecimal> revenue = new AtomicReference<>(BigDecimal.ZERO);

    /** The analytics service with the given behaviour. */
    public AnalyticsService(Behaviour behaviour) {
        super("analytics", behaviour);
    }

    @Override
    protected void apply(OrderCreated order) {
        orders.increment();
        revenue.accumulateAndGet(order.total().amount(), BigDecimal::add);
    }

    /** The revenue counted, all currencies summed. */
    public BigDecimal revenue() {
        return revenue.get();
    }

    /** The orders counted. */
    public long orders() {
        return orders.sum();
    }

    @Override
    public String describeState() {
        return orders.sum() + " orders, revenue " + revenue.get().toPlainString();
    }
}

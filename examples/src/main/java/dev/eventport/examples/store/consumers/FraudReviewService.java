package dev.eventport.examples.store.consumers;

import dev.eventport.domain.OrderCreated;
import java.math.BigDecimal;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Flags orders above a threshold for manual review; its state is the flagged orders. */
public final class FraudReviewService extends DownstreamService {

    private final BigDecimal threshold;
    private final Set<String> flagged = ConcurrentHashMap.newKeySet();
    private final LongAdder reviewed = new LongAdder();

    /** The fraud review service; orders whose total exceeds {@code threshold} are flagged. */
    public FraudReviewService(Behaviour behaviour, BigDecimal threshold) {
        super("fraud-review", behaviour);
        this.threshold = threshold;
    }

    @Override
    protected void apply(OrderCreated order) {
        reviewed.increment();
        if (order.total().amount().compareTo(threshold) > 0) {
            flagged.add(order.orderId());
        }
    }

    /** Whether an order was flagged. */
    public boolean isFlagged(String orderId) {
        return flagged.contains(orderId);
    }

    @Override
    public String describeState() {
        return reviewed.sum() + " orders reviewed, " + flagged.size() + " flagged";
    }
}

package dev.eventport.examples.store.consumers;

import dev.eventport.domain.OrderCreated;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Grants one loyalty point per whole unit of currency spent; its state is the points per customer. */
public final class LoyaltyService extends DownstreamService {

    private final Map<String, Long> points = new ConcurrentHashMap<>();

    /** The loyalty service with the given behaviour. */
    public LoyaltyService(Behaviour behaviour) {
        super("loyalty", behaviour);
    }

    @Override
    protected void apply(OrderCreated order) {
        points.merge(order.customerId(), order.total().amount().longValue(), Long::sum);
    }

    /** The points of a customer. */
    public long pointsOf(String customerId) {
        return points.getOrDefault(customerId, 0L);
    }

    @Override
    public String describeState() {
        return points.values().stream().mapToLong(Long::longValue).sum() + " points granted to " + points.size() + " customers";
    }
}

package dev.eventport.examples.store.consumers;

import dev.eventport.domain.OrderCreated;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Creates pick lists; its state is the number of items to pick, by order. */
public final class WarehouseService extends DownstreamService {

    private final Map<String, Integer> pickLists = new ConcurrentHashMap<>();

    /** The warehouse service with the given behaviour. */
    public WarehouseService(Behaviour behaviour) {
        super("warehouse", behaviour);
    }

    @Override
    protected void apply(OrderCreated order) {
        pickLists.put(order.orderId(), order.lines().stream().mapToInt(l -> l.quantity()).sum());
    }

    /** The items to pick for an order, or 0. */
    public int itemsToPick(String orderId) {
        return pickLists.getOrDefault(orderId, 0);
    }

    @Override
    public String describeState() {
        return pickLists.size() + " pick lists";
    }
}

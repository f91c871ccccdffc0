package dev.eventport.examples.store.consumers;

import dev.eventport.domain.OrderCreated;
import dev.eventport.domain.OrderLine;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reserves stock; its state is the quantity reserved per SKU. */
public final class InventoryService extends DownstreamService {

    private final Map<String, Long> reserved = new ConcurrentHashMap<>();

    /** The inventory service with the given behaviour. */
    public InventoryService(Behaviour behaviour) {
        super("inventory", behaviour);
    }

    @Override
    protected void apply(OrderCreated order) {
        for (OrderLine line : order.lines()) {
            reserved.merge(line.sku(), (long) line.quantity(), Long::sum);
        }
    }

    /** The quantity reserved for a SKU. */
    public long reservedOf(String sku) {
        return reserved.getOrDefault(sku, 0L);
    }

    @Override
    public String describeState() {
        return reserved.values().stream().mapToLong(Long::longValue).sum() + " units reserved over " + reserved.size() + " SKUs";
    }
}

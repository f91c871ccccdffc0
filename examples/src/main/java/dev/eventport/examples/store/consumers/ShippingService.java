package dev.eventport.examples.store.consumers;

import dev.eventport.domain.OrderCreated;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Books a parcel per order; its state is the parcel booked, by order. */
public final class ShippingService extends DownstreamService {

    private final Map<String, String> parcels = new ConcurrentHashMap<>();

    /** The shipping service with the given behaviour. */
    public ShippingService(Behaviour behaviour) {
        super("shipping", behaviour);
    }

    @Override
    protected void apply(OrderCreated order) {
        parcels.put(order.orderId(), "parcel-" + order.orderId());
    }

    /** The parcel booked for an order, or null. */
    public String parcelFor(String orderId) {
        return parcels.get(orderId);
    }

    @Override
    public String describeState() {
        return parcels.size() + " parcels booked";
    }
}

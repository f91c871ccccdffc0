package dev.eventport.examples.comparison;

import dev.eventport.examples.store.consumers.AnalyticsService;
import dev.eventport.examples.store.consumers.Behaviour;
import dev.eventport.examples.store.consumers.DownstreamService;
import dev.eventport.examples.store.consumers.EmailService;
import dev.eventport.examples.store.consumers.FraudReviewService;
import dev.eventport.examples.store.consumers.InventoryService;
import dev.eventport.examples.store.consumers.LoyaltyService;
import dev.eventport.examples.store.consumers.ShippingService;
import dev.eventport.examples.store.consumers.SyntheticService;
import dev.eventport.examples.store.consumers.WarehouseService;
import java.math.BigDecimal;

/** Turns a workload's consumer specs into the store's services: the story's names get the story's services. */
final class Services {

    private Services() {
    }

    /** The service for {@code spec}, behaving as {@code behaviour}. */
    static DownstreamService create(ConsumerSpec spec, Behaviour behaviour) {
        return switch (spec.name()) {
            case "email" -> new EmailService(behaviour);
            case "inventory" -> new InventoryService(behaviour);
            case "warehouse" -> new WarehouseService(behaviour);
            case "loyalty" -> new LoyaltyService(behaviour);
            case "analytics" -> new AnalyticsService(behaviour);
            case "fraud-review" -> new FraudReviewService(behaviour, new BigDecimal("500"));
            case "shipping" -> new ShippingService(behaviour);
            default -> new SyntheticService(spec.name(), behaviour);
        };
    }

    /** The behaviour a spec declares, with failures decided by {@code seed}. */
    static Behaviour behaviourOf(ConsumerSpec spec, long seed) {
        return new Behaviour(spec.latency(), spec.failureRate(), false, seed);
    }
}

package dev.eventport.testkit.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Decides, from the plan's seed, which fault hits each publish and delivery, and records what it injected. */
final class FaultInjector {

    private final ChaosPlan plan;
    private final Dice dice;
    private final Map<String, String> places = new LinkedHashMap<>();
    private final Map<String, AtomicInteger> occurrences = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faultsPerEvent = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Fault> injected = new ConcurrentLinkedQueue<>();

    FaultInjector(ChaosPlan plan) {
        this.plan = plan;
        this.dice = new Dice(plan.seed());
    }

    /**
     * The place of subscription {@code name} for the dice: "subscription-N", N counting the distinct names in the
     * order they were first subscribed, so that generated (random) subscription names replay the same faults.
     */
    synchronized String placeOf(String name) {
        return places.computeIfAbsent(name, n -> "subscription-" + (places.size() + 1));
    }

    ChaosPlan plan() {
        return plan;
    }

    /** The fault for the next delivery of {@code eventId} to {@code subscription}, if any. */
    Optional<Fault> nextDelivery(String subscription, String eventId) {
        int occurrence = nextOccurrence(subscription, eventId);
        double u = dice.roll(subscription, eventId, occurrence);
        double bound = plan.duplicateRate();
        if (u < bound) {
            return record(new Fault(Fault.Kind.DUPLICATE_DELIVERY, eventId, subscription, occurrence));
        }
        bound += plan.crashBeforeRate();
        if (u < bound) {
            return capped(new Fault(Fault.Kind.CRASH_BEFORE_EFFECT, eventId, subscription, occurrence));
        }
        bound += plan.crashAfterRate();
        if (u < bound) {
            return capped(new Fault(Fault.Kind.CRASH_AFTER_EFFECT, eventId, subscription, occurrence));
        }
        bound += plan.delayRate();
        if (u < bound) {
            return record(new Fault(Fault.Kind.DELAY, eventId, subscription, occurrence));
        }
        return Optional.empty();
    }

    /** The fault for the next publish of {@code eventId}, if any. */
    Optional<Fault> nextPublish(String eventId) {
        int occurrence = nextOccurrence(Fault.PUBLISH, eventId);
        if (dice.roll(Fault.PUBLISH, eventId, occurrence) >= plan.publishFailureRate()) {
            return Optional.empty();
        }
        Fault.Kind kind = switch ((int) Long.remainderUnsigned(dice.bits("publish-kind", eventId, occurrence), 3)) {
            case 0 -> Fault.Kind.PUBLISH_FAILED_FUTURE;
            case 1 -> Fault.Kind.PUBLISH_THROWN;
            default -> Fault.Kind.PUBLISH_LOST_ACK;
        };
        return capped(new Fault(kind, eventId, Fault.PUBLISH, occurrence));
    }

    /** The length of an injected delay, from 1 ms to the plan's longest, fixed by the fault's coordinates. */
    Duration delayOf(Fault fault) {
        long longest = Math.max(1, plan.maxDelay().toMillis());
        long bits = dice.bits("delay", fault.eventId() + '\u0000' + fault.place(), fault.occurrence());
        return Duration.ofMillis(1 + Long.remainderUnsigned(bits, longest));
    }

    List<Fault> injected() {
        return new ArrayList<>(injected);
    }

    Map<Fault.Kind, Integer> counts() {
        Map<Fault.Kind, Integer> counts = new EnumMap<>(Fault.Kind.class);
        for (Fault.Kind kind : Fault.Kind.values()) {
            counts.put(kind, 0);
        }
        injected.forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
        return counts;
    }

    private int nextOccurrence(String place, String eventId) {
        return occurrences.computeIfAbsent(place + '\u0000' + eventId, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Records a crash or publish failure unless the event already had the plan's most at this place. */
    private Optional<Fault> capped(Fault fault) {
        AtomicInteger count = faultsPerEvent.computeIfAbsent(fault.place() + '\u0000' + fault.eventId(), k -> new AtomicInteger());
        if (count.incrementAndGet() > plan.maxFaultsPerEvent()) {
            count.decrementAndGet();
            return Optional.empty();
        }
        return record(fault);
    }

    private Optional<Fault> record(Fault fault) {
        injected.add(fault);
        return Optional.of(fault);
    }
}

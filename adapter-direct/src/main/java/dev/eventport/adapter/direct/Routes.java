package dev.eventport.adapter.direct;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which subscription groups each destination has, in the order they were first subscribed, and the timeouts that
 * dispatch and close use.
 */
final class Routes {

    private final ConcurrentHashMap<String, Destination> destinations = new ConcurrentHashMap<>();
    private final Duration pauseTimeout;
    private final Duration closeTimeout;

    Routes(Duration pauseTimeout, Duration closeTimeout) {
        this.pauseTimeout = pauseTimeout;
        this.closeTimeout = closeTimeout;
    }

    Duration pauseTimeout() {
        return pauseTimeout;
    }

    Duration closeTimeout() {
        return closeTimeout;
    }

    /** The destination of that name, created without groups the first time. */
    Destination destination(String name) {
        return destinations.computeIfAbsent(name, Destination::new);
    }

    /** Adds the member to the group of its name on its destination, creating the group at the end if needed. */
    synchronized SubscriptionGroup join(DirectSubscription<?> member) {
        Destination destination = destination(member.destination());
        for (SubscriptionGroup group : destination.groups) {
            if (group.name().equals(member.name())) {
                group.add(member);
                return group;
            }
        }
        SubscriptionGroup group = new SubscriptionGroup(member.name());
        group.add(member);
        SubscriptionGroup[] grown = Arrays.copyOf(destination.groups, destination.groups.length + 1);
        grown[grown.length - 1] = group;
        destination.groups = grown;
        return group;
    }

    /** Removes the member; a group left empty is removed, so a later subscription of that name comes last. */
    synchronized void leave(DirectSubscription<?> member, SubscriptionGroup group) {
        if (group.remove(member)) {
            Destination destination = destination(member.destination());
            destination.groups = Arrays.stream(destination.groups).filter(g -> g != group).toArray(SubscriptionGroup[]::new);
        }
    }

    /** One destination and its groups; publishers read {@link #groups} without locking. */
    static final class Destination {
        private static final SubscriptionGroup[] NONE = new SubscriptionGroup[0];

        final String name;
        /** The groups in subscription order; replaced, never changed in place. */
        volatile SubscriptionGroup[] groups = NONE;

        Destination(String name) {
            this.name = name;
        }
    }
}

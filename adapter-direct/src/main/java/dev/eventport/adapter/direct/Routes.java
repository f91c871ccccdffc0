package dev.eventport.adapter.direct;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which subscription groups each destination has, in the order they were first subscribed, and the timeouts that
 * dispatch and close use.
 */
final class Routes {

    private final Map<String, List<SubscriptionGroup>> groupsByDestination = new ConcurrentHashMap<>();
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

    /** The groups of a destination, in subscription order; a snapshot that later changes do not affect. */
    List<SubscriptionGroup> groups(String destination) {
        List<SubscriptionGroup> groups = groupsByDestination.get(destination);
        return groups == null ? List.of() : List.copyOf(groups);
    }

    /** Adds the member to the group of its name on its destination, creating the group at the end if needed. */
    synchronized SubscriptionGroup join(DirectSubscription member) {
        List<SubscriptionGroup> groups = groupsByDestination.computeIfAbsent(member.destination(),
                d -> new CopyOnWriteArrayList<>());
        for (SubscriptionGroup group : groups) {
            if (group.name().equals(member.name())) {
                group.add(member);
                return group;
            }
        }
        SubscriptionGroup group = new SubscriptionGroup(member.name());
        group.add(member);
        groups.add(group);
        return group;
    }

    /** Removes the member; a group left empty is removed, so a later subscription of that name comes last. */
    synchronized void leave(DirectSubscription member, SubscriptionGroup group) {
        if (group.remove(member)) {
            List<SubscriptionGroup> groups = groupsByDestination.get(member.destination());
            groups.remove(group);
            if (groups.isEmpty()) {
                groupsByDestination.remove(member.destination());
            }
        }
    }
}

package dev.eventport.adapter.inmemory;

import dev.eventport.ports.ConsumerLag;
import dev.eventport.ports.StartPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The consumers of one subscription name on one destination: its members split the partitions between them, and
 * its positions outlive them (a subscription reopened under the name resumes where the last one stopped).
 *
 * <p>Partition {@code p} belongs to member {@code p mod n}, in join order; the assignment changes whenever a member
 * joins or leaves. A group without members keeps its positions but no longer holds back eviction.
 */
final class ConsumerGroup {

    private static final PartitionCursor[] NONE = new PartitionCursor[0];

    private final String name;
    private final PartitionCursor[] cursors;
    private final List<GroupMember> members = new ArrayList<>();

    ConsumerGroup(String name, Partition[] partitions) {
        this.name = name;
        this.cursors = new PartitionCursor[partitions.length];
        for (int p = 0; p < partitions.length; p++) {
            cursors[p] = new PartitionCursor(this, partitions[p]);
        }
    }

    String name() {
        return name;
    }

    /** Adds members; the first members of an idle group start at {@code start} unless the group has positions. */
    synchronized void join(List<GroupMember> joining, StartPosition start) {
        if (members.isEmpty()) {
            for (PartitionCursor cursor : cursors) {
                cursor.partition().register(cursor, start);
            }
        }
        members.addAll(joining);
        rebalance();
    }

    /** Removes members (already stopped, or stopping from inside their own handler). */
    synchronized void leave(List<GroupMember> leaving) {
        members.removeAll(leaving);
        leaving.forEach(member -> member.assign(NONE));
        if (members.isEmpty()) {
            for (PartitionCursor cursor : cursors) {
                cursor.owner(null);
                cursor.partition().unregister(cursor);
            }
        } else {
            rebalance();
        }
    }

    private void rebalance() {
        Map<GroupMember, List<PartitionCursor>> assignment = new HashMap<>();
        for (int p = 0; p < cursors.length; p++) {
            GroupMember owner = members.get(p % members.size());
            cursors[p].owner(owner);
            assignment.computeIfAbsent(owner, m -> new ArrayList<>()).add(cursors[p]);
        }
        for (GroupMember member : members) {
            member.assign(assignment.getOrDefault(member, List.of()).toArray(NONE));
        }
    }

    /** Moves every position to {@code position}, waiting for batches in flight to finish first. */
    void rewind(StartPosition position) {
        for (PartitionCursor cursor : cursors) {
            cursor.lock.lock();
            try {
                cursor.partition().rewind(cursor, position);
            } finally {
                cursor.lock.unlock();
            }
            cursor.wakeOwner();
        }
    }

    /** Unprocessed events per partition, and the age of the oldest of them (from its append time). */
    ConsumerLag lag() {
        Map<Integer, Long> byPartition = new HashMap<>();
        long oldestMicros = Long.MAX_VALUE;
        for (PartitionCursor cursor : cursors) {
            long lag = cursor.lag();
            byPartition.put(cursor.partition().index(), lag);
            if (lag > 0) {
                oldestMicros = Math.min(oldestMicros, cursor.oldestUnprocessedMicros());
            }
        }
        Optional<Duration> oldestAge = oldestMicros == Long.MAX_VALUE ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(0, Partition.nowMicros() - oldestMicros) * 1_000));
        return ConsumerLag.of(byPartition, oldestAge);
    }
}

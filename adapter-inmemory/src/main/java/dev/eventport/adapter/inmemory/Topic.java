package dev.eventport.adapter.inmemory;

import java.util.concurrent.ConcurrentHashMap;

/** One destination: its partitions and the consumer groups reading it. */
final class Topic {

    private final String destination;
    private final Partition[] partitions;
    private final ConcurrentHashMap<String, ConsumerGroup> groups = new ConcurrentHashMap<>();

    Topic(String destination, InMemoryConfig config) {
        this.destination = destination;
        this.partitions = new Partition[config.partitions()];
        for (int p = 0; p < partitions.length; p++) {
            partitions[p] = new Partition(p, config);
        }
    }

    String destination() {
        return destination;
    }

    /** The partition of an aggregate id: the same id always maps to the same partition. */
    Partition partitionFor(String aggregateId) {
        int hash = aggregateId.hashCode() * 0x9E3779B9;
        return partitions[Math.floorMod(hash ^ (hash >>> 16), partitions.length)];
    }

    /** The group of a subscription name, created without positions the first time. */
    ConsumerGroup group(String name) {
        return groups.computeIfAbsent(name, n -> new ConsumerGroup(n, partitions));
    }

    /** Wakes publishers waiting for room (on close). */
    void wakePublishers() {
        for (Partition partition : partitions) {
            partition.signalRoom();
        }
    }
}

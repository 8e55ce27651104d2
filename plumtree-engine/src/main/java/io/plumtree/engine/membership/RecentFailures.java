package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Members declared failed lately, with their last address, for the reconnect of {@link SwimConfig#reconnectInterval()}:
 * they outlive the member list, which forgets the dead after {@link SwimConfig#gossipToTheDeadTime()}, so the two
 * sides of a long partition still know whom to try when it heals. Oldest failure first (insertion order, so a seed
 * reproduces a run); bounded by {@link #MAX_ENTRIES}, beyond which the oldest is forgotten.
 */
final class RecentFailures {

    /** Most failed members remembered. */
    static final int MAX_ENTRIES = 4_096;

    /** A failed member's last address and when it was declared failed. */
    record Failure(NodeId id, String address, long failedNanos) {
    }

    private final LinkedHashMap<NodeId, Failure> failures = new LinkedHashMap<>();

    /** How many times {@link #next} was asked. */
    private long turn;

    /** When members that had failed came back, oldest first; as bounded as the failures. */
    private final ArrayDeque<Long> recoveries = new ArrayDeque<>();

    /** Remembers that {@code id} at {@code address} was declared failed at {@code now}. */
    void failed(NodeId id, String address, long now) {
        failures.remove(id);
        failures.put(id, new Failure(id, address, now));
        if (failures.size() > MAX_ENTRIES) {
            Iterator<NodeId> oldest = failures.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets {@code id}: it left. */
    void forget(NodeId id) {
        failures.remove(id);
    }

    /** Forgets {@code id}, which is alive again at {@code now}, and counts it as recovered if it was remembered. */
    void recovered(NodeId id, long now) {
        if (failures.remove(id) != null) {
            recoveries.addLast(now);
            if (recoveries.size() > MAX_ENTRIES) {
                recoveries.removeFirst();
            }
        }
    }

    /** Failed members that came back since the last {@link #expire} cutoff: a partition is healing. */
    int recoveries() {
        return recoveries.size();
    }

    /** Forgets the members that failed, and the recoveries that happened, at or before {@code cutoffNanos}. */
    void expire(long cutoffNanos) {
        while (!recoveries.isEmpty() && recoveries.peekFirst() - cutoffNanos <= 0) {
            recoveries.removeFirst();
        }
        Iterator<Map.Entry<NodeId, Failure>> it = failures.entrySet().iterator();
        while (it.hasNext()) {
            if (it.next().getValue().failedNanos() - cutoffNanos > 0) {
                return; // the rest failed later
            }
            it.remove();
        }
    }

    /** Failed members remembered. */
    int size() {
        return failures.size();
    }

    /** The next of them in turn, oldest failure first, round and round; null when there is none. */
    Failure next() {
        if (failures.isEmpty()) {
            return null;
        }
        int skip = (int) (turn++ % failures.size());
        Iterator<Failure> it = failures.values().iterator();
        for (int i = 0; i < skip; i++) {
            it.next();
        }
        return it.next();
    }
}

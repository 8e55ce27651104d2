package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One running suspicion of a member (memberlist {@code suspicion.go}): when it started, how many independent
 * members confirmed it, and so when it expires. With Lifeguard's dynamic suspicion the timeout starts at
 * {@code max} and shrinks towards {@code min} as confirmations arrive; the core reschedules its timer at each new
 * deadline and checks {@link #expired} when a timer fires.
 */
final class Suspicion {

    /** The accused incarnation; an alive message with a higher one ends the suspicion. */
    private final long incarnation;

    /** Driver time the suspicion started. */
    private final long startNanos;

    /** Confirmations after which the timeout reaches {@code min}; 0 when none are expected. */
    private final int k;

    private final long minNanos;
    private final long maxNanos;

    /** Members that accused this incarnation, the first accuser included; each counts once. */
    private final Set<NodeId> accusers = new LinkedHashSet<>();

    Suspicion(long incarnation, NodeId from, long startNanos, int k, long minNanos, long maxNanos) {
        this.incarnation = incarnation;
        this.startNanos = startNanos;
        this.k = k;
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        accusers.add(from);
    }

    long incarnation() {
        return incarnation;
    }

    /** The member that raised the suspicion. */
    NodeId firstAccuser() {
        return accusers.iterator().next();
    }

    /** Independent confirmations beyond the first accusation. */
    int confirmations() {
        return accusers.size() - 1;
    }

    /**
     * Counts an accusation by {@code from}. Returns whether it was new and counted (so it is worth gossiping on):
     * repeated accusers and confirmations beyond {@code k} do not count.
     */
    boolean confirm(NodeId from) {
        if (confirmations() >= k) {
            return false;
        }
        return accusers.add(from);
    }

    /** Driver time at which the suspicion expires, given the confirmations so far. */
    long deadlineNanos() {
        return startNanos + SwimMath.suspicionTimeoutAfterNanos(confirmations(), k, minNanos, maxNanos);
    }

    boolean expired(long nowNanos) {
        return nowNanos >= deadlineNanos();
    }
}

package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;

import java.util.ArrayDeque;

/**
 * Announced runs of messages that were not delivered here when announced, held as runs until the graft timeout has
 * passed, oldest first. Under load an announcement often overtakes the eager copy it announces; held as a run, such a
 * message costs nothing if its copy arrives in time, instead of an entry in the missing table and a timer of its own.
 * Only what is still missing when the run is due is looked at message by message. Bounded in runs.
 */
final class HeldAnnouncements {

    /** Most runs held; the caller handles further announcements at once, message by message. */
    private final int maxRuns;

    /** The runs, in arrival order, which is also the order they fall due in. */
    private final ArrayDeque<Run> runs = new ArrayDeque<>();

    HeldAnnouncements(int maxRuns) {
        this.maxRuns = maxRuns;
    }

    /**
     * Messages {@code first..last} of {@code origin}, announced by {@code from} at {@code hops}, to be looked at from
     * {@code dueNanos} on (driver time).
     */
    record Run(NodeId origin, long first, long last, NodeId from, int hops, long dueNanos) {
    }

    /**
     * Holds a run.
     *
     * @return false, holding nothing, if {@link #maxRuns} are held
     */
    boolean hold(NodeId origin, long first, long last, NodeId from, int hops, long dueNanos) {
        if (runs.size() >= maxRuns) {
            return false;
        }
        runs.addLast(new Run(origin, first, last, from, hops, dueNanos));
        return true;
    }

    /** Takes the oldest run if it is due at {@code now}, else returns null. */
    Run pollDue(long now) {
        Run r = runs.peekFirst();
        if (r == null || r.dueNanos - now > 0) {
            return null;
        }
        return runs.pollFirst();
    }

    /** When the oldest run falls due; only while {@link #isEmpty} is false. */
    long nextDueNanos() {
        return runs.getFirst().dueNanos;
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /** Runs held. */
    int size() {
        return runs.size();
    }

    /** The runs held, oldest first; read-only use. */
    Iterable<Run> runs() {
        return runs;
    }
}

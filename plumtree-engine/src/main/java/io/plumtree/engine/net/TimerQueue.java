package io.plumtree.engine.net;

import io.plumtree.engine.node.NodeTimer;

import java.util.PriorityQueue;

/**
 * The node core's timers, by deadline on the loop's monotonic clock; ties fire in the order they were scheduled.
 * Owned by the loop thread.
 */
final class TimerQueue {

    private record Entry(long deadlineNanos, long sequence, NodeTimer timer) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadlineNanos, o.deadlineNanos);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final PriorityQueue<Entry> heap = new PriorityQueue<>();
    /** Scheduling order, to break ties. */
    private long sequence;

    void schedule(long deadlineNanos, NodeTimer timer) {
        heap.add(new Entry(deadlineNanos, sequence++, timer));
    }

    /** Deadline of the next timer, or {@link Long#MAX_VALUE} if none is scheduled. */
    long nextDeadline() {
        Entry e = heap.peek();
        return e == null ? Long.MAX_VALUE : e.deadlineNanos;
    }

    /** The next timer due at {@code nowNanos}, removed, or null if none is due. */
    NodeTimer pollDue(long nowNanos) {
        Entry e = heap.peek();
        if (e == null || e.deadlineNanos - nowNanos > 0) {
            return null;
        }
        heap.poll();
        return e.timer;
    }

    int size() {
        return heap.size();
    }
}

package io.plumtree.engine.state;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Tombstones waiting for their grace to end, in the order this node learned of them. The grace is the same for all,
 * so the queue is FIFO and a round collects from its head. Bounded: past {@link #MAX_PENDING} the oldest is handed
 * out early, which costs a lagging peer a reset, never a resurrected key.
 */
final class TombstoneQueue {

    /** Most tombstones waiting; each is a few dozen bytes. */
    static final int MAX_PENDING = 1 << 20;

    /** A tombstone of {@code state}'s key at {@code version}, collectable from {@code dueNanos}. */
    record Pending(NodeState state, String key, long version, long dueNanos) {
    }

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final long graceNanos;

    TombstoneQueue(long graceNanos) {
        this.graceNanos = graceNanos;
    }

    /** Queues a tombstone learned at {@code now}; hands the oldest to {@code collect} if the queue is full. */
    void add(NodeState state, String key, long version, long now, Consumer<Pending> collect) {
        if (queue.size() >= MAX_PENDING) {
            collect.accept(queue.poll());
        }
        queue.add(new Pending(state, key, version, now + graceNanos));
    }

    /** Hands every tombstone whose grace has ended to {@code collect}, oldest first. */
    void due(long now, Consumer<Pending> collect) {
        while (!queue.isEmpty() && queue.peek().dueNanos() - now <= 0) {
            collect.accept(queue.poll());
        }
    }

    int size() {
        return queue.size();
    }
}

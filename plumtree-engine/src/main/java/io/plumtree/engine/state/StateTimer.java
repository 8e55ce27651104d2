package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;

import java.util.Objects;

/** Keys of the timers a replicated state core schedules. Timers are never cancelled: a stale one is ignored. */
public sealed interface StateTimer {

    /** Time for an exchange round: SYN to {@link StateConfig#fanout()} random live peers, tombstone collection. */
    record GossipTick() implements StateTimer {
    }

    /**
     * One of this node's keys reached its time to live: delete it if it still holds the write that set it.
     *
     * @param key     the key
     * @param version the version of the write that carried the time to live
     */
    record Expire(String key, long version) implements StateTimer {
        /** Validates the field. */
        public Expire {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * A failed member's grace may be over: drop its state if it has been dead since {@code deadSinceNanos}.
     *
     * @param node           the member
     * @param deadSinceNanos when it was reported down, to tell this failure from a later one
     */
    record DropDead(NodeId node, long deadSinceNanos) implements StateTimer {
        /** Validates the field. */
        public DropDead {
            Objects.requireNonNull(node, "node");
        }
    }
}

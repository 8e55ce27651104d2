package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;

import java.util.Objects;

/** Keys of the timers a SWIM core schedules. Timers are never cancelled: a stale one is ignored when it fires. */
public sealed interface SwimTimer {

    /** End of a probe round: conclude the outstanding probe (failed if unanswered) and probe the next member. */
    record ProbeTick() implements SwimTimer {
    }

    /**
     * The direct ping of probe {@code seq} went unanswered for a probe timeout: go indirect.
     *
     * @param seq the probe's sequence number
     */
    record ProbeTimeout(long seq) implements SwimTimer {
    }

    /**
     * An indirect probe this node runs for another member (under its own {@code seq}) timed out: send the
     * requested nack.
     *
     * @param seq this node's sequence number of the relayed ping
     */
    record IndirectTimeout(long seq) implements SwimTimer {
    }

    /** Time to send piggyback gossip to a few random members. */
    record GossipTick() implements SwimTimer {
    }

    /** Time for a push-pull state exchange with one random member. */
    record PushPullTick() implements SwimTimer {
    }

    /**
     * A suspicion may have expired.
     *
     * @param node        the suspect
     * @param incarnation the suspected incarnation; a timer for an older one is stale
     */
    record SuspicionTimeout(NodeId node, long incarnation) implements SwimTimer {
        /** Validates the field. */
        public SuspicionTimeout {
            Objects.requireNonNull(node, "node");
        }
    }

    /**
     * A suspicion has run for the shortest suspicion timeout: if it is still running, for want of confirmations,
     * gossip it once more ({@link SwimConfig#repairStragglers()}).
     *
     * @param node        the suspect
     * @param incarnation the suspected incarnation; a timer for an older one is stale
     */
    record SuspicionRecheck(NodeId node, long incarnation) implements SwimTimer {
        /** Validates the field. */
        public SuspicionRecheck {
            Objects.requireNonNull(node, "node");
        }
    }

    /** Time for the one extra push-pull after joining ({@link SwimConfig#joinSyncDelay()}). */
    record JoinSync() implements SwimTimer {
    }

    /** Time to try one recently failed member or the seeds again ({@link SwimConfig#reconnectInterval()}). */
    record ReconnectTick() implements SwimTimer {
    }

    /** Time to forget members dead or left for longer than {@link SwimConfig#gossipToTheDeadTime()}. */
    record Reap() implements SwimTimer {
    }
}

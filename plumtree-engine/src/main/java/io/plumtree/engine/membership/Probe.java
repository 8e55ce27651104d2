package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;

/**
 * The probe of one member that this node has outstanding (memberlist runs one {@code probeNode} at a time). It
 * succeeds on any ack with its sequence number (direct, relayed by an indirect prober, or over the stream) and
 * fails if none arrived when the probe round ends.
 */
final class Probe {

    /** Sequence number of the pings and indirect pings of this probe. */
    final long seq;

    /** The member probed. */
    final NodeId target;

    /** Its address when the probe started. */
    final String address;

    /** Its incarnation when the probe started: the one suspected if the probe fails. */
    final long incarnation;

    /** Whether an ack arrived. */
    boolean acked;

    /** Whether indirect pings and the stream ping went out. */
    boolean indirect;

    /** Nacks asked for from indirect probers (Lifeguard); 0 when none were asked for. */
    int expectedNacks;

    /** Nacks received: indirect probers that are alive but could not reach the target. */
    int nacks;

    Probe(long seq, NodeId target, String address, long incarnation) {
        this.seq = seq;
        this.target = target;
        this.address = address;
        this.incarnation = incarnation;
    }

    /**
     * Lifeguard's awareness delta of a failed probe: when nacks were asked for and none came, one per nack asked for
     * (our own processing or network may be at fault); when at least one came, 0: this node evidently heard a helper
     * in time, so the helpers that stayed silent are more likely at fault than we are (memberlist counts every
     * missing nack; see docs/membership.md, departure 7). When no nacks were asked for, 1 (memberlist probeNode).
     */
    int failureAwarenessDelta() {
        if (expectedNacks > 0) {
            return nacks > 0 ? 0 : expectedNacks;
        }
        return 1;
    }
}

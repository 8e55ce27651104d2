package io.plumtree.engine.sim;

import io.plumtree.engine.broadcast.PlumtreeOutput;
import io.plumtree.engine.membership.SwimOutput;
import io.plumtree.engine.node.NodeOutput;

/** Sees what whole simulated nodes do, to measure it. Called on the simulation's thread, in event order. */
public interface ClusterObserver {

    /**
     * A node sent a datagram (whether or not the network will carry it).
     *
     * @param from     sender index
     * @param to       receiver index, or -1 for an address no node has
     * @param packet   the datagram
     * @param bytes    its size on the wire, envelope included
     * @param nowNanos virtual time
     */
    default void packetSent(int from, int to, NodeOutput.SendPacket packet, long bytes, long nowNanos) {
    }

    /**
     * A node sent a stream frame.
     *
     * @param from     sender index
     * @param to       receiver index, or -1 for an address no node has
     * @param frame    the frame
     * @param bytes    its size on the wire, length prefix and envelope included
     * @param nowNanos virtual time
     */
    default void frameSent(int from, int to, NodeOutput.SendFrame frame, long bytes, long nowNanos) {
    }

    /**
     * A node delivered a broadcast.
     *
     * @param node     the node
     * @param delivery what it delivered
     * @param nowNanos virtual time
     */
    default void delivered(int node, PlumtreeOutput.Deliver delivery, long nowNanos) {
    }

    /**
     * A node's view of the membership changed.
     *
     * @param node     the observing node
     * @param event    the change
     * @param nowNanos virtual time
     */
    default void membershipChanged(int node, SwimOutput.MemberEvent event, long nowNanos) {
    }
}

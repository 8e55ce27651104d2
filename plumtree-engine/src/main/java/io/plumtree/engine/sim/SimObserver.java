package io.plumtree.engine.sim;

import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.broadcast.PlumtreeOutput;

/** Sees what happens in a {@link Simulation}, to measure it. Called on the simulation's thread, in event order. */
public interface SimObserver {

    /**
     * A node handed a message to its application.
     *
     * @param node     the node's index
     * @param delivery what it delivered
     * @param nowNanos virtual time
     */
    default void delivered(int node, PlumtreeOutput.Deliver delivery, long nowNanos) {
    }

    /**
     * A node sent a message (whether or not the network will carry it).
     *
     * @param from     sender index
     * @param to       receiver index
     * @param message  the message
     * @param nowNanos virtual time
     */
    default void sent(int from, int to, PlumtreeMessage message, long nowNanos) {
    }
}

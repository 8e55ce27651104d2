package io.plumtree.engine.node;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.membership.SwimMessage;

import java.util.Objects;

/** One message on a reliable, ordered stream between two nodes: membership (push-pull, fallback probe) or broadcast. */
public sealed interface Frame {

    /**
     * A membership message sent over the stream.
     *
     * @param message the message
     */
    record Membership(SwimMessage message) implements Frame {
        /** Validates the field. */
        public Membership {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A broadcast-protocol message, with the name of the node that sent it (Plumtree identifies peers by name).
     *
     * @param from    the sending node
     * @param message the message
     */
    record Broadcast(NodeId from, PlumtreeMessage message) implements Frame {
        /** Validates the fields. */
        public Broadcast {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(message, "message");
        }
    }
}

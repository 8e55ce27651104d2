package io.plumtree.engine.node;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.state.StateMessage;

import java.util.Objects;

/**
 * One message on a reliable, ordered stream between two nodes: the opener's hello, membership (push-pull, fallback
 * probe) or broadcast.
 */
public sealed interface Frame {

    /**
     * The first frame on every stream, from the node that opened it: its advertised address, so the accepting side
     * can send over the same stream and resolve two streams opened at once. Drivers consume it; the node core ignores
     * it.
     *
     * @param address the opener's advertised address, as membership knows it
     */
    record Hello(String address) implements Frame {
        /** Validates the field. */
        public Hello {
            Objects.requireNonNull(address, "address");
        }
    }

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

    /**
     * A replicated-state message (scuttlebutt SYN, SYN-ACK or ACK), with the name of the node that sent it.
     *
     * @param from    the sending node
     * @param message the message
     */
    record State(NodeId from, StateMessage message) implements Frame {
        /** Validates the fields. */
        public State {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(message, "message");
        }
    }
}

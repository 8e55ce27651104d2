package io.plumtree.engine.node;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeTimer;
import io.plumtree.engine.membership.SwimTimer;
import io.plumtree.engine.state.StateTimer;

import java.util.Objects;

/** A timer of one of the node's protocols, tagged with the protocol it belongs to. */
public sealed interface NodeTimer {

    /**
     * A membership timer.
     *
     * @param timer the membership core's key
     */
    record Membership(SwimTimer timer) implements NodeTimer {
        /** Validates the field. */
        public Membership {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /**
     * A broadcast timer.
     *
     * @param timer the broadcast core's key
     */
    record Broadcast(PlumtreeTimer timer) implements NodeTimer {
        /** Validates the field. */
        public Broadcast {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /**
     * Time to look again at the messages of one origin held for order.
     *
     * @param origin the origin
     */
    record Ordering(NodeId origin) implements NodeTimer {
        /** Validates the field. */
        public Ordering {
            Objects.requireNonNull(origin, "origin");
        }
    }

    /**
     * A replicated-state timer.
     *
     * @param timer the state core's key
     */
    record State(StateTimer timer) implements NodeTimer {
        /** Validates the field. */
        public State {
            Objects.requireNonNull(timer, "timer");
        }
    }
}

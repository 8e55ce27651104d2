package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;

import java.util.Objects;

/** Everything that can happen to a Plumtree core: the inputs of {@link Plumtree#handle}. */
public sealed interface PlumtreeInput {

    /**
     * A message arrived from a peer.
     *
     * @param from    the peer that sent it
     * @param message what it sent
     */
    record Received(NodeId from, PlumtreeMessage message) implements PlumtreeInput {
        /** Validates the fields. */
        public Received {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The application asks to broadcast a payload to the whole cluster.
     *
     * @param payload the bytes; the core keeps a reference, so the caller must not modify them afterwards
     */
    record Broadcast(byte[] payload) implements PlumtreeInput {
        /** Validates the field. */
        public Broadcast {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * Membership reports a live peer.
     *
     * @param peer the peer
     */
    record NeighborUp(NodeId peer) implements PlumtreeInput {
        /** Validates the field. */
        public NeighborUp {
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * Membership reports a peer failed or left.
     *
     * @param peer the peer
     */
    record NeighborDown(NodeId peer) implements PlumtreeInput {
        /** Validates the field. */
        public NeighborDown {
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * A timer the core asked for with {@link PlumtreeOutput.ScheduleTimer} has fired.
     *
     * @param timer the timer's key, as scheduled
     */
    record TimerFired(PlumtreeTimer timer) implements PlumtreeInput {
        /** Validates the field. */
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /**
     * The driver could not take an eager push of {@code id} to {@code peer}: the peer's outbound queue was full, and
     * the payload was dropped. The core makes the peer lazy in that message's tree and announces the message to it,
     * so the peer grafts it (from here or elsewhere) once the link has drained.
     *
     * @param peer the congested peer
     * @param id   the message whose push was dropped
     * @param hops the hops the dropped push carried
     */
    record PeerCongested(NodeId peer, MessageId id, int hops) implements PlumtreeInput {
        /** Validates the fields. */
        public PeerCongested {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(id, "id");
        }
    }
}

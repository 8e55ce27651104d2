package io.plumtree.engine.node;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.state.StateInput;

import java.util.List;
import java.util.Objects;

/** Everything that can happen to a node: the inputs of {@link NodeCore#handle}. */
public sealed interface NodeInput {

    /** Start the protocols' periodic work. Call once, first. */
    record Start() implements NodeInput {
    }

    /**
     * Join the cluster through these seed addresses.
     *
     * @param seedAddresses addresses of members to push-pull with
     */
    record Join(List<String> seedAddresses) implements NodeInput {
        /** Copies the list. */
        public Join {
            seedAddresses = List.copyOf(seedAddresses);
        }
    }

    /**
     * The answer to {@link NodeOutput.ResolveSeeds}: the addresses the seeds resolve to now.
     *
     * @param seedAddresses the addresses
     */
    record SeedsResolved(List<String> seedAddresses) implements NodeInput {
        /** Copies the list. */
        public SeedsResolved {
            seedAddresses = List.copyOf(seedAddresses);
        }
    }

    /** Leave the cluster gracefully: others record this node as left, not failed. */
    record Leave() implements NodeInput {
    }

    /**
     * Broadcast a payload to every member.
     *
     * @param payload the bytes; not to be modified afterwards
     */
    record Broadcast(byte[] payload) implements NodeInput {
        /** Validates the field. */
        public Broadcast {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * Replace this node's metadata; the change spreads to every member.
     *
     * @param metadata the new metadata
     */
    record UpdateMetadata(byte[] metadata) implements NodeInput {
        /** Validates the field. */
        public UpdateMetadata {
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /**
     * A datagram arrived.
     *
     * @param fromAddress the sender's address
     * @param messages    the messages it held
     */
    record PacketReceived(String fromAddress, List<SwimMessage> messages) implements NodeInput {
        /** Validates the fields. */
        public PacketReceived {
            Objects.requireNonNull(fromAddress, "fromAddress");
            Objects.requireNonNull(messages, "messages");
        }
    }

    /**
     * A frame arrived on a stream.
     *
     * @param fromAddress the sender's address
     * @param frame       the frame
     */
    record FrameReceived(String fromAddress, Frame frame) implements NodeInput {
        /** Validates the fields. */
        public FrameReceived {
            Objects.requireNonNull(fromAddress, "fromAddress");
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * A timer the node asked for has fired.
     *
     * @param timer the key, as scheduled
     */
    record TimerFired(NodeTimer timer) implements NodeInput {
        /** Validates the field. */
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /**
     * The driver dropped an eager push of a broadcast message because the peer's outbound queue was full: the
     * broadcast core demotes the peer in that tree and announces the message to it instead.
     *
     * @param peer the congested peer
     * @param id   the message whose push was dropped
     * @param hops the hops the push carried
     */
    record PeerCongested(NodeId peer, MessageId id, int hops) implements NodeInput {
        /** Validates the fields. */
        public PeerCongested {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * The stream to this address ended or failed without the driver closing it (end of stream, reset, refused or
     * timed-out connect): membership probes the member there next
     * ({@link io.plumtree.engine.membership.SwimInput.StreamLost}).
     *
     * @param address the peer's address, as its hello announced it
     */
    record StreamLost(String address) implements NodeInput {
        /** Validates the field. */
        public StreamLost {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * A command for the replicated state: {@code Set}, {@code Delete}, {@code Subscribe} or {@code Unsubscribe}.
     *
     * @param command the state core's input
     */
    record StateCommand(StateInput command) implements NodeInput {
        /** Validates the field; only commands belong here, not what the node feeds the core itself. */
        public StateCommand {
            Objects.requireNonNull(command, "command");
            if (!(command instanceof StateInput.Set || command instanceof StateInput.Delete
                    || command instanceof StateInput.Subscribe || command instanceof StateInput.Unsubscribe)) {
                throw new IllegalArgumentException("not a state command: " + command);
            }
        }
    }
}

package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.encoding.Utf8;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The messages SWIM members exchange, one record per message type (memberlist {@code net.go}). Packets (UDP) carry
 * a list of them (a compound datagram); streams (TCP) carry one per frame.
 *
 * <p>{@link #encodedSize()} is the size of the binary encoding the codec must produce, in bytes: one type byte, then
 * the fields in declaration order, each as: {@code long} 8 bytes big-endian, {@code int} 4, {@code boolean} 1,
 * {@link MemberState} 1 (its ordinal), a string or {@link NodeId} 2 bytes of length then its UTF-8 bytes, a
 * {@code byte[]} 4 bytes of length then the bytes, a list 4 bytes of count then the elements.
 */
public sealed interface SwimMessage {

    /** Bytes of this message in the binary encoding (see the interface's Javadoc for the layout). */
    int encodedSize();

    /** Size of one type byte. */
    int TYPE_BYTES = 1;

    /** Encoded size of a string: 2 bytes of length, then UTF-8. */
    static int sizeOf(String s) {
        return 2 + Utf8.length(s);
    }

    /** Encoded size of a node name. */
    static int sizeOf(NodeId id) {
        return sizeOf(id.name());
    }

    /**
     * A probe: "are you alive?". Answered with {@link Ack} to the sender's address (over the same transport).
     * Layout: type, seq (8), target (2+n).
     *
     * @param seq    sequence number chosen by the prober, echoed in the ack
     * @param target the name the prober means; a member of another name ignores it (misdirected)
     */
    record Ping(long seq, NodeId target) implements SwimMessage {
        /** Validates the fields. */
        public Ping {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public int encodedSize() {
            return TYPE_BYTES + 8 + sizeOf(target);
        }
    }

    /**
     * A ping-req: "probe this member for me". The receiver pings the target with its own sequence number and relays
     * the ack as {@link Ack}{@code (seq)}; if asked, it answers {@link Nack}{@code (seq)} when the target stays
     * silent for a probe timeout (Lifeguard). Layout: type, seq (8), target (2+n), targetAddress (2+n), wantNack (1).
     *
     * @param seq           the requester's sequence number
     * @param target        the member to probe
     * @param targetAddress its address
     * @param wantNack      whether to answer with a nack on timeout
     */
    record IndirectPing(long seq, NodeId target, String targetAddress, boolean wantNack) implements SwimMessage {
        /** Validates the fields. */
        public IndirectPing {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(targetAddress, "targetAddress");
        }

        @Override
        public int encodedSize() {
            return TYPE_BYTES + 8 + sizeOf(target) + sizeOf(targetAddress) + 1;
        }
    }

    /**
     * Answer to a {@link Ping}, or a relayed answer to an {@link IndirectPing}. Layout: type, seq (8).
     *
     * @param seq the sequence number of the ping answered
     */
    record Ack(long seq) implements SwimMessage {
        @Override
        public int encodedSize() {
            return TYPE_BYTES + 8;
        }
    }

    /**
     * "I could not reach your target" from an indirect prober: proof that the requester's own network works.
     * Layout: type, seq (8).
     *
     * @param seq the requester's sequence number
     */
    record Nack(long seq) implements SwimMessage {
        @Override
        public int encodedSize() {
            return TYPE_BYTES + 8;
        }
    }

    /**
     * Gossip: {@code from} suspects {@code node} at {@code incarnation}. Layout: type, incarnation (8), node (2+n),
     * from (2+n).
     *
     * @param incarnation the accused incarnation
     * @param node        the accused member
     * @param from        the accuser
     */
    record Suspect(long incarnation, NodeId node, NodeId from) implements SwimMessage {
        /** Validates the fields. */
        public Suspect {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(from, "from");
        }

        @Override
        public int encodedSize() {
            return TYPE_BYTES + 8 + sizeOf(node) + sizeOf(from);
        }
    }

    /**
     * Gossip: {@code node} is alive at {@code incarnation}, at this address, with this metadata. Layout: type,
     * incarnation (8), node (2+n), address (2+n), metadata (4+n).
     *
     * @param incarnation the member's incarnation
     * @param node        the member
     * @param address     its address
     * @param metadata    its metadata; must not be modified
     */
    record Alive(long incarnation, NodeId node, String address, byte[] metadata) implements SwimMessage {
        /** Validates the fields. */
        public Alive {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(metadata, "metadata");
        }

        @Override
        public int encodedSize() {
            return TYPE_BYTES + 8 + sizeOf(node) + sizeOf(address) + 4 + metadata.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Alive a && incarnation == a.incarnation && node.equals(a.node)
                    && address.equals(a.address) && Arrays.equals(metadata, a.metadata);
        }

        @Override
        public int hashCode() {
            return Objects.hash(incarnation, node, address, Arrays.hashCode(metadata));
        }

        @Override
        public String toString() {
            return "Alive[" + node + "@" + address + " inc=" + incarnation + " meta=" + Arrays.toString(metadata)
                    + "]";
        }
    }

    /**
     * Gossip: {@code from} declares {@code node} dead at {@code incarnation}; when {@code from} is {@code node}
     * itself, the member left gracefully. Layout: type, incarnation (8), node (2+n), from (2+n).
     *
     * @param incarnation the incarnation declared dead
     * @param node        the member
     * @param from        who declares it
     */
    record Dead(long incarnation, NodeId node, NodeId from) implements SwimMessage {
        /** Validates the fields. */
        public Dead {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(from, "from");
        }

        /** Whether this is a graceful leave (the member announces itself). */
        public boolean isLeave() {
            return node.equals(from);
        }

        @Override
        public int encodedSize() {
            return TYPE_BYTES + 8 + sizeOf(node) + sizeOf(from);
        }
    }

    /**
     * Full state exchange over a stream (anti-entropy, and join). The receiver of a request answers with its own
     * state ({@code isReply = true}), then both merge. Layout: type, isReply (1), join (1), states (4 + each).
     *
     * @param isReply whether this answers a request
     * @param join    whether the sender is joining
     * @param states  every member the sender knows, itself included
     */
    record PushPull(boolean isReply, boolean join, List<NodeState> states) implements SwimMessage {
        /** Copies the list. */
        public PushPull {
            states = List.copyOf(states);
        }

        @Override
        public int encodedSize() {
            int size = TYPE_BYTES + 1 + 1 + 4;
            for (NodeState s : states) {
                size += s.encodedSize();
            }
            return size;
        }
    }

    /**
     * One member's entry in a {@link PushPull}. Layout: id (2+n), address (2+n), incarnation (8), state (1),
     * metadata (4+n).
     *
     * @param id          the member
     * @param address     its address
     * @param incarnation its incarnation
     * @param state       its state as the sender sees it
     * @param metadata    its metadata; must not be modified
     */
    record NodeState(NodeId id, String address, long incarnation, MemberState state, byte[] metadata) {
        /** Validates the fields. */
        public NodeState {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(metadata, "metadata");
        }

        /** The entry describing a member snapshot. */
        public static NodeState of(Member m) {
            return new NodeState(m.id(), m.address(), m.incarnation(), m.state(), m.metadata());
        }

        /** Bytes of this entry in the binary encoding. */
        public int encodedSize() {
            return sizeOf(id) + sizeOf(address) + 8 + 1 + 4 + metadata.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NodeState s && id.equals(s.id) && address.equals(s.address)
                    && incarnation == s.incarnation && state == s.state && Arrays.equals(metadata, s.metadata);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, address, incarnation, state, Arrays.hashCode(metadata));
        }

        @Override
        public String toString() {
            return "NodeState[" + id + "@" + address + " inc=" + incarnation + " " + state + " meta="
                    + Arrays.toString(metadata) + "]";
        }
    }
}

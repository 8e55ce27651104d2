package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.state.Delta;
import io.plumtree.engine.state.Digest;
import io.plumtree.engine.state.NodeDelta;
import io.plumtree.engine.state.NodeDigest;
import io.plumtree.engine.state.StateMessage;
import io.plumtree.engine.state.VersionedValue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes and decodes single {@link StateMessage}s with the conventions of {@link SwimCodec}: a type byte, then the
 * fields in declaration order. A digest is a 4-byte count of (name, max version, last collected version); a delta a
 * 4-byte count of (name, from version, to version, last collected version, 4-byte count of entries); an entry is its
 * key (2-byte length), version, a deletion flag and, unless deleted, its value (4-byte length). Writes exactly
 * {@link StateMessage#encodedSize()} bytes.
 *
 * <p>Messages travel in frames of kind {@link Envelope#KIND_STATE_FRAME} (sender's name, then the message), so a
 * digest is bounded by {@link WireLimits#maxFrameBytes()}, not by a datagram.
 */
public final class StateCodec {

    /** Type byte of {@link StateMessage.Syn}. */
    public static final int SYN = 1;
    /** Type byte of {@link StateMessage.SynAck}. */
    public static final int SYN_ACK = 2;
    /** Type byte of {@link StateMessage.Ack}. */
    public static final int ACK = 3;

    /** Most entries in one node delta. */
    public static final int MAX_ENTRIES_PER_NODE = 65_536;

    /** Longest key: its length is 2 bytes. */
    public static final int MAX_KEY_BYTES = 65_535;

    /** Fewest bytes of a digest entry: a one-byte name (2 + 1) and two versions (16). */
    private static final int MIN_NODE_DIGEST_BYTES = 19;
    /** Fewest bytes of a node delta: a one-byte name (2 + 1), three versions (24) and a count (4). */
    private static final int MIN_NODE_DELTA_BYTES = 31;
    /** Fewest bytes of an entry: an empty key (2), a version (8) and the flag (1) of a tombstone. */
    private static final int MIN_ENTRY_BYTES = 11;

    private final WireLimits limits;

    /**
     * A codec bounded by these limits: {@link WireLimits#maxPushPullStates()} nodes per digest and per delta (the
     * bound on a cluster's size), {@link WireLimits#maxPayloadBytes()} bytes per value.
     */
    public StateCodec(WireLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Writes {@code message} at {@code out}'s position.
     *
     * @throws IllegalArgumentException         if a list, key or value exceeds the limits
     * @throws java.nio.BufferOverflowException if {@code out} has less than {@code encodedSize()} bytes left
     */
    public void encode(StateMessage message, ByteBuffer out) {
        write(message, new WireWriter(out));
    }

    /** {@code message} in a new buffer, ready to read. */
    public ByteBuffer encode(StateMessage message) {
        ByteBuffer out = ByteBuffer.allocate(message.encodedSize());
        encode(message, out);
        return out.flip();
    }

    /**
     * Decodes exactly one message from {@code in}'s remaining bytes (without moving its position); anything after
     * the message drops it as {@link DropReason#TRAILING_BYTES}. Never throws.
     */
    public Decoded<StateMessage> decode(ByteBuffer in) {
        WireReader r = new WireReader(in.slice());
        return Envelope.guard(() -> {
            StateMessage m = read(r);
            r.expectEnd();
            return m;
        }, null);
    }

    void write(StateMessage message, WireWriter w) {
        if (message instanceof StateMessage.Syn m) {
            w.writeByte(SYN);
            writeDigest(m.digest(), w);
        } else if (message instanceof StateMessage.SynAck m) {
            w.writeByte(SYN_ACK);
            writeDigest(m.digest(), w);
            writeDelta(m.delta(), w);
        } else if (message instanceof StateMessage.Ack m) {
            w.writeByte(ACK);
            writeDelta(m.delta(), w);
        } else {
            throw new IllegalStateException("no encoding for " + message.getClass());
        }
    }

    private void writeDigest(Digest digest, WireWriter w) {
        w.writeCount(digest.nodes().size(), limits.maxPushPullStates(), "digest");
        for (NodeDigest d : digest.nodes()) {
            w.writeNodeId(d.node());
            w.writeLong(d.maxVersion());
            w.writeLong(d.lastGcVersion());
        }
    }

    private void writeDelta(Delta delta, WireWriter w) {
        w.writeCount(delta.nodes().size(), limits.maxPushPullStates(), "delta");
        for (NodeDelta d : delta.nodes()) {
            w.writeNodeId(d.node());
            w.writeLong(d.fromVersion());
            w.writeLong(d.toVersion());
            w.writeLong(d.lastGcVersion());
            w.writeCount(d.entries().size(), MAX_ENTRIES_PER_NODE, "node delta");
            for (VersionedValue v : d.entries()) {
                w.writeString(v.key(), MAX_KEY_BYTES, "key");
                w.writeLong(v.version());
                w.writeBoolean(v.isTombstone());
                if (!v.isTombstone()) {
                    w.writeLongString(v.value(), limits.maxPayloadBytes(), "value");
                }
            }
        }
    }

    /** Reads one message; throws {@link DropSignal} or a record's {@link IllegalArgumentException} on bad input. */
    StateMessage read(WireReader r) {
        int type = r.readUnsignedByte();
        switch (type) {
            case SYN:
                return new StateMessage.Syn(readDigest(r));
            case SYN_ACK: {
                Digest digest = readDigest(r);
                return new StateMessage.SynAck(digest, readDelta(r));
            }
            case ACK:
                return new StateMessage.Ack(readDelta(r));
            default:
                throw new DropSignal(DropReason.UNKNOWN_TYPE);
        }
    }

    private Digest readDigest(WireReader r) {
        int count = r.readCount(limits.maxPushPullStates(), MIN_NODE_DIGEST_BYTES);
        List<NodeDigest> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            nodes.add(new NodeDigest(r.readNodeId(), r.readLong(), r.readLong()));
        }
        return new Digest(nodes);
    }

    private Delta readDelta(WireReader r) {
        int count = r.readCount(limits.maxPushPullStates(), MIN_NODE_DELTA_BYTES);
        List<NodeDelta> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            NodeId node = r.readNodeId();
            long from = r.readLong();
            long to = r.readLong();
            long gc = r.readLong();
            int entries = r.readCount(MAX_ENTRIES_PER_NODE, MIN_ENTRY_BYTES);
            List<VersionedValue> values = new ArrayList<>(entries);
            for (int k = 0; k < entries; k++) {
                String key = r.readString(MAX_KEY_BYTES);
                long version = r.readLong();
                boolean deleted = r.readBoolean();
                String value = deleted ? null : r.readLongString(limits.maxPayloadBytes());
                values.add(new VersionedValue(key, value, version));
            }
            nodes.add(new NodeDelta(node, from, to, gc, values));
        }
        return new Delta(nodes);
    }
}

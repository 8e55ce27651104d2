package io.plumtree.engine.wire;

import io.plumtree.engine.membership.MemberState;
import io.plumtree.engine.membership.SwimMessage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes and decodes single {@link SwimMessage}s in the layout {@link SwimMessage#encodedSize()} counts: a type
 * byte, then the fields in declaration order. Envelopes ({@link PacketCodec}, {@link FrameCodec}) build on it.
 */
public final class SwimCodec {

    /** Type byte of {@link SwimMessage.Ping}. */
    public static final int PING = 1;
    /** Type byte of {@link SwimMessage.IndirectPing}. */
    public static final int INDIRECT_PING = 2;
    /** Type byte of {@link SwimMessage.Ack}. */
    public static final int ACK = 3;
    /** Type byte of {@link SwimMessage.Nack}. */
    public static final int NACK = 4;
    /** Type byte of {@link SwimMessage.Suspect}. */
    public static final int SUSPECT = 5;
    /** Type byte of {@link SwimMessage.Alive}. */
    public static final int ALIVE = 6;
    /** Type byte of {@link SwimMessage.Dead}. */
    public static final int DEAD = 7;
    /** Type byte of {@link SwimMessage.PushPull}. */
    public static final int PUSH_PULL = 8;

    /** Fewest bytes of any message (an ack or nack), to bound a message count by the bytes left. */
    static final int MIN_MESSAGE_BYTES = 9;
    /** Fewest bytes of a push-pull entry: name (2+1), address (2), incarnation (8), state (1), metadata (4). */
    private static final int MIN_NODE_STATE_BYTES = 18;

    private static final MemberState[] STATES = MemberState.values();

    private final WireLimits limits;

    /** A codec bounded by these limits. */
    public SwimCodec(WireLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Encoded bytes of {@code message}: its own {@link SwimMessage#encodedSize()}. */
    public int encodedSize(SwimMessage message) {
        return message.encodedSize();
    }

    /**
     * Writes {@code message} at {@code out}'s position.
     *
     * @throws IllegalArgumentException         if a field exceeds the wire's limits
     * @throws java.nio.BufferOverflowException if {@code out} has less than {@link #encodedSize} bytes left
     */
    public void encode(SwimMessage message, ByteBuffer out) {
        write(message, new WireWriter(out));
    }

    /** {@code message} in a new buffer, ready to read. */
    public ByteBuffer encode(SwimMessage message) {
        ByteBuffer out = ByteBuffer.allocate(message.encodedSize());
        encode(message, out);
        return out.flip();
    }

    /**
     * Decodes exactly one message from {@code in}'s remaining bytes (without moving its position); anything after
     * the message drops it as {@link DropReason#TRAILING_BYTES}. Never throws.
     */
    public Decoded<SwimMessage> decode(ByteBuffer in) {
        WireReader r = new WireReader(in.slice());
        return Envelope.guard(() -> {
            SwimMessage m = read(r);
            r.expectEnd();
            return m;
        }, null);
    }

    void write(SwimMessage message, WireWriter w) {
        if (message instanceof SwimMessage.Ping m) {
            w.writeByte(PING);
            w.writeLong(m.seq());
            w.writeNodeId(m.target());
        } else if (message instanceof SwimMessage.IndirectPing m) {
            w.writeByte(INDIRECT_PING);
            w.writeLong(m.seq());
            w.writeNodeId(m.target());
            w.writeString(m.targetAddress(), WireLimits.MAX_ADDRESS_BYTES, "address");
            w.writeBoolean(m.wantNack());
        } else if (message instanceof SwimMessage.Ack m) {
            w.writeByte(ACK);
            w.writeLong(m.seq());
        } else if (message instanceof SwimMessage.Nack m) {
            w.writeByte(NACK);
            w.writeLong(m.seq());
        } else if (message instanceof SwimMessage.Suspect m) {
            w.writeByte(SUSPECT);
            w.writeLong(m.incarnation());
            w.writeNodeId(m.node());
            w.writeNodeId(m.from());
        } else if (message instanceof SwimMessage.Alive m) {
            w.writeByte(ALIVE);
            w.writeLong(m.incarnation());
            w.writeNodeId(m.node());
            w.writeString(m.address(), WireLimits.MAX_ADDRESS_BYTES, "address");
            w.writeBytes(m.metadata(), Integer.MAX_VALUE, "metadata");
        } else if (message instanceof SwimMessage.Dead m) {
            w.writeByte(DEAD);
            w.writeLong(m.incarnation());
            w.writeNodeId(m.node());
            w.writeNodeId(m.from());
        } else if (message instanceof SwimMessage.PushPull m) {
            w.writeByte(PUSH_PULL);
            w.writeBoolean(m.isReply());
            w.writeBoolean(m.join());
            w.writeCount(m.states().size(), limits.maxPushPullStates(), "push-pull");
            for (SwimMessage.NodeState s : m.states()) {
                w.writeNodeId(s.id());
                w.writeString(s.address(), WireLimits.MAX_ADDRESS_BYTES, "address");
                w.writeLong(s.incarnation());
                w.writeByte(s.state().ordinal());
                w.writeBytes(s.metadata(), Integer.MAX_VALUE, "metadata");
            }
        } else {
            throw new IllegalStateException("no encoding for " + message.getClass());
        }
    }

    /** Reads one message; throws {@link DropSignal} or a record's {@link IllegalArgumentException} on bad input. */
    SwimMessage read(WireReader r) {
        int type = r.readUnsignedByte();
        switch (type) {
            case PING:
                return new SwimMessage.Ping(r.readLong(), r.readNodeId());
            case INDIRECT_PING:
                return new SwimMessage.IndirectPing(r.readLong(), r.readNodeId(),
                        r.readString(WireLimits.MAX_ADDRESS_BYTES), r.readBoolean());
            case ACK:
                return new SwimMessage.Ack(r.readLong());
            case NACK:
                return new SwimMessage.Nack(r.readLong());
            case SUSPECT:
                return new SwimMessage.Suspect(r.readLong(), r.readNodeId(), r.readNodeId());
            case ALIVE:
                return new SwimMessage.Alive(r.readLong(), r.readNodeId(), r.readString(WireLimits.MAX_ADDRESS_BYTES),
                        r.readBytes(Integer.MAX_VALUE));
            case DEAD:
                return new SwimMessage.Dead(r.readLong(), r.readNodeId(), r.readNodeId());
            case PUSH_PULL:
                return readPushPull(r);
            default:
                throw new DropSignal(DropReason.UNKNOWN_TYPE);
        }
    }

    private SwimMessage.PushPull readPushPull(WireReader r) {
        boolean isReply = r.readBoolean();
        boolean join = r.readBoolean();
        int count = r.readCount(limits.maxPushPullStates(), MIN_NODE_STATE_BYTES);
        List<SwimMessage.NodeState> states = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            states.add(new SwimMessage.NodeState(r.readNodeId(), r.readString(WireLimits.MAX_ADDRESS_BYTES),
                    r.readLong(), readState(r), r.readBytes(Integer.MAX_VALUE)));
        }
        return new SwimMessage.PushPull(isReply, join, states);
    }

    private static MemberState readState(WireReader r) {
        int ordinal = r.readUnsignedByte();
        if (ordinal >= STATES.length) {
            throw new DropSignal(DropReason.INVALID_FIELD);
        }
        return STATES[ordinal];
    }
}

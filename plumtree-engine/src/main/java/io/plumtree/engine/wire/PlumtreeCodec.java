package io.plumtree.engine.wire;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.encoding.Utf8;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes and decodes single {@link PlumtreeMessage}s with the conventions of {@link SwimCodec}: a type byte, then
 * the fields in declaration order; a {@link MessageId} is its origin's name then its sequence (8), an announcement its
 * origin's name, first and last sequence (8 each) and hops (4), a payload 4 bytes of length then the bytes.
 */
public final class PlumtreeCodec {

    /** Type byte of {@link PlumtreeMessage.Gossip}. */
    public static final int GOSSIP = 1;
    /** Type byte of {@link PlumtreeMessage.IHave}. */
    public static final int IHAVE = 2;
    /** Type byte of {@link PlumtreeMessage.Graft}. */
    public static final int GRAFT = 3;
    /** Type byte of {@link PlumtreeMessage.Prune}. */
    public static final int PRUNE = 4;
    /** Type byte of {@link PlumtreeMessage.Neighbor}. */
    public static final int NEIGHBOR = 5;
    /** Type byte of {@link PlumtreeMessage.Digest}. */
    public static final int DIGEST = 6;
    /** Type byte of {@link PlumtreeMessage.Ack}. */
    public static final int ACK = 7;
    /** Type byte of {@link PlumtreeMessage.GossipRun}. */
    public static final int GOSSIP_RUN = 8;
    /**
     * Most messages in one GOSSIP_RUN a decoder accepts (the frame's byte limit bounds a run too; a sender's runs are
     * far shorter).
     */
    public static final int MAX_RUN_MESSAGES = 4096;

    /** Fewest bytes of a message id: a one-byte name (2+1) and the sequence (8). */
    private static final int MIN_MESSAGE_ID_BYTES = 11;
    /** Fewest bytes of an announcement: a one-byte name (2+1), first and last (8+8), hops (4). */
    private static final int MIN_ANNOUNCEMENT_BYTES = 3 + 8 + 8 + 4;
    /** Fewest bytes of a digest run: a one-byte name (2+1), first and last (8+8), age (4). */
    private static final int MIN_DIGEST_RUN_BYTES = 3 + 8 + 8 + 4;

    private final WireLimits limits;

    /** A codec bounded by these limits. */
    public PlumtreeCodec(WireLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Encoded bytes of {@code message}, type byte included. */
    public int encodedSize(PlumtreeMessage message) {
        if (message instanceof PlumtreeMessage.Gossip m) {
            return 1 + sizeOf(m.id()) + 4 + 4 + m.payload().length;
        } else if (message instanceof PlumtreeMessage.IHave m) {
            int size = 1 + 4;
            for (PlumtreeMessage.Announcement a : m.announcements()) {
                size += sizeOf(a.origin()) + 8 + 8 + 4;
            }
            return size;
        } else if (message instanceof PlumtreeMessage.Graft m) {
            int size = 1 + sizeOf(m.root()) + 4;
            for (MessageId id : m.ids()) {
                size += sizeOf(id);
            }
            return size;
        } else if (message instanceof PlumtreeMessage.Prune m) {
            return 1 + sizeOf(m.root());
        } else if (message instanceof PlumtreeMessage.Neighbor) {
            return 1;
        } else if (message instanceof PlumtreeMessage.Digest m) {
            int size = 1 + 4;
            for (PlumtreeMessage.DigestRun run : m.runs()) {
                size += sizeOf(run.origin()) + 8 + 8 + 4;
            }
            return size;
        } else if (message instanceof PlumtreeMessage.Ack m) {
            return 1 + sizeOf(m.origin()) + 8;
        } else if (message instanceof PlumtreeMessage.GossipRun m) {
            int size = 1 + sizeOf(m.origin()) + 8 + 4 + 4;
            for (byte[] payload : m.payloads()) {
                size += 4 + payload.length;
            }
            return size;
        }
        throw new IllegalStateException("no encoding for " + message.getClass());
    }

    /** Encoded bytes of a node name: 2 bytes of length, then UTF-8. */
    static int sizeOf(NodeId id) {
        return 2 + Utf8.length(id.name());
    }

    private static int sizeOf(MessageId id) {
        return sizeOf(id.origin()) + 8;
    }

    /**
     * Writes {@code message} at {@code out}'s position.
     *
     * @throws IllegalArgumentException         if a payload or list exceeds the limits
     * @throws java.nio.BufferOverflowException if {@code out} has less than {@link #encodedSize} bytes left
     */
    public void encode(PlumtreeMessage message, ByteBuffer out) {
        write(message, new WireWriter(out));
    }

    /** {@code message} in a new buffer, ready to read. */
    public ByteBuffer encode(PlumtreeMessage message) {
        ByteBuffer out = ByteBuffer.allocate(encodedSize(message));
        encode(message, out);
        return out.flip();
    }

    /**
     * Decodes exactly one message from {@code in}'s remaining bytes (without moving its position); anything after
     * the message drops it as {@link DropReason#TRAILING_BYTES}. Never throws.
     */
    public Decoded<PlumtreeMessage> decode(ByteBuffer in) {
        WireReader r = new WireReader(in.slice());
        return Envelope.guard(() -> {
            PlumtreeMessage m = read(r);
            r.expectEnd();
            return m;
        }, null);
    }

    void write(PlumtreeMessage message, WireWriter w) {
        if (message instanceof PlumtreeMessage.Gossip m) {
            w.writeByte(GOSSIP);
            writeId(m.id(), w);
            w.writeInt(m.hops());
            w.writeBytes(m.payload(), limits.maxPayloadBytes(), "payload");
        } else if (message instanceof PlumtreeMessage.IHave m) {
            w.writeByte(IHAVE);
            w.writeCount(m.announcements().size(), limits.maxAnnouncements(), "IHave");
            for (PlumtreeMessage.Announcement a : m.announcements()) {
                w.writeNodeId(a.origin());
                w.writeLong(a.first());
                w.writeLong(a.last());
                w.writeInt(a.hops());
            }
        } else if (message instanceof PlumtreeMessage.Graft m) {
            w.writeByte(GRAFT);
            w.writeNodeId(m.root());
            w.writeCount(m.ids().size(), limits.maxGraftIds(), "Graft");
            for (MessageId id : m.ids()) {
                writeId(id, w);
            }
        } else if (message instanceof PlumtreeMessage.Prune m) {
            w.writeByte(PRUNE);
            w.writeNodeId(m.root());
        } else if (message instanceof PlumtreeMessage.Neighbor) {
            w.writeByte(NEIGHBOR);
        } else if (message instanceof PlumtreeMessage.Digest m) {
            w.writeByte(DIGEST);
            w.writeCount(m.runs().size(), limits.maxAnnouncements(), "Digest");
            for (PlumtreeMessage.DigestRun run : m.runs()) {
                w.writeNodeId(run.origin());
                w.writeLong(run.first());
                w.writeLong(run.last());
                w.writeInt(run.ageMillis());
            }
        } else if (message instanceof PlumtreeMessage.Ack m) {
            w.writeByte(ACK);
            w.writeNodeId(m.origin());
            w.writeLong(m.through());
        } else if (message instanceof PlumtreeMessage.GossipRun m) {
            w.writeByte(GOSSIP_RUN);
            w.writeNodeId(m.origin());
            w.writeLong(m.firstSequence());
            w.writeInt(m.hops());
            w.writeCount(m.payloads().size(), MAX_RUN_MESSAGES, "GossipRun");
            for (byte[] payload : m.payloads()) {
                w.writeBytes(payload, limits.maxPayloadBytes(), "payload");
            }
        } else {
            throw new IllegalStateException("no encoding for " + message.getClass());
        }
    }

    private static void writeId(MessageId id, WireWriter w) {
        w.writeNodeId(id.origin());
        w.writeLong(id.sequence());
    }

    /** Reads one message; throws {@link DropSignal} or a record's {@link IllegalArgumentException} on bad input. */
    PlumtreeMessage read(WireReader r) {
        int type = r.readUnsignedByte();
        switch (type) {
            case GOSSIP:
                return new PlumtreeMessage.Gossip(readId(r), r.readInt(), r.readBytes(limits.maxPayloadBytes()));
            case IHAVE: {
                int count = r.readCount(limits.maxAnnouncements(), MIN_ANNOUNCEMENT_BYTES);
                List<PlumtreeMessage.Announcement> announcements = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    announcements.add(new PlumtreeMessage.Announcement(r.readNodeId(), r.readLong(), r.readLong(),
                            r.readInt()));
                }
                return new PlumtreeMessage.IHave(announcements);
            }
            case GRAFT: {
                NodeId root = r.readNodeId();
                int count = r.readCount(limits.maxGraftIds(), MIN_MESSAGE_ID_BYTES);
                List<MessageId> ids = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    ids.add(readId(r));
                }
                return new PlumtreeMessage.Graft(root, ids);
            }
            case PRUNE:
                return new PlumtreeMessage.Prune(r.readNodeId());
            case NEIGHBOR:
                return new PlumtreeMessage.Neighbor();
            case DIGEST: {
                int count = r.readCount(limits.maxAnnouncements(), MIN_DIGEST_RUN_BYTES);
                List<PlumtreeMessage.DigestRun> runs = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    runs.add(new PlumtreeMessage.DigestRun(r.readNodeId(), r.readLong(), r.readLong(), r.readInt()));
                }
                return new PlumtreeMessage.Digest(runs);
            }
            case ACK:
                return new PlumtreeMessage.Ack(r.readNodeId(), r.readLong());
            case GOSSIP_RUN: {
                NodeId origin = r.readNodeId();
                long first = r.readLong();
                int hops = r.readInt();
                int count = r.readCount(MAX_RUN_MESSAGES, 4);
                List<byte[]> payloads = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    payloads.add(r.readBytes(limits.maxPayloadBytes()));
                }
                return new PlumtreeMessage.GossipRun(origin, first, hops, payloads);
            }
            default:
                throw new DropSignal(DropReason.UNKNOWN_TYPE);
        }
    }

    private static MessageId readId(WireReader r) {
        return new MessageId(r.readNodeId(), r.readLong());
    }
}

package io.plumtree.engine.wire;

import io.plumtree.engine.membership.SwimMessage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One UDP datagram: the {@link Envelope} header of kind {@link Envelope#KIND_PACKET}, a 2-byte message count, then
 * the {@link SwimMessage}s back to back (a compound packet, as memberlist's). One codec serves one cluster label.
 */
public final class PacketCodec {

    /** Bytes of the message count. */
    public static final int COUNT_BYTES = 2;
    /** Most messages one packet can carry (the count is an unsigned 16-bit integer). */
    public static final int MAX_MESSAGES = 0xFFFF;

    private final byte[] label;
    private final WireLimits limits;
    private final SwimCodec swim;
    private final DropCounters counters;

    /**
     * A codec for one cluster.
     *
     * @param label    the cluster label, at most {@value WireLimits#MAX_LABEL_BYTES} bytes of UTF-8; may be empty
     * @param limits   the limits, {@link WireLimits#maxDatagramBytes()} above all
     * @param counters where drops are counted
     */
    public PacketCodec(String label, WireLimits limits, DropCounters counters) {
        this.label = Envelope.labelBytes(label);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.swim = new SwimCodec(limits);
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** Bytes of a packet besides its messages: envelope header, label, count. */
    public int headerBytes() {
        return Envelope.HEADER_BYTES + label.length + COUNT_BYTES;
    }

    /** Bytes of the packet carrying {@code messages}. */
    public long encodedSize(List<SwimMessage> messages) {
        long size = headerBytes();
        for (SwimMessage m : messages) {
            size += m.encodedSize();
        }
        return size;
    }

    /**
     * The datagram carrying {@code messages}, in order.
     *
     * @throws IllegalArgumentException if it would exceed {@link WireLimits#maxDatagramBytes()} or carry more than
     *                                  {@value #MAX_MESSAGES} messages, or a field exceeds its limit
     */
    public byte[] encode(List<SwimMessage> messages) {
        if (messages.size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("a packet carries at most " + MAX_MESSAGES + " messages, got "
                    + messages.size());
        }
        long size = encodedSize(messages);
        if (size > limits.maxDatagramBytes()) {
            throw new IllegalArgumentException("packet of " + messages.size() + " messages is " + size
                    + " bytes; the maximum datagram is " + limits.maxDatagramBytes() + " bytes");
        }
        byte[] bytes = new byte[(int) size];
        ByteBuffer out = ByteBuffer.wrap(bytes);
        WireWriter w = new WireWriter(out);
        Envelope.write(w, Envelope.KIND_PACKET, label);
        out.putShort((short) messages.size());
        for (SwimMessage m : messages) {
            swim.write(m, w);
        }
        if (out.hasRemaining()) {
            throw new IllegalStateException("packet encoded to " + out.position() + " bytes, expected " + size);
        }
        return bytes;
    }

    /**
     * Decodes the datagram in {@code datagram}'s remaining bytes (without moving its position). Never throws: a
     * datagram over the limit, malformed, foreign, of another version or with bytes after its last message is
     * {@link Decoded.Dropped} and counted.
     */
    public Decoded<List<SwimMessage>> decode(ByteBuffer datagram) {
        WireReader r = new WireReader(datagram.slice());
        return Envelope.guard(() -> {
            if (r.remaining() > limits.maxDatagramBytes()) {
                throw new DropSignal(DropReason.TOO_LARGE);
            }
            if (Envelope.read(r, label) != Envelope.KIND_PACKET) {
                throw new DropSignal(DropReason.UNKNOWN_TYPE);
            }
            int count = r.readUnsignedShort();
            if ((long) count * SwimCodec.MIN_MESSAGE_BYTES > r.remaining()) {
                throw new DropSignal(DropReason.TRUNCATED);
            }
            List<SwimMessage> messages = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                messages.add(swim.read(r));
            }
            r.expectEnd();
            return List.copyOf(messages);
        }, counters);
    }
}

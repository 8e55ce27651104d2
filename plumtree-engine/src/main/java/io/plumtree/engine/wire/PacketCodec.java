package io.plumtree.engine.wire;

import io.plumtree.engine.membership.SwimMessage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One UDP datagram: the {@link Envelope} header of kind {@link Envelope#KIND_PACKET}, a 2-byte message count, then
 * the {@link SwimMessage}s back to back (a compound packet, as memberlist's). One codec serves one cluster label.
 * With {@link Sealing}, count and messages are sealed ({@link Sealer}) behind the clear header.
 */
public final class PacketCodec {

    /** Bytes of the message count. */
    public static final int COUNT_BYTES = 2;
    /** Most messages one packet can carry (the count is an unsigned 16-bit integer). */
    public static final int MAX_MESSAGES = 0xFFFF;

    private final byte[] label;
    /** {@link #label} as the decoder compares it. */
    private final PackedBytes expectedLabel;
    private final WireLimits limits;
    private final SwimCodec swim;
    private final DropCounters counters;
    /** Seals and opens every packet, or null when packets travel in the clear. */
    private final Sealer sealer;

    /**
     * A codec for one cluster, without sealing.
     *
     * @param label    the cluster label, at most {@value WireLimits#MAX_LABEL_BYTES} bytes of UTF-8; may be empty
     * @param limits   the limits, {@link WireLimits#maxDatagramBytes()} above all
     * @param counters where drops are counted
     */
    public PacketCodec(String label, WireLimits limits, DropCounters counters) {
        this(label, limits, counters, Sealing.none());
    }

    /**
     * A codec for one cluster that seals as {@code sealing} says.
     *
     * @param label    the cluster label, at most {@value WireLimits#MAX_LABEL_BYTES} bytes of UTF-8; may be empty
     * @param limits   the limits, {@link WireLimits#maxDatagramBytes()} above all
     * @param counters where drops are counted
     * @param sealing  {@link Sealing#none()}, or the keyring and nonce source to seal every packet with
     */
    public PacketCodec(String label, WireLimits limits, DropCounters counters, Sealing sealing) {
        this.label = Envelope.labelBytes(label);
        this.expectedLabel = new PackedBytes(this.label);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.swim = new SwimCodec(limits);
        this.counters = Objects.requireNonNull(counters, "counters");
        this.sealer = Objects.requireNonNull(sealing, "sealing").newSealer();
    }

    /** Bytes of a packet besides its messages: envelope header, label, count, and nonce and tag when sealing. */
    public int headerBytes() {
        return envelopeBytes() + COUNT_BYTES + (sealer == null ? 0 : Sealer.OVERHEAD);
    }

    /** Bytes of the envelope header, label included: the associated data of a sealed packet. */
    private int envelopeBytes() {
        return Envelope.HEADER_BYTES + label.length;
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
        if (sealer == null) {
            Envelope.write(new WireWriter(out), Envelope.KIND_PACKET, label);
            writeMessages(messages, out);
        } else {
            Envelope.write(new WireWriter(out), Envelope.KIND_PACKET | Sealer.SEALED_KIND, label);
            ByteBuffer plain = ByteBuffer.allocate((int) size - envelopeBytes() - Sealer.OVERHEAD);
            writeMessages(messages, plain);
            sealer.seal(plain.flip(), ByteBuffer.wrap(bytes, 0, envelopeBytes()), out);
        }
        if (out.hasRemaining()) {
            throw new IllegalStateException("packet encoded to " + out.position() + " bytes, expected " + size);
        }
        return bytes;
    }

    /** The count and the messages, filling {@code out}. */
    private void writeMessages(List<SwimMessage> messages, ByteBuffer out) {
        WireWriter w = new WireWriter(out);
        out.putShort((short) messages.size());
        for (SwimMessage m : messages) {
            swim.write(m, w);
        }
        if (out.hasRemaining()) {
            throw new IllegalStateException("messages encoded to " + out.position() + " bytes, expected "
                    + out.capacity());
        }
    }

    /**
     * Decodes the datagram in {@code datagram}'s remaining bytes (without moving its position). Never throws: a
     * datagram over the limit, malformed, foreign, of another version or with bytes after its last message is
     * {@link Decoded.Dropped} and counted; so is, when sealing, a clear or unauthenticated one, and without sealing
     * a sealed one.
     */
    public Decoded<List<SwimMessage>> decode(ByteBuffer datagram) {
        ByteBuffer in = datagram.slice();
        return Envelope.guard(() -> {
            if (in.remaining() > limits.maxDatagramBytes()) {
                throw new DropSignal(DropReason.TOO_LARGE);
            }
            WireReader header = new WireReader(in);
            int kind = Envelope.read(header, expectedLabel);
            if ((kind & ~Sealer.SEALED_KIND) != Envelope.KIND_PACKET) {
                throw new DropSignal(DropReason.UNKNOWN_TYPE);
            }
            WireReader r = Sealer.body(kind, in, header, sealer);
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

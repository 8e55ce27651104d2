package io.plumtree.engine.wire;

import io.plumtree.engine.node.Frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One TCP frame: a 4-byte big-endian length of what follows, the {@link Envelope} header, then for {@link
 * Envelope#KIND_MEMBERSHIP_FRAME} one SWIM message, for {@link Envelope#KIND_BROADCAST_FRAME} the sender's name and
 * one Plumtree message, for {@link Envelope#KIND_HELLO_FRAME} the opener's advertised address. One codec serves one cluster label; {@link FrameReader} cuts a stream into frames with it.
 * With {@link Sealing}, what follows the header is sealed ({@link Sealer}) and the length prefix counts the sealed
 * bytes.
 */
public final class FrameCodec {

    /** Bytes of the length prefix. */
    public static final int LENGTH_PREFIX_BYTES = 4;

    private final byte[] label;
    /** {@link #label} as the decoder compares it. */
    private final PackedBytes expectedLabel;
    private final WireLimits limits;
    private final SwimCodec swim;
    private final PlumtreeCodec plumtree;
    private final StateCodec state;
    private final DropCounters counters;
    /** Seals and opens every frame, or null when frames travel in the clear. */
    private final Sealer sealer;
    /** The bytes of the node names written last (a sender's and an origin's name are in every broadcast frame). */
    private final EncodedNames names = new EncodedNames();

    /**
     * A codec for one cluster, without sealing.
     *
     * @param label    the cluster label, at most {@value WireLimits#MAX_LABEL_BYTES} bytes of UTF-8; may be empty
     * @param limits   the limits, {@link WireLimits#maxFrameBytes()} above all
     * @param counters where drops are counted
     */
    public FrameCodec(String label, WireLimits limits, DropCounters counters) {
        this(label, limits, counters, Sealing.none());
    }

    /**
     * A codec for one cluster that seals as {@code sealing} says.
     *
     * @param label    the cluster label, at most {@value WireLimits#MAX_LABEL_BYTES} bytes of UTF-8; may be empty
     * @param limits   the limits, {@link WireLimits#maxFrameBytes()} above all
     * @param counters where drops are counted
     * @param sealing  {@link Sealing#none()}, or the keyring and nonce source to seal every frame with
     */
    public FrameCodec(String label, WireLimits limits, DropCounters counters, Sealing sealing) {
        this.label = Envelope.labelBytes(label);
        this.expectedLabel = new PackedBytes(this.label);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.swim = new SwimCodec(limits);
        this.plumtree = new PlumtreeCodec(limits);
        this.state = new StateCodec(limits);
        this.counters = Objects.requireNonNull(counters, "counters");
        this.sealer = Objects.requireNonNull(sealing, "sealing").newSealer();
    }

    WireLimits limits() {
        return limits;
    }

    DropCounters counters() {
        return counters;
    }

    /** Whether this codec seals frames: then every frame is encoded on its own, with its own nonce. */
    public boolean seals() {
        return sealer != null;
    }

    /** Bytes of the frame carrying {@code frame}, length prefix included. */
    public long encodedSize(Frame frame) {
        return LENGTH_PREFIX_BYTES + bodySize(frame);
    }

    /** What the length prefix counts: header, label, nonce and tag when sealing, content. */
    private long bodySize(Frame frame) {
        return Envelope.HEADER_BYTES + label.length + (sealer == null ? 0 : Sealer.OVERHEAD) + contentSize(frame);
    }

    /** Bytes of what follows the header, in the clear. */
    private long contentSize(Frame frame) {
        if (frame instanceof Frame.Membership f) {
            return f.message().encodedSize();
        } else if (frame instanceof Frame.Broadcast f) {
            return PlumtreeCodec.sizeOf(f.from()) + plumtree.encodedSize(f.message());
        } else if (frame instanceof Frame.Hello f) {
            return 2 + (long) f.address().getBytes(StandardCharsets.UTF_8).length;
        } else if (frame instanceof Frame.State f) {
            return PlumtreeCodec.sizeOf(f.from()) + f.message().encodedSize();
        }
        throw new IllegalStateException("no encoding for " + frame.getClass());
    }

    /**
     * Writes {@code frame}, length prefix first, at {@code out}'s position.
     *
     * @throws IllegalArgumentException         if it would exceed {@link WireLimits#maxFrameBytes()}, or a field
     *                                          exceeds its limit
     * @throws java.nio.BufferOverflowException if {@code out} has less than {@link #encodedSize} bytes left
     */
    public void encode(Frame frame, ByteBuffer out) {
        long body = bodySize(frame);
        if (body > limits.maxFrameBytes()) {
            throw new IllegalArgumentException("frame is " + body + " bytes; the maximum is "
                    + limits.maxFrameBytes());
        }
        int start = out.position();
        WireWriter w = new WireWriter(out, names);
        w.writeInt((int) body);
        int kind = kindOf(frame);
        if (sealer == null) {
            Envelope.write(w, kind, label);
            writeContent(frame, w);
        } else {
            int header = out.position();
            Envelope.write(w, kind | Sealer.SEALED_KIND, label);
            ByteBuffer plain = ByteBuffer.allocate((int) contentSize(frame));
            writeContent(frame, new WireWriter(plain, names));
            if (plain.hasRemaining()) {
                throw new IllegalStateException("frame content encoded to " + plain.position() + " bytes, expected "
                        + plain.capacity());
            }
            sealer.seal(plain.flip(), out.slice(header, out.position() - header), out);
        }
        if (out.position() - start != LENGTH_PREFIX_BYTES + body) {
            throw new IllegalStateException("frame encoded to " + (out.position() - start) + " bytes, expected "
                    + (LENGTH_PREFIX_BYTES + body));
        }
    }

    private static int kindOf(Frame frame) {
        if (frame instanceof Frame.Membership) {
            return Envelope.KIND_MEMBERSHIP_FRAME;
        } else if (frame instanceof Frame.Broadcast) {
            return Envelope.KIND_BROADCAST_FRAME;
        } else if (frame instanceof Frame.State) {
            return Envelope.KIND_STATE_FRAME;
        }
        return Envelope.KIND_HELLO_FRAME;
    }

    private void writeContent(Frame frame, WireWriter w) {
        if (frame instanceof Frame.Membership f) {
            swim.write(f.message(), w);
        } else if (frame instanceof Frame.Broadcast f) {
            w.writeNodeId(f.from());
            plumtree.write(f.message(), w);
        } else if (frame instanceof Frame.Hello f) {
            w.writeString(f.address(), WireLimits.MAX_ADDRESS_BYTES, "address");
        } else if (frame instanceof Frame.State f) {
            w.writeNodeId(f.from());
            state.write(f.message(), w);
        }
    }

    /** {@code frame} in a new buffer, ready to read. */
    public ByteBuffer encode(Frame frame) {
        long size = encodedSize(frame);
        if (size - LENGTH_PREFIX_BYTES > limits.maxFrameBytes()) {
            throw new IllegalArgumentException("frame is " + (size - LENGTH_PREFIX_BYTES)
                    + " bytes; the maximum is " + limits.maxFrameBytes());
        }
        ByteBuffer out = ByteBuffer.allocate((int) size);
        encode(frame, out);
        return out.flip();
    }

    /**
     * Decodes exactly one whole frame, length prefix included, from {@code in}'s remaining bytes (without moving its
     * position). Never throws. For a stream, use {@link FrameReader}.
     */
    public Decoded<Frame> decode(ByteBuffer in) {
        ByteBuffer frame = in.slice();
        if (frame.remaining() < LENGTH_PREFIX_BYTES) {
            return drop(DropReason.TRUNCATED);
        }
        int length = frame.getInt();
        if (length < 0 || length > limits.maxFrameBytes()) {
            return drop(DropReason.TOO_LARGE);
        }
        if (frame.remaining() < length) {
            return drop(DropReason.TRUNCATED);
        }
        if (frame.remaining() > length) {
            return drop(DropReason.TRAILING_BYTES);
        }
        return decodeBody(frame.slice());
    }

    /**
     * Decodes a frame's body (what its length prefix counts): all of {@code in}, a buffer of its own whose index 0 is
     * the header's first byte (a slice; {@link FrameReader} cuts one per frame, and a sealed frame's header is read
     * from index 0 as the associated data). Moves {@code in}'s position.
     */
    Decoded<Frame> decodeBody(ByteBuffer in) {
        return Envelope.guard(() -> {
            WireReader header = new WireReader(in);
            int kind = Envelope.read(header, expectedLabel);
            int clearKind = kind & ~Sealer.SEALED_KIND;
            if (clearKind != Envelope.KIND_MEMBERSHIP_FRAME && clearKind != Envelope.KIND_BROADCAST_FRAME
                    && clearKind != Envelope.KIND_HELLO_FRAME && clearKind != Envelope.KIND_STATE_FRAME) {
                throw new DropSignal(DropReason.UNKNOWN_TYPE);
            }
            WireReader r = Sealer.body(kind, in, header, sealer);
            Frame frame;
            if (clearKind == Envelope.KIND_MEMBERSHIP_FRAME) {
                frame = new Frame.Membership(swim.read(r));
            } else if (clearKind == Envelope.KIND_HELLO_FRAME) {
                frame = new Frame.Hello(r.readString(WireLimits.MAX_ADDRESS_BYTES));
            } else if (clearKind == Envelope.KIND_STATE_FRAME) {
                frame = new Frame.State(r.readNodeId(), state.read(r));
            } else {
                frame = new Frame.Broadcast(r.readNodeId(), plumtree.read(r));
            }
            r.expectEnd();
            return frame;
        }, counters);
    }

    /** Counts and answers a drop. */
    Decoded<Frame> drop(DropReason reason) {
        counters.increment(reason);
        return new Decoded.Dropped<>(reason);
    }
}

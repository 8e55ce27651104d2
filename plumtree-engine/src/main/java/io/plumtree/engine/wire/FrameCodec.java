package io.plumtree.engine.wire;

import io.plumtree.engine.node.Frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One TCP frame: a 4-byte big-endian length of what follows, the {@link Envelope} header, then for {@link
 * Envelope#KIND_MEMBERSHIP_FRAME} one SWIM message, for {@link Envelope#KIND_BROADCAST_FRAME} the sender's name and
 * one Plumtree message. One codec serves one cluster label; {@link FrameReader} cuts a stream into frames with it.
 */
public final class FrameCodec {

    /** Bytes of the length prefix. */
    public static final int LENGTH_PREFIX_BYTES = 4;

    private final byte[] label;
    private final WireLimits limits;
    private final SwimCodec swim;
    private final PlumtreeCodec plumtree;
    private final DropCounters counters;

    /**
     * A codec for one cluster.
     *
     * @param label    the cluster label, at most {@value WireLimits#MAX_LABEL_BYTES} bytes of UTF-8; may be empty
     * @param limits   the limits, {@link WireLimits#maxFrameBytes()} above all
     * @param counters where drops are counted
     */
    public FrameCodec(String label, WireLimits limits, DropCounters counters) {
        this.label = Envelope.labelBytes(label);
        this.limits = Objects.requireNonNull(limits, "limits");
        this.swim = new SwimCodec(limits);
        this.plumtree = new PlumtreeCodec(limits);
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    WireLimits limits() {
        return limits;
    }

    DropCounters counters() {
        return counters;
    }

    /** Bytes of the frame carrying {@code frame}, length prefix included. */
    public long encodedSize(Frame frame) {
        return LENGTH_PREFIX_BYTES + bodySize(frame);
    }

    private long bodySize(Frame frame) {
        long size = Envelope.HEADER_BYTES + label.length;
        if (frame instanceof Frame.Membership f) {
            return size + f.message().encodedSize();
        } else if (frame instanceof Frame.Broadcast f) {
            return size + PlumtreeCodec.sizeOf(f.from()) + plumtree.encodedSize(f.message());
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
        WireWriter w = new WireWriter(out);
        w.writeInt((int) body);
        if (frame instanceof Frame.Membership f) {
            Envelope.write(w, Envelope.KIND_MEMBERSHIP_FRAME, label);
            swim.write(f.message(), w);
        } else if (frame instanceof Frame.Broadcast f) {
            Envelope.write(w, Envelope.KIND_BROADCAST_FRAME, label);
            w.writeNodeId(f.from());
            plumtree.write(f.message(), w);
        }
        if (out.position() - start != LENGTH_PREFIX_BYTES + body) {
            throw new IllegalStateException("frame encoded to " + (out.position() - start) + " bytes, expected "
                    + (LENGTH_PREFIX_BYTES + body));
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
        return decodeBody(frame);
    }

    /** Decodes a frame's body (what its length prefix counts): the remaining bytes of {@code body}. */
    Decoded<Frame> decodeBody(ByteBuffer body) {
        WireReader r = new WireReader(body.slice());
        return Envelope.guard(() -> {
            int kind = Envelope.read(r, label);
            Frame frame;
            if (kind == Envelope.KIND_MEMBERSHIP_FRAME) {
                frame = new Frame.Membership(swim.read(r));
            } else if (kind == Envelope.KIND_BROADCAST_FRAME) {
                frame = new Frame.Broadcast(r.readNodeId(), plumtree.read(r));
            } else {
                throw new DropSignal(DropReason.UNKNOWN_TYPE);
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

package io.plumtree.engine.wire;

import io.plumtree.engine.node.Frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Cuts the bytes of one TCP connection into frames, however the reads split them. One reader per connection, used by
 * the connection's owning thread only.
 *
 * <p>Whole frames in the incoming buffer are decoded in place; only the bytes of a frame split across reads are
 * copied, into a buffer that grows with the bytes actually received (never to a declared length up front). A length
 * prefix is checked against {@link WireLimits#maxFrameBytes()} as soon as its 4 bytes are in: an oversized frame is
 * fatal for the connection, since the stream cannot be resynchronised. A malformed or foreign frame within the limit
 * is dropped, counted, and the stream goes on.
 */
public final class FrameReader {

    /** First capacity of the buffer of a split frame. */
    private static final int INITIAL_CAPACITY = 256;
    /** A buffer grown beyond this for a large frame is released once the frame is done. */
    private static final int RETAINED_CAPACITY = 64 * 1024;

    private final FrameCodec codec;
    private final int maxFrameBytes;
    /** The bytes of the frame split across reads (prefix included), in write mode; empty between frames. */
    private ByteBuffer pending = ByteBuffer.allocate(0);
    /** The body length the pending frame's prefix declared, or -1 while its prefix is incomplete. */
    private int pendingLength = -1;
    /** Why the stream died, or null while it is healthy. */
    private DropReason fatal;

    /** A reader decoding with {@code codec} (its label, limits and drop counters). */
    public FrameReader(FrameCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.maxFrameBytes = codec.limits().maxFrameBytes();
    }

    /** Bytes held of a frame not yet complete. */
    public int bufferedBytes() {
        return pending.position();
    }

    /**
     * Consumes {@code incoming}'s remaining bytes, handing every complete frame to {@code out} in stream order and
     * keeping a trailing partial frame for the next call. Never throws on remote input; on a fatal result stops
     * where the fault is and leaves the rest of {@code incoming} unread.
     */
    public ReadResult read(ByteBuffer incoming, FrameSink out) {
        if (fatal != null) {
            return new ReadResult.Fatal(fatal, 0, 0);
        }
        int delivered = 0;
        int dropped = 0;
        while (incoming.hasRemaining()) {
            if (pending.position() == 0 && incoming.remaining() >= FrameCodec.LENGTH_PREFIX_BYTES) {
                int length = incoming.getInt(incoming.position());
                if (tooLarge(length)) {
                    return die(delivered, dropped);
                }
                if (FrameCodec.LENGTH_PREFIX_BYTES + (long) length <= incoming.remaining()) {
                    int end = incoming.position() + FrameCodec.LENGTH_PREFIX_BYTES + length;
                    ByteBuffer body = incoming.slice(incoming.position() + FrameCodec.LENGTH_PREFIX_BYTES, length);
                    incoming.position(end);
                    if (deliver(body, out)) {
                        delivered++;
                    } else {
                        dropped++;
                    }
                    continue;
                }
            }
            if (pendingLength < 0) {
                copy(incoming, FrameCodec.LENGTH_PREFIX_BYTES - pending.position(), FrameCodec.LENGTH_PREFIX_BYTES);
                if (pending.position() < FrameCodec.LENGTH_PREFIX_BYTES) {
                    break;
                }
                int length = pending.getInt(0);
                if (tooLarge(length)) {
                    return die(delivered, dropped);
                }
                pendingLength = length;
            }
            int total = FrameCodec.LENGTH_PREFIX_BYTES + pendingLength;
            copy(incoming, total - pending.position(), total);
            if (pending.position() < total) {
                break;
            }
            ByteBuffer body = pending.slice(FrameCodec.LENGTH_PREFIX_BYTES, pendingLength);
            if (deliver(body, out)) {
                delivered++;
            } else {
                dropped++;
            }
            pendingLength = -1;
            pending = pending.capacity() > RETAINED_CAPACITY ? ByteBuffer.allocate(0) : pending.clear();
        }
        return new ReadResult.Open(delivered, dropped);
    }

    private boolean tooLarge(int length) {
        return length < 0 || length > maxFrameBytes;
    }

    private ReadResult die(int delivered, int dropped) {
        fatal = DropReason.TOO_LARGE;
        codec.counters().increment(fatal);
        pending = ByteBuffer.allocate(0);
        return new ReadResult.Fatal(fatal, delivered, dropped);
    }

    private boolean deliver(ByteBuffer body, FrameSink out) {
        Decoded<Frame> decoded = codec.decodeBody(body);
        if (decoded instanceof Decoded.Ok<Frame> ok) {
            out.accept(ok.value());
            return true;
        }
        return false;
    }

    /** Copies up to {@code wanted} bytes of {@code incoming} into {@code pending}, which never exceeds {@code cap}. */
    private void copy(ByteBuffer incoming, int wanted, int cap) {
        int take = Math.min(wanted, incoming.remaining());
        int needed = pending.position() + take;
        if (needed > pending.capacity()) {
            int grown = Math.min(cap, Math.max(needed, Math.max(INITIAL_CAPACITY, 2 * pending.capacity())));
            ByteBuffer bigger = ByteBuffer.allocate(grown);
            bigger.put(pending.flip());
            pending = bigger;
        }
        pending.put(pending.position(), incoming, incoming.position(), take);
        pending.position(needed);
        incoming.position(incoming.position() + take);
    }
}

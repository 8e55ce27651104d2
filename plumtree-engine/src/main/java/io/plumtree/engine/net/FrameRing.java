package io.plumtree.engine.net;

import java.nio.ByteBuffer;
import java.util.Collection;

/**
 * Encoded gossip frames (the payloads) in one direct buffer that every connection's queue reads from: a frame pushed
 * to nine peers is written into the ring once, each queue holds a view of it, and a connection whose queued frames lie
 * one after another in the ring writes them with one {@code write} straight from it ({@link Connection#flush}).
 *
 * <p>Before, each queue's frames were copied into the connection's own staging buffer first: at ten nodes the
 * publishing node copied every payload nine times, 18 % of its network thread's time. Frames that do not fit (the ring
 * is full because some peer's queue still holds its oldest frames, or the frame is larger than an eighth of the ring)
 * are not placed here; the loop then queues a heap copy, which goes through the staging buffer as before.
 *
 * <p>Positions count bytes since the ring was made; the byte at position {@code p} is at index
 * {@code p & (capacity - 1)}. A frame never wraps: one that would is placed at index 0 and the bytes skipped are
 * unused. Live frames always lie within fewer than {@code capacity} bytes of the newest, so an index in a queue names
 * one position. Where the oldest live frame starts is learned from the connections' queues
 * ({@link Connection#oldestRingIndex()}) only when the ring seems full.
 *
 * <p>Loop thread only.
 */
final class FrameRing {

    /** Placements refused without asking the connections again after they were asked and the ring was still full. */
    private static final int REFUSALS_BEFORE_RETRY = 64;

    private final ByteBuffer bytes;
    private final int mask;
    /** Position just past the newest frame. */
    private long head;
    /** A position no live frame starts before (the oldest one may start later: known exactly only when asked). */
    private long tail;
    /** Placements still to refuse at once after the last full ring. */
    private int refusals;

    /** @param capacity bytes, a power of two */
    FrameRing(int capacity) {
        if (capacity < 1024 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two of at least 1024, got " + capacity);
        }
        this.bytes = ByteBuffer.allocateDirect(capacity);
        this.mask = capacity - 1;
    }

    /**
     * Room for a frame of {@code length} bytes: a view whose position is the frame's first byte and whose limit is
     * just past its last, for the caller to fill (then to rewind to that position) and to hand to the queues as
     * duplicates; or null when there is no room now.
     *
     * @param holders every connection whose queue may hold views of this ring
     */
    ByteBuffer reserve(int length, Collection<Connection> holders) {
        int capacity = mask + 1;
        if (length <= 0 || length > capacity / 8) {
            return null;
        }
        int at = (int) (head & mask);
        long start = at + length > capacity ? head + (capacity - at) : head;
        long end = start + length;
        if (end - tail >= capacity) {
            if (refusals > 0) {
                refusals--;
                return null;
            }
            tail = oldestLive(holders);
            if (end - tail >= capacity) {
                refusals = REFUSALS_BEFORE_RETRY;
                return null;
            }
        }
        head = end;
        int index = (int) (start & mask);
        ByteBuffer view = bytes.duplicate();
        view.limit(index + length).position(index);
        return view;
    }

    /** Whether {@code frame} is a view of a ring (no other queued buffer is direct). */
    static boolean holds(ByteBuffer frame) {
        return frame.isDirect();
    }

    /** Where the oldest frame any queue still holds starts; {@link #head} if none. */
    private long oldestLive(Collection<Connection> holders) {
        long oldest = head;
        int headIndex = (int) (head & mask);
        for (Connection c : holders) {
            int index = c.oldestRingIndex();
            if (index >= 0) {
                oldest = Math.min(oldest, head - ((headIndex - index) & mask));
            }
        }
        return oldest;
    }

    /** Bytes of the ring. */
    int capacity() {
        return mask + 1;
    }
}

package io.plumtree.engine.net;

import io.plumtree.engine.wire.FrameReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * One TCP connection between this node and a peer, owned by the loop thread: its channel, the reader that cuts its
 * bytes into frames, and its outbound queue, bounded in bytes by the loop.
 */
final class Connection {

    /**
     * Bytes of the direct buffer frames are copied into before a write: one contiguous write of up to this many bytes
     * instead of a gathering write of heap buffers, each of which the JDK copies into a temporary direct buffer of
     * its own anyway.
     */
    static final int STAGING_BYTES = 64 * 1024;
    /**
     * Most bytes of ring frames one write offers (more are written when the socket took all of them): a backlogged
     * queue is not walked further than a socket takes in one write.
     */
    static final int MAX_RING_RUN_BYTES = 1024 * 1024;

    final SocketChannel channel;
    /** Whether this node opened it. */
    final boolean outbound;
    /** Cuts the incoming bytes into frames. */
    final FrameReader reader;
    /** The peer's advertised address: known at once when outbound, from its hello when inbound; null before that. */
    String peer;
    SelectionKey key;
    /** Whether the TCP handshake is done. */
    boolean connected;
    /** Loop time the connect started, for the connect timeout. */
    final long openedNanos;
    /** Loop time of the last byte read or written. */
    long lastActivityNanos;
    /**
     * Whether this connection lost a simultaneous open (or was superseded): nothing new is queued on it; it closes
     * once its queue is written (outbound) or when the peer closes it (inbound).
     */
    boolean retired;
    /** Whether frames were queued this turn and the loop will write them at the end of it. */
    boolean dirty;

    /** Whether read interest is set on {@link #key} (the loop pauses some streams under back-pressure). */
    boolean reading;

    /**
     * Encoded gossip frames (the payloads) waiting to be copied into {@link #staging}, oldest first; the head may be
     * partly copied.
     */
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    /**
     * Encoded control frames (everything but gossip: announcements, GRAFT, PRUNE, digests, membership, state, the
     * hello) waiting, oldest first: each is staged before any gossip frame not yet begun, so a PRUNE or a membership
     * answer does not wait behind megabytes of payloads.
     */
    private final ArrayDeque<ByteBuffer> control = new ArrayDeque<>();
    /** The lane whose head is partly copied into {@link #staging} and must be finished first; null if none. */
    private ArrayDeque<ByteBuffer> started;
    /**
     * The bytes of the next write, between position and limit (direct, {@value #STAGING_BYTES} bytes, made on the
     * first flush); empty when everything copied was written.
     */
    private ByteBuffer staging;
    /** Where each frame copied whole into {@link #staging} ends in it, in order; {@link #stagedFrames} of them. */
    private int[] stagedEnds = new int[64];
    private int stagedFrames;
    /** Bytes queued or staged and not yet written. */
    private long queuedBytes;
    /**
     * Whether the head of {@link #queue} is a {@link FrameRing} frame partly written straight from the ring: its rest
     * goes out before anything else.
     */
    private boolean ringStarted;

    Connection(SocketChannel channel, boolean outbound, FrameReader reader, long nowNanos) {
        this.channel = channel;
        this.outbound = outbound;
        this.reader = reader;
        this.openedNanos = nowNanos;
        this.lastActivityNanos = nowNanos;
    }

    long queuedBytes() {
        return queuedBytes;
    }

    boolean hasQueued() {
        return !queue.isEmpty() || !control.isEmpty() || staging != null && staging.hasRemaining();
    }

    /**
     * Queues an encoded frame: a control frame goes out ahead of the gossip frames queued and not yet begun, a
     * gossip frame after every frame queued before it. Each lane keeps its own order.
     */
    void enqueue(ByteBuffer frame, boolean isControl) {
        (isControl ? control : queue).add(frame);
        queuedBytes += frame.remaining();
    }

    /**
     * Writes as much of the queue as the socket takes now: frames are copied (control frames first, see {@link
     * #enqueue}) into the staging buffer, which goes out in one write per {@value #STAGING_BYTES} bytes; a frame larger
     * than that is copied in parts. Gossip frames in a {@link FrameRing} are not copied: the run of them that lie one
     * after another in the ring goes out in one write straight from it.
     *
     * @return bytes written
     */
    long flush() throws IOException {
        ByteBuffer s = staging;
        if (s == null) {
            s = ByteBuffer.allocateDirect(STAGING_BYTES).flip();
            staging = s;
        }
        long total = 0;
        while (true) {
            if (!s.hasRemaining()) {
                stagedFrames = 0;
                if (queue.isEmpty() && control.isEmpty()) {
                    break;
                }
                if (started == null && (ringStarted || control.isEmpty()) && FrameRing.holds(queue.peek())) {
                    long written = writeRingRun();
                    total += written;
                    if (written == 0 || ringStarted) {
                        break; // the socket's send buffer is full: wait for OP_WRITE
                    }
                    continue;
                }
                stage(s);
            }
            int written = channel.write(s);
            total += written;
            queuedBytes -= written;
            if (s.hasRemaining()) {
                break; // the socket's send buffer is full: wait for OP_WRITE
            }
        }
        return total;
    }

    /**
     * Writes the ring frames at the head of the gossip queue that follow one another in the ring, in one write; drops
     * those written whole and leaves {@link #ringStarted} set if the last one written is written in part.
     */
    private long writeRingRun() throws IOException {
        ByteBuffer first = queue.peek();
        int end = first.limit();
        for (ByteBuffer next : queue) {
            if (next == first) {
                continue;
            }
            if (!FrameRing.holds(next) || next.position() != end || end - first.position() >= MAX_RING_RUN_BYTES) {
                break;
            }
            end = next.limit();
        }
        ByteBuffer run = first.duplicate();
        run.limit(end);
        int written = channel.write(run);
        if (written == 0) {
            return 0;
        }
        queuedBytes -= written;
        int left = written;
        ringStarted = false;
        while (left > 0) {
            ByteBuffer head = queue.peek();
            int take = Math.min(left, head.remaining());
            head.position(head.position() + take);
            left -= take;
            if (head.hasRemaining()) {
                ringStarted = true;
            } else {
                queue.poll();
            }
        }
        return written;
    }

    /** The ring index of the oldest {@link FrameRing} byte this queue still holds, or -1 if it holds none. */
    int oldestRingIndex() {
        for (ByteBuffer frame : queue) {
            if (FrameRing.holds(frame)) {
                return frame.position();
            }
        }
        return -1;
    }

    /**
     * Refills the empty staging buffer: a frame begun in the last one first, then control frames, then gossip frames.
     */
    private void stage(ByteBuffer s) {
        s.clear();
        while (s.hasRemaining()) {
            ArrayDeque<ByteBuffer> lane = started != null ? started : control.isEmpty() ? queue : control;
            ByteBuffer head = lane.peek();
            if (head == null || FrameRing.holds(head)) {
                break; // a ring frame is written from the ring (writeRingRun)
            }
            if (head.remaining() <= s.remaining()) {
                s.put(head);
                lane.poll();
                started = null;
                if (stagedFrames == stagedEnds.length) {
                    stagedEnds = Arrays.copyOf(stagedEnds, stagedFrames * 2);
                }
                stagedEnds[stagedFrames++] = s.position();
            } else if (s.position() == 0) {
                int limit = head.limit();
                head.limit(head.position() + s.remaining());
                s.put(head);
                head.limit(limit);
                started = lane;
            } else {
                break;
            }
        }
        s.flip();
    }

    /** Frames dropped with the queue when the connection dies. */
    int discardQueue() {
        int n = queue.size() + control.size();
        for (int i = 0; i < stagedFrames; i++) {
            if (stagedEnds[i] > staging.position()) {
                n++;
            }
        }
        queue.clear();
        control.clear();
        started = null;
        ringStarted = false;
        if (staging != null) {
            staging.clear().flip();
        }
        stagedFrames = 0;
        queuedBytes = 0;
        return n;
    }

    @Override
    public String toString() {
        return (outbound ? "out" : "in") + "[" + (peer == null ? "?" : peer) + (retired ? ", retired" : "") + "]";
    }
}

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

    /** Most buffers handed to one gathering write. */
    private static final int MAX_GATHER = 64;

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

    /** Encoded frames waiting to be written, oldest first; the head may be partly written. */
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    /** Bytes in {@link #queue} not yet written. */
    private long queuedBytes;

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
        return !queue.isEmpty();
    }

    void enqueue(ByteBuffer frame) {
        queue.add(frame);
        queuedBytes += frame.remaining();
    }

    /**
     * Writes as much of the queue as the socket takes now, coalescing up to {@value #MAX_GATHER} frames per gathering
     * write.
     *
     * @return bytes written
     */
    long flush() throws IOException {
        long total = 0;
        while (!queue.isEmpty()) {
            int n = 0;
            for (ByteBuffer b : queue) {
                gather[n++] = b;
                if (n == MAX_GATHER) {
                    break;
                }
            }
            long written = channel.write(gather, 0, n);
            boolean allWritten = !gather[n - 1].hasRemaining();
            Arrays.fill(gather, 0, n, null);
            total += written;
            queuedBytes -= written;
            while (!queue.isEmpty() && !queue.peek().hasRemaining()) {
                queue.poll();
            }
            if (!allWritten) {
                break; // the socket's send buffer is full: wait for OP_WRITE
            }
        }
        return total;
    }

    /** Frames dropped with the queue when the connection dies. */
    int discardQueue() {
        int n = queue.size();
        queue.clear();
        queuedBytes = 0;
        return n;
    }

    @Override
    public String toString() {
        return (outbound ? "out" : "in") + "[" + (peer == null ? "?" : peer) + (retired ? ", retired" : "") + "]";
    }
}

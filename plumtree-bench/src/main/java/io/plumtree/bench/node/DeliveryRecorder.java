package io.plumtree.bench.node;

import io.plumtree.bench.Payload;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What one node delivered: for each sequence number, the latency from publish to delivery here, in microseconds plus
 * one (0 means not delivered), and for the publisher the publish time of each sequence, in microseconds since the
 * recorder was made. Both are held in chunks of {@value #CHUNK} ints, those of the expected number of messages
 * allocated up front (the publish times at the first publish, so only the publisher holds them), so a rated run does
 * not grow the heap it measures; beyond that they are allocated as sequences reach them, so a long full-speed run
 * (JGroups publishes 500,000 a second here) needs 8 bytes per message and never a copy of everything recorded.
 * Thread-safe (deliveries may come from several threads).
 */
public final class DeliveryRecorder {

    /**
     * Ints per chunk: small, so that the branch allocating one is taken every few thousand messages, warm-up included.
     * With chunks of a million ints it was first taken 37 s into a full-speed run at n = 10, inside the measured
     * window, and the JIT threw away the compiled delivery path and publisher loop it had inlined the recorder into
     * (an {@code unstable_if} trap on every node), which then ran interpreted until compiled again.
     */
    static final int CHUNK = 1 << 12;

    /** Latency in microseconds, plus one, by sequence; 0 = not delivered. */
    private final ChunkedInts latencyMicros = new ChunkedInts();
    /** Publish time by sequence, microseconds after {@link #epochNanos}, on the publisher only. */
    private final ChunkedInts publishMicros = new ChunkedInts();
    /** What publish times count from. */
    private final long epochNanos = System.nanoTime();
    /** One past the highest sequence delivered. */
    private int delivered;
    /** One past the highest sequence published. */
    private int published;
    private long deliveries;
    private long duplicates;

    /** Expected number of messages: the chunks holding them are allocated up front. */
    private final int capacity;

    /** @param capacity expected number of messages; the chunks holding them are allocated up front */
    public DeliveryRecorder(int capacity) {
        this.capacity = Math.max(1024, capacity);
        latencyMicros.reserve(this.capacity);
    }

    /** Records the delivery of the payload at {@code offset} in {@code p}, now. */
    public void delivered(byte[] p, int offset) {
        long now = System.nanoTime();
        delivered(Payload.sequence(p, offset), now - Payload.publishNanos(p, offset));
    }

    /** Records the delivery of {@code sequence} after {@code latencyNanos}. */
    public synchronized void delivered(long sequence, long latencyNanos) {
        int seq = (int) sequence;
        if (latencyMicros.get(seq) != 0) {
            duplicates++;
            return;
        }
        latencyMicros.set(seq, (int) Math.min(Integer.MAX_VALUE - 1, Math.max(0, latencyNanos / 1000)) + 1);
        delivered = Math.max(delivered, seq + 1);
        deliveries++;
    }

    /** Records that {@code sequence} was published at {@code nanos}. */
    public synchronized void published(long sequence, long nanos) {
        if (published == 0) {
            publishMicros.reserve(capacity); // a 10-minute run at 2,000/s once grew node 0's heap by 4 MiB here
        }
        int seq = (int) sequence;
        publishMicros.set(seq, Math.toIntExact(Math.floorDiv(nanos - epochNanos, 1000))); // runs shorter than 35 min
        published = Math.max(published, seq + 1);
    }

    /** Chunks of publish times held; for tests. */
    synchronized int publishChunks() {
        return publishMicros.chunks.size();
    }

    /** Distinct messages delivered. */
    public synchronized long deliveries() {
        return deliveries;
    }

    /** Messages delivered more than once (counted once each time). */
    public synchronized long duplicates() {
        return duplicates;
    }

    /**
     * Writes {@code count, latencyMicros[0..count)} then {@code published, publishNanos[0..published)} (published is
     * 0 except on the publisher; nanos to microsecond precision), big-endian.
     */
    public synchronized void writeTo(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(delivered);
        for (int i = 0; i < delivered; i++) {
            d.writeInt(latencyMicros.get(i));
        }
        d.writeInt(published);
        for (int i = 0; i < published; i++) {
            d.writeLong(epochNanos + publishMicros.get(i) * 1000L);
        }
        d.flush();
    }

    /** A growable int array in chunks; unset entries read 0. */
    private static final class ChunkedInts {
        private final List<int[]> chunks = new ArrayList<>();

        int get(int i) {
            int c = i / CHUNK;
            return c < chunks.size() ? chunks.get(c)[i % CHUNK] : 0;
        }

        void set(int i, int v) {
            reserve(i + 1);
            chunks.get(i / CHUNK)[i % CHUNK] = v;
        }

        /** Allocates the chunks holding indices below {@code n}. */
        void reserve(int n) {
            while ((long) chunks.size() * CHUNK < n) {
                chunks.add(new int[CHUNK]);
            }
        }
    }
}

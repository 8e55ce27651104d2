package io.plumtree.bench.node;

import io.plumtree.bench.Payload;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * What one node delivered: for each sequence number, the latency from publish to delivery here, in microseconds plus
 * one (0 means not delivered), and for the publisher the publish time of each sequence. Arrays are sized up front
 * for the expected message count, so a rated run does not grow the heap it measures; they double when exceeded.
 * Thread-safe (deliveries may come from several threads).
 */
public final class DeliveryRecorder {

    /** Latency in microseconds, plus one, by sequence; 0 = not delivered. */
    private int[] latencyMicros;
    /** Publish time by sequence, on the publisher only. */
    private long[] publishNanos;
    /** One past the highest sequence delivered. */
    private int delivered;
    /** One past the highest sequence published. */
    private int published;
    private long deliveries;
    private long duplicates;

    /** @param capacity expected number of messages */
    public DeliveryRecorder(int capacity) {
        latencyMicros = new int[Math.max(1024, capacity)];
    }

    /** Records the delivery of the payload at {@code offset} in {@code p}, now. */
    public void delivered(byte[] p, int offset) {
        long now = System.nanoTime();
        delivered(Payload.sequence(p, offset), now - Payload.publishNanos(p, offset));
    }

    /** Records the delivery of {@code sequence} after {@code latencyNanos}. */
    public synchronized void delivered(long sequence, long latencyNanos) {
        int seq = (int) sequence;
        if (seq >= latencyMicros.length) {
            latencyMicros = Arrays.copyOf(latencyMicros, Math.max(seq + 1, latencyMicros.length * 2));
        }
        if (latencyMicros[seq] != 0) {
            duplicates++;
            return;
        }
        latencyMicros[seq] = (int) Math.min(Integer.MAX_VALUE - 1, Math.max(0, latencyNanos / 1000)) + 1;
        delivered = Math.max(delivered, seq + 1);
        deliveries++;
    }

    /** Records that {@code sequence} was published at {@code nanos}. */
    public synchronized void published(long sequence, long nanos) {
        int seq = (int) sequence;
        if (publishNanos == null) {
            publishNanos = new long[latencyMicros.length];
        }
        if (seq >= publishNanos.length) {
            publishNanos = Arrays.copyOf(publishNanos, Math.max(seq + 1, publishNanos.length * 2));
        }
        publishNanos[seq] = nanos;
        published = Math.max(published, seq + 1);
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
     * 0 except on the publisher), big-endian.
     */
    public synchronized void writeTo(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(delivered);
        for (int i = 0; i < delivered; i++) {
            d.writeInt(latencyMicros[i]);
        }
        d.writeInt(published);
        for (int i = 0; i < published; i++) {
            d.writeLong(publishNanos[i]);
        }
        d.flush();
    }
}

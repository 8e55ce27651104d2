package io.plumtree.bench;

/**
 * The benchmark's broadcast payload: an 8-byte sequence number and the 8-byte {@link System#nanoTime()} of the
 * publish, big-endian, then zeros up to the payload size. All node JVMs run on one Linux machine, where
 * {@code nanoTime} reads the same monotonic clock in every process, so a receiver subtracts the publish time from its
 * own clock to get the latency.
 */
public final class Payload {

    /** Bytes of sequence and publish time. */
    public static final int HEADER_BYTES = 16;

    private Payload() {
    }

    /** A payload of {@code size} bytes carrying {@code sequence} and {@code publishNanos}. */
    public static byte[] create(int size, long sequence, long publishNanos) {
        byte[] p = new byte[size];
        putLong(p, 0, sequence);
        putLong(p, 8, publishNanos);
        return p;
    }

    /** The sequence number of the payload starting at {@code offset}. */
    public static long sequence(byte[] p, int offset) {
        return getLong(p, offset);
    }

    /** The publish time of the payload starting at {@code offset}. */
    public static long publishNanos(byte[] p, int offset) {
        return getLong(p, offset + 8);
    }

    private static void putLong(byte[] p, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            p[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long getLong(byte[] p, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (p[at + i] & 0xFF);
        }
        return v;
    }
}

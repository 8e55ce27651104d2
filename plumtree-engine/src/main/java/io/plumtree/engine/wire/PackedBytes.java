package io.plumtree.engine.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A short byte string (a cluster label, a node name) held as big-endian longs, so that comparing it with bytes in a
 * buffer, or hashing those bytes, reads the buffer eight bytes at a time. Every frame carries the label and two node
 * names, and reading them a byte at a time from the direct read buffer (a bounds check and a memory-access check per
 * byte) made a decode micro-loop 3–16 % slower than this (docs/benchmarks.md, thirteenth sitting). Bytes are read
 * big-endian whatever the buffer's byte order. Immutable.
 *
 * <p>The bytes are cut into whole 8-byte chunks from the start, and a tail of the last {@code length % 8} bytes. A tail
 * is read from the buffer as one long wherever the buffer has eight bytes ending at the string's end, or eight
 * starting at the tail, and byte by byte only where it has neither (a string shorter than eight bytes at both ends of
 * a tiny buffer).
 */
final class PackedBytes {

    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    /** Number of bytes. */
    private final int length;
    /** The whole 8-byte chunks, big-endian. */
    private final long[] chunks;
    /** The last {@code length % 8} bytes as an unsigned big-endian number; 0 when there are none. */
    private final long tail;

    /** The bytes of {@code bytes} (copied, as longs). */
    PackedBytes(byte[] bytes) {
        this(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** The {@code length} bytes at absolute index {@code at} of {@code in} (which must hold them). */
    PackedBytes(ByteBuffer in, int at, int length) {
        this.length = length;
        this.chunks = new long[length >>> 3];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = longAt(in, at + 8 * i);
        }
        this.tail = tail(in, at, length);
    }

    int length() {
        return length;
    }

    /**
     * Whether the {@code length()} bytes at absolute index {@code at} of {@code in} are these bytes. The caller has
     * checked that they are present; the buffer's position does not move.
     */
    boolean matches(ByteBuffer in, int at) {
        for (int i = 0; i < chunks.length; i++) {
            if (longAt(in, at + 8 * i) != chunks[i]) {
                return false;
            }
        }
        return tail(in, at, length) == tail;
    }

    /** A hash of these bytes; equal to {@link #hash(ByteBuffer, int, int)} of the same bytes anywhere. */
    int hash() {
        return mix(chunks, tail, length);
    }

    /** A hash of the {@code length} bytes at absolute index {@code at} of {@code in}, which must hold them. */
    static int hash(ByteBuffer in, int at, int length) {
        long h = length;
        int whole = length >>> 3;
        for (int i = 0; i < whole; i++) {
            h = (h ^ longAt(in, at + 8 * i)) * MULTIPLIER;
        }
        h = (h ^ tail(in, at, length)) * MULTIPLIER;
        return (int) (h ^ (h >>> 32));
    }

    private static int mix(long[] chunks, long tail, int length) {
        long h = length;
        for (long c : chunks) {
            h = (h ^ c) * MULTIPLIER;
        }
        h = (h ^ tail) * MULTIPLIER;
        return (int) (h ^ (h >>> 32));
    }

    /** The last {@code length % 8} bytes of the {@code length} at {@code at}, as an unsigned big-endian number. */
    private static long tail(ByteBuffer in, int at, int length) {
        int r = length & 7;
        if (r == 0) {
            return 0;
        }
        int end = at + length;
        if (end >= 8) {
            return longAt(in, end - 8) & ((1L << (8 * r)) - 1);
        }
        int start = end - r;
        if (start + 8 <= in.limit()) {
            return longAt(in, start) >>> (8 * (8 - r));
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            v = (v << 8) | (in.get(i) & 0xFF);
        }
        return v;
    }

    /** The eight bytes at absolute index {@code i} of {@code in} as a big-endian long. */
    private static long longAt(ByteBuffer in, int i) {
        long v = in.getLong(i);
        return in.order() == ByteOrder.BIG_ENDIAN ? v : Long.reverseBytes(v);
    }
}

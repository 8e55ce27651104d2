package io.plumtree.engine.wire;

import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * What a decoder may allocate for one input, for the Jazzer fuzz targets: {@value #FIXED_BYTES} bytes plus
 * {@value #BYTES_PER_INPUT_BYTE} per input byte, the bound {@link DecoderFuzzTest} holds the decoders to. A decoder
 * that sized a buffer from a forged length or count, rather than from the bytes present, breaks it at once.
 */
final class AllocationBudget {

    /** Bytes any decode may allocate: a buffer, a cipher's state, a few records. */
    static final long FIXED_BYTES = 256 * 1024;
    /** Bytes a decode may allocate per input byte: the objects built from it, and one copy per key tried. */
    static final long BYTES_PER_INPUT_BYTE = 64;

    private AllocationBudget() {
    }

    /** The most {@code inputBytes} bytes of input may cost. */
    static long limitFor(long inputBytes) {
        return FIXED_BYTES + BYTES_PER_INPUT_BYTE * inputBytes;
    }

    /**
     * Runs {@code decode} and answers what it answered, failing if it allocated over the limit for {@code input}.
     * The first run of a code path in this JVM also pays for class loading and call-site linking, so an input over
     * the limit is decoded again and only the second measurement counts; {@code decode} must therefore give the
     * same answer every time (a fresh decoder, or a stateless one).
     */
    static <T> T check(byte[] input, Supplier<T> decode) {
        Object[] result = new Object[1];
        long allocated = AllocationMeter.bytesAllocatedBy(() -> result[0] = decode.get());
        long limit = limitFor(input.length);
        if (allocated > limit) {
            allocated = AllocationMeter.bytesAllocatedBy(() -> result[0] = decode.get());
        }
        if (allocated > limit) {
            throw new AssertionError("decoding " + input.length + " bytes allocated " + allocated + " bytes, over the "
                    + limit + " allowed: " + HexFormat.of().formatHex(input));
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}

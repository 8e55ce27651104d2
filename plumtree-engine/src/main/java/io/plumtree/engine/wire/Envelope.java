package io.plumtree.engine.wire;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The header every packet and frame starts with: magic, version, kind, cluster label. Constants here are part of the
 * wire format and never change meaning; a new layout gets a new {@link #VERSION}.
 *
 * <pre>
 * magic (2: 0x50 0x54) | version (1) | kind (1) | label length (1) | label (UTF-8)
 * </pre>
 */
public final class Envelope {

    /** First magic byte, ASCII 'P'. */
    public static final byte MAGIC_0 = 0x50;
    /** Second magic byte, ASCII 'T'. */
    public static final byte MAGIC_1 = 0x54;
    /**
     * The one version this codec speaks: 3 since GOSSIP_RUN (a version-2 node would drop a run as an unknown type and
     * lose its messages; a version mismatch is refused and counted instead).
     */
    public static final int VERSION = 3;

    /** Kind of a UDP packet: a count, then SWIM messages. */
    public static final int KIND_PACKET = 1;
    /** Kind of a TCP frame carrying one SWIM message. */
    public static final int KIND_MEMBERSHIP_FRAME = 2;
    /** Kind of a TCP frame carrying the sender's name and one Plumtree message. */
    public static final int KIND_BROADCAST_FRAME = 3;

    /** Kind of a TCP frame carrying the opener's advertised address, first on every connection. */
    public static final int KIND_HELLO_FRAME = 4;

    /**
     * Kind of a TCP frame carrying the sender's name and one replicated-state message ({@link StateCodec}). Reserved:
     * {@link FrameCodec} does not carry it yet, so a frame of this kind is still dropped as an unknown kind.
     */
    public static final int KIND_STATE_FRAME = 5;

    /** Header bytes besides the label: magic (2), version (1), kind (1), label length (1). */
    public static final int HEADER_BYTES = 5;

    private Envelope() {
    }

    /** The label's UTF-8 bytes, checked against {@link WireLimits#MAX_LABEL_BYTES}. */
    static byte[] labelBytes(String label) {
        byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > WireLimits.MAX_LABEL_BYTES) {
            throw new IllegalArgumentException("cluster label is " + bytes.length + " bytes of UTF-8; the maximum is "
                    + WireLimits.MAX_LABEL_BYTES);
        }
        return bytes;
    }

    static void write(WireWriter w, int kind, byte[] label) {
        w.writeByte(MAGIC_0);
        w.writeByte(MAGIC_1);
        w.writeByte(VERSION);
        w.writeByte(kind);
        w.writeByte(label.length);
        w.writeRaw(label);
    }

    /**
     * Reads and checks a header; answers its kind, which the caller checks. Drops on a bad magic, an unknown version
     * or a label other than {@code label}.
     */
    static int read(WireReader r, PackedBytes label) {
        int m0 = r.readUnsignedByte();
        int m1 = r.readUnsignedByte();
        if (m0 != MAGIC_0 || m1 != MAGIC_1) {
            throw new DropSignal(DropReason.BAD_MAGIC);
        }
        if (r.readUnsignedByte() != VERSION) {
            throw new DropSignal(DropReason.UNKNOWN_VERSION);
        }
        int kind = r.readUnsignedByte();
        int labelLength = r.readUnsignedByte();
        boolean same;
        if (labelLength == label.length()) {
            same = r.readAndCompare(label);
        } else {
            r.skip(labelLength);
            same = false;
        }
        if (!same) {
            throw new DropSignal(DropReason.FOREIGN_LABEL);
        }
        return kind;
    }

    /** Runs a decode, turning a drop signal or a record's refusal into {@link Decoded.Dropped}. */
    static <T> Decoded<T> guard(Supplier<T> decode, DropCounters counters) {
        DropReason reason;
        try {
            return new Decoded.Ok<>(decode.get());
        } catch (DropSignal e) {
            reason = e.reason;
        } catch (IllegalArgumentException | NullPointerException e) {
            reason = DropReason.INVALID_FIELD;
        }
        if (counters != null) {
            counters.increment(reason);
        }
        return new Decoded.Dropped<>(reason);
    }
}

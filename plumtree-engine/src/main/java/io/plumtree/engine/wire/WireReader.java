package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads fields from a big-endian buffer, checking each length and count against its limit and against the bytes
 * present before allocating anything. Any violation throws {@link DropSignal}, caught by the public decoder.
 */
final class WireReader {

    private final ByteBuffer in;
    /**
     * Strict UTF-8: malformed input is refused rather than replaced, so decoding is the inverse of encoding. Made
     * when first needed: most frames carry only node names, which {@link KnownNames} usually knows.
     */
    private CharsetDecoder utf8;

    /** Reads {@code in} from its position to its limit, advancing its position. */
    WireReader(ByteBuffer in) {
        this.in = in;
    }

    int remaining() {
        return in.remaining();
    }

    private void need(long bytes) {
        if (in.remaining() < bytes) {
            throw new DropSignal(DropReason.TRUNCATED);
        }
    }

    int readUnsignedByte() {
        need(1);
        return in.get() & 0xFF;
    }

    int readUnsignedShort() {
        need(2);
        return in.getShort() & 0xFFFF;
    }

    int readInt() {
        need(4);
        return in.getInt();
    }

    long readLong() {
        need(8);
        return in.getLong();
    }

    boolean readBoolean() {
        int b = readUnsignedByte();
        if (b > 1) {
            throw new DropSignal(DropReason.INVALID_FIELD);
        }
        return b == 1;
    }

    /** A string with a 2-byte length, at most {@code maxBytes} bytes of UTF-8. */
    String readString(int maxBytes) {
        int length = readUnsignedShort();
        if (length > maxBytes) {
            throw new DropSignal(DropReason.TOO_LARGE);
        }
        return utf8(length);
    }

    /** A string with a 4-byte length, at most {@code maxBytes} bytes of UTF-8. */
    String readLongString(int maxBytes) {
        int length = readInt();
        if (length < 0 || length > maxBytes) {
            throw new DropSignal(DropReason.TOO_LARGE);
        }
        return utf8(length);
    }

    /** A string with a 1-byte length. */
    String readShortString() {
        return utf8(readUnsignedByte());
    }

    private String utf8(int length) {
        need(length);
        ByteBuffer bytes = in.slice();
        bytes.limit(length);
        in.position(in.position() + length);
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        try {
            CharBuffer chars = utf8.reset().decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new DropSignal(DropReason.INVALID_FIELD);
        }
    }

    /** A node name; a name {@link NodeId} refuses throws {@link IllegalArgumentException}. */
    NodeId readNodeId() {
        int length = readUnsignedShort();
        if (length > WireLimits.MAX_NAME_BYTES) {
            throw new DropSignal(DropReason.TOO_LARGE);
        }
        need(length);
        int at = in.position();
        NodeId known = KnownNames.find(in, at, length);
        if (known != null) {
            in.position(at + length);
            return known;
        }
        NodeId id = new NodeId(utf8(length));
        KnownNames.remember(in, at, length, id);
        return id;
    }

    /** A byte array with a 4-byte length, at most {@code maxBytes} long. */
    byte[] readBytes(int maxBytes) {
        int length = readInt();
        if (length < 0 || length > maxBytes) {
            throw new DropSignal(DropReason.TOO_LARGE);
        }
        need(length);
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /**
     * A 4-byte list count, at most {@code max}, and small enough that {@code count} elements of at least
     * {@code minElementBytes} each fit in the bytes left.
     */
    int readCount(int max, int minElementBytes) {
        int count = readInt();
        if (count < 0 || count > max) {
            throw new DropSignal(DropReason.TOO_MANY_ELEMENTS);
        }
        need((long) count * minElementBytes);
        return count;
    }

    /** Whether the next bytes equal {@code expected}; consumes them. */
    boolean readAndCompare(PackedBytes expected) {
        need(expected.length());
        int at = in.position();
        in.position(at + expected.length());
        return expected.matches(in, at);
    }

    void skip(int bytes) {
        need(bytes);
        in.position(in.position() + bytes);
    }

    /** Drops the input if anything follows the last field. */
    void expectEnd() {
        if (in.hasRemaining()) {
            throw new DropSignal(DropReason.TRAILING_BYTES);
        }
    }
}

package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes fields to a big-endian buffer. Refuses, with {@link IllegalArgumentException}, values a peer would drop (a
 * string or list over its limit): sending them would be our bug.
 */
final class WireWriter {

    private final ByteBuffer out;
    /** Encodings of the node names written last, or null to encode every name anew. */
    private final EncodedNames names;

    WireWriter(ByteBuffer out) {
        this(out, null);
    }

    /** A writer that takes node names' bytes from {@code names} (null: encodes every name anew). */
    WireWriter(ByteBuffer out, EncodedNames names) {
        this.out = out;
        this.names = names;
    }

    void writeByte(int b) {
        out.put((byte) b);
    }

    void writeBoolean(boolean b) {
        out.put((byte) (b ? 1 : 0));
    }

    void writeInt(int i) {
        out.putInt(i);
    }

    void writeLong(long l) {
        out.putLong(l);
    }

    /** A string with a 2-byte length. */
    void writeString(String s, int maxBytes, String what) {
        writeUtf8(s.getBytes(StandardCharsets.UTF_8), maxBytes, what);
    }

    /** A string already in UTF-8, with a 2-byte length. */
    private void writeUtf8(byte[] bytes, int maxBytes, String what) {
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(what + " is " + bytes.length + " bytes of UTF-8; the wire allows "
                    + maxBytes);
        }
        out.putShort((short) bytes.length);
        out.put(bytes);
    }

    /** A string with a 4-byte length. */
    void writeLongString(String s, int maxBytes, String what) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(what + " is " + bytes.length + " bytes of UTF-8; the wire allows "
                    + maxBytes);
        }
        out.putInt(bytes.length);
        out.put(bytes);
    }

    void writeNodeId(NodeId id) {
        if (names == null) {
            writeString(id.name(), WireLimits.MAX_NAME_BYTES, "node name");
        } else {
            writeUtf8(names.utf8(id), WireLimits.MAX_NAME_BYTES, "node name");
        }
    }

    /** Raw bytes, already validated (the cluster label). */
    void writeRaw(byte[] bytes) {
        out.put(bytes);
    }

    /** A byte array with a 4-byte length. */
    void writeBytes(byte[] bytes, int maxBytes, String what) {
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(what + " is " + bytes.length + " bytes; the limit is " + maxBytes);
        }
        out.putInt(bytes.length);
        out.put(bytes);
    }

    /** A 4-byte list count. */
    void writeCount(int count, int max, String what) {
        if (count > max) {
            throw new IllegalArgumentException(what + " has " + count + " elements; the limit is " + max);
        }
        out.putInt(count);
    }
}

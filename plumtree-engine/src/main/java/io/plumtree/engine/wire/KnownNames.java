package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;

import java.nio.ByteBuffer;

/**
 * Node names decoded before, by their UTF-8 bytes: every broadcast frame carries its sender's name and its origin's,
 * and decoding them afresh (a strict UTF-8 decode, a string, a node id) was a tenth of a receiving node's network
 * thread at full speed. A direct-mapped table of {@value #SLOTS} slots; a name that collides with another simply
 * replaces it. Shared by every decoder of the JVM and safe without locks: a slot holds an immutable pair, written and
 * read as one reference, so a reader sees either the old pair or the new one, and a stale or missing pair only costs a
 * decode. Bounded: at most {@value #SLOTS} names of at most {@link WireLimits#MAX_NAME_BYTES} bytes.
 */
final class KnownNames {

    /** Slots in the table, a power of two. */
    static final int SLOTS = 1 << 10;

    private static final Known[] TABLE = new Known[SLOTS];

    /** A name's UTF-8 bytes and its node id. */
    private record Known(PackedBytes utf8, NodeId id) {
    }

    private KnownNames() {
    }

    /** The node id whose name is the {@code length} bytes at {@code at} in {@code in}, if known; else null. */
    static NodeId find(ByteBuffer in, int at, int length) {
        Known k = TABLE[slot(PackedBytes.hash(in, at, length))];
        if (k == null || k.utf8.length() != length || !k.utf8.matches(in, at)) {
            return null;
        }
        return k.id;
    }

    /** Remembers that the {@code length} bytes at {@code at} in {@code in} decode to {@code id}. */
    static void remember(ByteBuffer in, int at, int length, NodeId id) {
        PackedBytes utf8 = new PackedBytes(in, at, length);
        TABLE[slot(utf8.hash())] = new Known(utf8, id);
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 16)) & (SLOTS - 1);
    }
}

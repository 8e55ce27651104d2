package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;

import java.nio.charset.StandardCharsets;

/**
 * The UTF-8 bytes of the node names a codec writes, remembered for the last two names: every broadcast frame carries
 * its sender's name and its origin's, and a busy node writes the same one or two names into every frame it sends
 * (a publisher its own name twice, a relay a few peers' names). Encoding each anew allocated a copy per name per
 * frame; this answers from the two entries, encoding only a name not among them.
 *
 * <p>Shared by whatever threads use the codec: an entry is immutable and read in one field access, so a thread sees
 * a whole entry or none, and a lost update costs one encoding more.
 */
final class EncodedNames {

    /** A name and its encoding (never changed after construction). */
    private record Entry(NodeId id, byte[] utf8) {
    }

    private Entry first;
    private Entry second;
    /** Which entry a miss replaces next: false the first, true the second. */
    private boolean replaceSecond;

    /** {@code id}'s name in UTF-8; callers must not change the array. */
    byte[] utf8(NodeId id) {
        Entry e = first;
        if (e != null && (e.id == id || e.id.equals(id))) {
            return e.utf8;
        }
        e = second;
        if (e != null && (e.id == id || e.id.equals(id))) {
            return e.utf8;
        }
        byte[] bytes = id.name().getBytes(StandardCharsets.UTF_8);
        if (replaceSecond) {
            second = new Entry(id, bytes);
        } else {
            first = new Entry(id, bytes);
        }
        replaceSecond = !replaceSecond;
        return bytes;
    }
}

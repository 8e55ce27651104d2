package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.encoding.Utf8;

import java.util.List;
import java.util.Objects;

/**
 * The part of one node's state a peer lacks: its entries with versions in {@code (fromVersion, toVersion]}, in
 * ascending version order. A receiver that holds that node up to {@code fromVersion} or beyond applies the entries it
 * lacks and then holds it up to {@code toVersion}. Encoded as the name (2 bytes of length, UTF-8), the three versions
 * (8 each), a 4-byte count and the entries.
 *
 * @param node          the node whose state this is
 * @param fromVersion   the version the receiver is assumed to hold (exclusive); 0 with a {@code lastGcVersion} above
 *                      the receiver's copy means: reset your copy, then apply
 * @param toVersion     the receiver holds every write up to this version once the entries are applied: the sender's
 *                      maximum when every entry fitted, else the version of the last entry sent
 * @param lastGcVersion the sender's copy may have collected tombstones up to this version
 * @param entries       the entries, versions strictly ascending, all in {@code (fromVersion, toVersion]}
 */
public record NodeDelta(NodeId node, long fromVersion, long toVersion, long lastGcVersion,
                        List<VersionedValue> entries) {

    /** Bytes of a node delta besides its name and entries: three versions and the entry count. */
    static final int FIXED_BYTES = 8 + 8 + 8 + 4;

    /** Copies the list and checks the versions. */
    public NodeDelta {
        Objects.requireNonNull(node, "node");
        entries = List.copyOf(entries);
        if (fromVersion < 0 || toVersion < fromVersion || lastGcVersion < 0) {
            throw new IllegalArgumentException("versions must satisfy 0 <= from <= to and gc >= 0, got from "
                    + fromVersion + ", to " + toVersion + ", gc " + lastGcVersion);
        }
        long previous = fromVersion;
        for (VersionedValue v : entries) {
            if (v.version() <= previous || v.version() > toVersion) {
                throw new IllegalArgumentException("entry versions must ascend within (" + fromVersion + ", "
                        + toVersion + "], got " + v.version() + " after " + previous);
            }
            previous = v.version();
        }
    }

    /** Encoded bytes of this node delta. */
    public int encodedSize() {
        int size = headerSize(node);
        for (VersionedValue v : entries) {
            size += v.encodedSize();
        }
        return size;
    }

    /** Encoded bytes of a node delta for {@code node} without entries. */
    static int headerSize(NodeId node) {
        return 2 + Utf8.length(node.name()) + FIXED_BYTES;
    }
}

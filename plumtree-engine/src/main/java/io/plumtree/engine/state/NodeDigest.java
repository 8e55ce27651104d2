package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.encoding.Utf8;

import java.util.Objects;

/**
 * What the sender holds of one node's state: the scuttlebutt digest entry. Encoded as the name (2 bytes of length,
 * UTF-8) and the two versions (8 each).
 *
 * @param node          the node whose state this describes
 * @param maxVersion    the sender holds every write of that node up to this version (0: nothing)
 * @param lastGcVersion tombstones up to this version may have been collected from the sender's copy; a peer behind
 *                      it must be reset rather than sent a delta
 */
public record NodeDigest(NodeId node, long maxVersion, long lastGcVersion) {

    /** Validates the fields. */
    public NodeDigest {
        Objects.requireNonNull(node, "node");
        if (maxVersion < 0 || lastGcVersion < 0) {
            throw new IllegalArgumentException("versions must not be negative, got " + maxVersion + " and "
                    + lastGcVersion);
        }
    }

    /** Encoded bytes of this entry. */
    public int encodedSize() {
        return 2 + Utf8.length(node.name()) + 16;
    }
}

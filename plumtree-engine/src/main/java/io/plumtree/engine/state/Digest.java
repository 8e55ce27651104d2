package io.plumtree.engine.state;

import java.util.List;

/**
 * A summary of every node state the sender holds, one {@link NodeDigest} each (chitchat's digest without the
 * heartbeat: SWIM is the failure detector here). Encoded as a 4-byte count and the entries.
 *
 * @param nodes the entries, in no particular order, each node at most once
 */
public record Digest(List<NodeDigest> nodes) {

    /** Copies the list. */
    public Digest {
        nodes = List.copyOf(nodes);
    }

    /** Encoded bytes of this digest. */
    public int encodedSize() {
        int size = 4;
        for (NodeDigest d : nodes) {
            size += d.encodedSize();
        }
        return size;
    }
}

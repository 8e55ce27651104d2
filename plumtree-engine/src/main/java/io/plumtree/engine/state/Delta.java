package io.plumtree.engine.state;

import java.util.List;

/**
 * What one node sends another in answer to its digest: the newer parts of the node states it holds, stale nodes
 * first, at most {@link StateConfig#maxDeltaBytes()} encoded bytes. Encoded as a 4-byte count and the node deltas.
 *
 * @param nodes the node deltas
 */
public record Delta(List<NodeDelta> nodes) {

    /** The delta with nothing in it. */
    public static final Delta EMPTY = new Delta(List.of());

    /** Copies the list. */
    public Delta {
        nodes = List.copyOf(nodes);
    }

    /** Whether there is nothing in it. */
    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /** Encoded bytes of this delta. */
    public int encodedSize() {
        int size = StateConfig.DELTA_OVERHEAD_BYTES;
        for (NodeDelta d : nodes) {
            size += d.encodedSize();
        }
        return size;
    }
}

package io.plumtree.engine;

import java.util.Objects;

/**
 * The identity of one broadcast: the node that published it and that node's sequence number for it.
 *
 * <p>Ids are unique per origin because each node numbers its own broadcasts; no coordination is needed.
 *
 * @param origin   the node that published the message
 * @param sequence the origin's counter for its broadcasts, starting at 1
 */
public record MessageId(NodeId origin, long sequence) {

    /** Validates the fields. */
    public MessageId {
        Objects.requireNonNull(origin, "origin");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive, got " + sequence);
        }
    }

    /** Same origin and sequence; written out, like {@link NodeId#equals}, for the hot path. */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof MessageId other && sequence == other.sequence && origin.equals(other.origin);
    }

    @Override
    public int hashCode() {
        return 31 * origin.hashCode() + Long.hashCode(sequence);
    }

    @Override
    public String toString() {
        return origin + "#" + sequence;
    }
}

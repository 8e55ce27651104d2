package io.plumtree.engine;

import java.util.Objects;

/**
 * A broadcast delivered to this node, exactly once per message.
 *
 * @param origin  the member that broadcast it
 * @param id      its cluster-wide id (origin and sequence)
 * @param hops    how many links it travelled to get here; 0 for this node's own broadcasts
 * @param payload the bytes as broadcast; shared by every listener of this node, do not modify
 */
public record Delivery(NodeId origin, MessageId id, int hops, byte[] payload) {

    /** Validates the fields. */
    public Delivery {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
    }
}

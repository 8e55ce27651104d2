package io.plumtree.engine;

import java.util.Objects;

/**
 * A key of some member's replicated state changed, as this node saw it.
 *
 * @param node     the member that owns the key
 * @param key      the key
 * @param oldValue the value before, or null if there was none
 * @param newValue the value now, or null if the key was deleted, expired or dropped with its member
 * @param version  the owner's version of the change
 */
public record StateChange(NodeId node, String key, String oldValue, String newValue, long version) {

    /** Validates the fields. */
    public StateChange {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(key, "key");
    }
}

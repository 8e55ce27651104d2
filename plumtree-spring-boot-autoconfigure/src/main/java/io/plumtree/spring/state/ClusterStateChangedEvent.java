package io.plumtree.spring.state;

import java.util.Objects;

/**
 * A key of some member's replicated state changed. Filter by prefix in the listener, for example
 * {@code @EventListener(condition = "#event.key.startsWith('load/')")}. Published on the node's delivery thread, in
 * the order the node saw the changes; this node's own writes are published too.
 *
 * @param node     the member that owns the key
 * @param key      the key
 * @param oldValue the value before, or null
 * @param newValue the value now, or null if deleted, expired or dropped with its member
 * @param version  the owner's version of the change
 */
public record ClusterStateChangedEvent(String node, String key, String oldValue, String newValue, long version) {

    /** Validates the fields. */
    public ClusterStateChangedEvent {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(key, "key");
    }
}

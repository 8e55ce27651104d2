package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * This node's whole view of the replicated state at one moment: every node it holds state of, itself included,
 * with their live keys (tombstones left out). Immutable; safe to hand to another thread.
 *
 * @param nodes the node views by node name, ordered by name
 */
public record StateSnapshot(Map<NodeId, NodeView> nodes) {

    /** Copies the map. */
    public StateSnapshot {
        nodes = Collections.unmodifiableMap(new TreeMap<>(nodes));
    }

    /** The value of {@code key} at {@code node}, or null. */
    public String value(NodeId node, String key) {
        NodeView v = nodes.get(node);
        return v == null ? null : v.values().get(key);
    }

    /**
     * One node's state as seen here.
     *
     * @param maxVersion this view holds the node's writes up to this version
     * @param alive      false while the node is reported failed and its state is kept for the grace
     * @param values     its live keys and values, ordered by key
     */
    public record NodeView(long maxVersion, boolean alive, Map<String, String> values) {
        /** Copies the map. */
        public NodeView {
            Objects.requireNonNull(values, "values");
            values = Collections.unmodifiableMap(new TreeMap<>(values));
        }
    }
}

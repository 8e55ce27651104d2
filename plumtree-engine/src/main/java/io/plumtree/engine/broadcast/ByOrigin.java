package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;

import java.util.Collection;
import java.util.LinkedHashMap;

/**
 * Values by origin, oldest (or least recently used) first, that remember the entry found last: a busy node asks about
 * the same origin several times per message (is it delivered, record it, put it in order), and a hit skips the hash
 * map. The origin is compared by identity for the hit (the decoder hands round one id per name); an equal id of
 * another instance just takes the map. Every lookup goes through {@link #get}, so with access order a hit is an entry
 * that is already the most recently used, and skipping the map changes no order. Not thread-safe: a core owns it.
 *
 * @param <V> what is kept per origin
 */
public final class ByOrigin<V> {

    private final LinkedHashMap<NodeId, V> map;
    /** The origin of the entry found or put last, or null. */
    private NodeId lastOrigin;
    /** The value of {@link #lastOrigin}; null when there is none. */
    private V lastValue;

    /** @param accessOrder whether {@link #eldest()} is the least recently used entry rather than the oldest put */
    public ByOrigin(boolean accessOrder) {
        this.map = new LinkedHashMap<>(16, 0.75f, accessOrder);
    }

    /** The value of {@code origin}, or null. */
    public V get(NodeId origin) {
        if (origin == lastOrigin) {
            return lastValue;
        }
        V v = map.get(origin);
        if (v != null) {
            lastOrigin = origin;
            lastValue = v;
        }
        return v;
    }

    /** Sets the value of {@code origin} (not null). */
    public void put(NodeId origin, V value) {
        map.put(origin, value);
        lastOrigin = origin;
        lastValue = value;
    }

    /** Removes {@code origin}'s entry; returns its value, or null. */
    public V remove(NodeId origin) {
        if (origin.equals(lastOrigin)) {
            lastOrigin = null;
            lastValue = null;
        }
        return map.remove(origin);
    }

    /** The oldest (or least recently used) origin, or null when empty. */
    public NodeId eldest() {
        return map.isEmpty() ? null : map.keySet().iterator().next();
    }

    public int size() {
        return map.size();
    }

    /** The values, eldest first; a view, not to be changed. */
    public Collection<V> values() {
        return map.values();
    }
}

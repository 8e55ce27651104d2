package io.plumtree.spring.state;

import java.time.Duration;
import java.util.Map;

/**
 * The replicated key-value state of the cluster: every member writes its own keys and reads everyone's (scuttlebutt
 * gossip, eventually consistent within a few gossip rounds). Changes arrive as {@link ClusterStateChangedEvent}s.
 */
public interface ClusterState {

    /** A member's value for {@code key}, or null if that member has no such key or this node does not know it. */
    String get(String node, String key);

    /** Every key of a member as this node sees it (empty if it knows none). */
    Map<String, String> of(String node);

    /** Every member's keys as this node sees them, by member name. */
    Map<String, Map<String, String>> all();

    /**
     * Sets one of this node's keys.
     *
     * @throws IllegalArgumentException if the key or value is over the state limits
     */
    void put(String key, String value);

    /** Sets one of this node's keys for {@code ttl}, after which it is deleted. */
    void put(String key, String value, Duration ttl);

    /** Deletes one of this node's keys. */
    void delete(String key);
}

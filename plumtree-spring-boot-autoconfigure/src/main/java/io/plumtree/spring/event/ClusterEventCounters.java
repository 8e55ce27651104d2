package io.plumtree.spring.event;

import java.util.Map;

/**
 * Counters of the events this node received, since startup, by a fixed set of names: {@code delivered},
 * {@code unknown_type}, {@code unreadable}, {@code unbindable} and {@code listener_failures}. Free of Jackson, so the
 * endpoint and the meters can read it whether or not events are configured.
 */
public interface ClusterEventCounters {

    /** The counters by name, in a stable order. */
    Map<String, Long> counters();
}

package io.plumtree.sample.cache;

import io.plumtree.spring.event.ClusterEvent;

/**
 * Tells every member to drop its cached copy of {@code key}: published by the member that changed it.
 *
 * @param key the entry to drop
 */
@ClusterEvent("cache-invalidated")
public record CacheInvalidated(String key) {
}

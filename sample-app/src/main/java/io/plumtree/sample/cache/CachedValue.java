package io.plumtree.sample.cache;

import java.time.Instant;

/**
 * One entry of the local cache.
 *
 * @param key      its key
 * @param value    the value read from the (simulated) source of truth
 * @param loadedAt when this node read it
 */
public record CachedValue(String key, String value, Instant loadedAt) {
}

/**
 * Cache invalidation across the cluster: every node caches what it reads; a write on any node publishes
 * {@link io.plumtree.sample.cache.CacheInvalidated} and every node drops its stale copy.
 */
package io.plumtree.sample.cache;

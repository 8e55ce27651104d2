package io.plumtree.engine.broadcast;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A map whose entries all live for the same time, bounded in count and in weight. Entries are kept in insertion
 * order, which with one time-to-live is also expiry order, so expiry and eviction only ever look at the oldest entry.
 *
 * <p>Not thread-safe: a core owns it. Time is always passed in, never read.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class ExpiringMap<K, V> {

    /** How long an entry lives after it is put, in nanoseconds. */
    private final long ttlNanos;

    /** Most entries kept; the oldest goes first. */
    private final int maxEntries;

    /** Most total weight kept; the oldest goes first. */
    private final long maxWeight;

    /** The weight of a value (for example its payload size); 0 for maps bounded by count only. */
    private final ToLongFunction<V> weigher;

    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>();

    /** Sum of the weights of the entries held. */
    private long weight;

    /** Entries removed because they expired or the map was full, for statistics. */
    private long evicted;

    ExpiringMap(long ttlNanos, int maxEntries, long maxWeight, ToLongFunction<V> weigher) {
        this.ttlNanos = ttlNanos;
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
        this.weigher = weigher;
    }

    /** Puts or replaces a value; a replaced entry keeps its place and expiry. Evicts the oldest entries as needed. */
    void put(K key, V value, long nowNanos) {
        expire(nowNanos);
        long w = weigher.applyAsLong(value);
        Entry<V> old = entries.get(key);
        if (old != null) {
            weight += w - weigher.applyAsLong(old.value);
            entries.put(key, new Entry<>(value, old.expiresAt));
        } else {
            entries.put(key, new Entry<>(value, nowNanos + ttlNanos));
            weight += w;
        }
        Iterator<Map.Entry<K, Entry<V>>> it = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || weight > maxWeight) && it.hasNext()) {
            Map.Entry<K, Entry<V>> oldest = it.next();
            if (oldest.getKey().equals(key) && entries.size() == 1) {
                break;
            }
            weight -= weigher.applyAsLong(oldest.getValue().value);
            it.remove();
            evicted++;
        }
    }

    /** The live value for the key, or {@code null}. */
    V get(K key, long nowNanos) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (e.expiresAt - nowNanos <= 0) {
            expire(nowNanos);
            return null;
        }
        return e.value;
    }

    /** Whether a live value is held for the key. */
    boolean contains(K key, long nowNanos) {
        return get(key, nowNanos) != null;
    }

    /** Drops every expired entry. */
    void expire(long nowNanos) {
        Iterator<Map.Entry<K, Entry<V>>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<K, Entry<V>> oldest = it.next();
            if (oldest.getValue().expiresAt - nowNanos > 0) {
                return;
            }
            weight -= weigher.applyAsLong(oldest.getValue().value);
            it.remove();
            evicted++;
        }
    }

    /** Calls {@code action} with every live entry's key and the time it was put, oldest first. */
    void forEachLive(long nowNanos, java.util.function.ObjLongConsumer<K> action) {
        for (Map.Entry<K, Entry<V>> e : entries.entrySet()) {
            if (e.getValue().expiresAt - nowNanos > 0) {
                action.accept(e.getKey(), e.getValue().expiresAt - ttlNanos);
            }
        }
    }

    /** Number of entries held, expired ones that were not yet dropped included. */
    int size() {
        return entries.size();
    }

    /** Total weight held. */
    long weight() {
        return weight;
    }

    /** Entries dropped so far because they expired or did not fit. */
    long evicted() {
        return evicted;
    }

    /** An entry's value and the time it stops being live. */
    private record Entry<V>(V value, long expiresAt) {
    }
}

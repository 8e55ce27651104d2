package io.plumtree.engine.broadcast;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.function.ToLongFunction;

/**
 * A map whose entries all live for the same time, bounded in count and in weight. Entries are kept in insertion
 * order, which with one time-to-live is also expiry order, so expiry and eviction only ever look at the oldest entry.
 * A hash map finds an entry, a queue in insertion order holds the same entries: no iterator or linked node per put,
 * which the payload cache and the seen set of a node receiving 100,000 messages a second noticed.
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

    /** The entries by key. */
    private final HashMap<K, Entry<K, V>> entries = new HashMap<>();

    /** The same entries, oldest first. */
    private final ArrayDeque<Entry<K, V>> order = new ArrayDeque<>();

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
        Entry<K, V> added = new Entry<>(key, value, w, nowNanos + ttlNanos);
        Entry<K, V> old = entries.putIfAbsent(key, added);
        if (old != null) {
            weight += w - old.weight;
            old.value = value;
            old.weight = w;
        } else {
            order.addLast(added);
            weight += w;
        }
        while ((entries.size() > maxEntries || weight > maxWeight) && !order.isEmpty()) {
            Entry<K, V> oldest = order.peekFirst();
            if (oldest.key.equals(key) && entries.size() == 1) {
                break;
            }
            drop(order.pollFirst());
        }
    }

    /** The live value for the key, or {@code null}. */
    V get(K key, long nowNanos) {
        Entry<K, V> e = entries.get(key);
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
        Entry<K, V> oldest;
        while ((oldest = order.peekFirst()) != null && oldest.expiresAt - nowNanos <= 0) {
            drop(order.pollFirst());
        }
    }

    /** Forgets the oldest entry, taken off {@link #order}. */
    private void drop(Entry<K, V> oldest) {
        entries.remove(oldest.key);
        weight -= oldest.weight;
        evicted++;
    }

    /** Calls {@code action} with every live entry's key and the time it was put, oldest first. */
    void forEachLive(long nowNanos, java.util.function.ObjLongConsumer<K> action) {
        for (Entry<K, V> e : order) {
            if (e.expiresAt - nowNanos > 0) {
                action.accept(e.key, e.expiresAt - ttlNanos);
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

    /**
     * A key, its value and the value's weight (both replaced in place; the weight is kept so that dropping the oldest
     * entry does not read a value long out of the processor's caches), and the time it stops being live.
     */
    private static final class Entry<K, V> {
        final K key;
        V value;
        long weight;
        final long expiresAt;

        Entry(K key, V value, long weight, long expiresAt) {
            this.key = key;
            this.value = value;
            this.weight = weight;
            this.expiresAt = expiresAt;
        }
    }
}

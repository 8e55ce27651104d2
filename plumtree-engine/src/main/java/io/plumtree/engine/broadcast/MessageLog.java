package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;


/**
 * The messages this node delivered, in delivery order: each with its hop count here and the peer it came from (the
 * seen set that makes each message delivered once, section 4.3), and the newest with their payloads (the cache that
 * answers GRAFTs and that digests list). Both are bounded by count and age, the cache also by bytes, and the cache
 * never holds more than the seen set.
 *
 * <p>The entries sit in one ring in delivery order, in parallel arrays, and a {@link SequenceIndex} per origin finds
 * them by sequence. Forgetting the oldest entry, once per delivery at a steady rate, then reads memory in order (the
 * ring's next slot, the origin's index slot next to the last one forgotten) instead of following a hash map's links
 * to entries last touched long ago: a node receiving 100,000 messages a second spent over half its loop there.
 *
 * <p>Not thread-safe: a core owns it. Time is always passed in, never read.
 */
final class MessageLog {

    private static final int MIN_CAPACITY = 1_024;
    private static final int MAX_CAPACITY = 1 << 30;

    /** How long a delivered message is remembered, in nanoseconds. */
    private final long seenTtlNanos;
    /** Most messages remembered. */
    private final int maxSeen;
    /** How long a payload is kept, in nanoseconds. */
    private final long cacheTtlNanos;
    /** Most payloads kept. */
    private final int maxCached;
    /** Most payload bytes kept. */
    private final long maxCachedBytes;
    /** Ring capacity the arrays may grow to: {@link #maxSeen} rounded up to a power of two. */
    private final int maxCapacity;

    /** Each origin's index, while it has messages remembered. */
    private final ByOrigin<SequenceIndex> byOrigin = new ByOrigin<>(false);

    // The ring: the entry at position p is at index p & mask of each array.
    /** The index of the entry's origin (which names the origin). */
    private SequenceIndex[] origins;
    private long[] sequences;
    /** When the entry was delivered, nanoseconds. */
    private long[] times;
    /** Hops the kept copy took to reach this node: a shorter path found later lowers it. */
    private int[] hops;
    /** Hops the message was delivered at here, which a GRAFT's answer counts from. */
    private int[] deliveredHops;
    /** The peer the kept copy came from; null for this node's own messages. */
    private NodeId[] parents;
    /** The payload while cached, else null. */
    private byte[][] payloads;
    /** The payload's length, kept here so that dropping the oldest payload does not read it (memory long cold). */
    private int[] sizes;
    private int mask;

    /** Position of the next entry. */
    private long head;
    /** Position of the oldest entry remembered. */
    private long tail;
    /** Position of the oldest entry whose payload is kept: {@code tail <= cacheTail <= head}. */
    private long cacheTail;
    /** Bytes of the payloads kept. */
    private long cachedBytes;
    /** Payloads dropped so far because they expired or did not fit. */
    private long evicted;

    /** Receives the cached entries, oldest first. */
    @FunctionalInterface
    interface CachedEntry {
        void accept(NodeId origin, long sequence, long deliveredAtNanos);
    }

    MessageLog(long seenTtlNanos, int maxSeen, long cacheTtlNanos, int maxCached, long maxCachedBytes) {
        this.seenTtlNanos = seenTtlNanos;
        this.maxSeen = maxSeen;
        this.cacheTtlNanos = cacheTtlNanos;
        this.maxCached = maxCached;
        this.maxCachedBytes = maxCachedBytes;
        this.maxCapacity = maxSeen >= MAX_CAPACITY ? MAX_CAPACITY : Math.max(1, Integer.highestOneBit(maxSeen - 1) << 1);
        allocate(Math.min(MIN_CAPACITY, maxCapacity));
    }

    /**
     * Records the delivery of a message not remembered now, and forgets what expired or no longer fits (never the
     * message just added).
     */
    void add(MessageId id, int hopCount, NodeId parent, byte[] payload, long now) {
        expire(now);
        while (head - tail >= maxSeen || head - tail >= origins.length && !grow()) {
            forgetOldest();
        }
        SequenceIndex index = byOrigin.get(id.origin());
        if (index == null) {
            index = new SequenceIndex(id.origin());
            byOrigin.put(id.origin(), index);
        }
        int i = (int) head & mask;
        origins[i] = index;
        sequences[i] = id.sequence();
        times[i] = now;
        hops[i] = hopCount;
        deliveredHops[i] = hopCount;
        parents[i] = parent;
        payloads[i] = payload;
        sizes[i] = payload.length;
        cachedBytes += payload.length;
        index.put(id.sequence(), head);
        head++;
        while (cacheTail < head - 1 && (head - cacheTail > maxCached || cachedBytes > maxCachedBytes)) {
            uncacheOldest();
        }
    }

    /** The position of {@code id} if it is remembered and not expired, else -1. */
    long find(MessageId id, long now) {
        SequenceIndex index = byOrigin.get(id.origin());
        if (index == null) {
            return -1;
        }
        long p = index.get(id.sequence());
        if (p < 0 || times[(int) p & mask] + seenTtlNanos - now <= 0) {
            return -1;
        }
        return p;
    }

    /** How many messages of {@code origin} are remembered, expired or not. */
    int rememberedFrom(NodeId origin) {
        SequenceIndex index = byOrigin.get(origin);
        return index == null ? 0 : index.size();
    }

    /** Whether {@code id} is remembered and not expired. */
    boolean contains(MessageId id, long now) {
        return find(id, now) >= 0;
    }

    /** Hops of the entry at {@code position} (from {@link #find}). */
    int hops(long position) {
        return hops[(int) position & mask];
    }

    /** Hops the entry at {@code position} was delivered at, whatever shorter path was found since. */
    int deliveredHops(long position) {
        return deliveredHops[(int) position & mask];
    }

    /** The peer the entry at {@code position} came from; null for this node's own message. */
    NodeId parent(long position) {
        return parents[(int) position & mask];
    }

    /** Records a new parent and hop count for the entry at {@code position} (a shorter path found). */
    void reparent(long position, NodeId parent, int hopCount) {
        int i = (int) position & mask;
        parents[i] = parent;
        hops[i] = hopCount;
    }

    /** The payload of the entry at {@code position} while it is cached and not expired, else null. */
    byte[] payload(long position, long now) {
        int i = (int) position & mask;
        if (position < cacheTail || times[i] + cacheTtlNanos - now <= 0) {
            return null;
        }
        return payloads[i];
    }

    /** Calls {@code action} with every cached, unexpired entry, oldest first. */
    void forEachCached(long now, CachedEntry action) {
        for (long p = cacheTail; p < head; p++) {
            int i = (int) p & mask;
            if (times[i] + cacheTtlNanos - now > 0) {
                action.accept(origins[i].origin, sequences[i], times[i]);
            }
        }
    }

    /** Payloads held, expired ones not yet dropped included. */
    int cachedCount() {
        return (int) (head - cacheTail);
    }

    /** Messages remembered, expired ones not yet dropped included. */
    int size() {
        return (int) (head - tail);
    }

    /** Bytes of the payloads held. */
    long cachedBytes() {
        return cachedBytes;
    }

    /** Payloads dropped so far because they expired or did not fit. */
    long evicted() {
        return evicted;
    }

    /** Drops expired payloads and forgets expired messages. */
    void expire(long now) {
        while (cacheTail < head && times[(int) cacheTail & mask] + cacheTtlNanos - now <= 0) {
            uncacheOldest();
        }
        while (tail < head && times[(int) tail & mask] + seenTtlNanos - now <= 0) {
            forgetOldest();
        }
    }

    private void uncacheOldest() {
        int i = (int) cacheTail & mask;
        cachedBytes -= sizes[i];
        payloads[i] = null;
        evicted++;
        cacheTail++;
    }

    private void forgetOldest() {
        if (cacheTail == tail) {
            uncacheOldest();
        }
        int i = (int) tail & mask;
        SequenceIndex index = origins[i];
        index.remove(sequences[i], tail);
        if (index.size() == 0) {
            byOrigin.remove(index.origin);
        }
        origins[i] = null;
        parents[i] = null;
        tail++;
    }

    /** Doubles the ring if it may; positions stay. */
    private boolean grow() {
        int capacity = origins.length;
        if (capacity >= maxCapacity) {
            return false;
        }
        SequenceIndex[] o = origins;
        long[] s = sequences;
        long[] t = times;
        int[] h = hops;
        int[] dh = deliveredHops;
        NodeId[] par = parents;
        byte[][] pay = payloads;
        int[] sz = sizes;
        int oldMask = mask;
        allocate(capacity * 2);
        for (long p = tail; p < head; p++) {
            int from = (int) p & oldMask;
            int to = (int) p & mask;
            origins[to] = o[from];
            sequences[to] = s[from];
            times[to] = t[from];
            hops[to] = h[from];
            deliveredHops[to] = dh[from];
            parents[to] = par[from];
            payloads[to] = pay[from];
            sizes[to] = sz[from];
        }
        return true;
    }

    private void allocate(int capacity) {
        origins = new SequenceIndex[capacity];
        sequences = new long[capacity];
        times = new long[capacity];
        hops = new int[capacity];
        deliveredHops = new int[capacity];
        parents = new NodeId[capacity];
        payloads = new byte[capacity][];
        sizes = new int[capacity];
        mask = capacity - 1;
    }
}

package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;

import java.util.Arrays;

/**
 * Every member a node knows, stored lean: one slot per member, the fields of {@link Member} in parallel arrays
 * (columns), a name index by open addressing, and the name order computed only when asked. A node of a cluster of
 * n members holds n entries of about 45 bytes here, where a {@code TreeMap} of {@link Member} records plus a slot list
 * and a slot map took about 150; the simulator holds n such tables, so at n = 10,000 that is the difference between
 * 4.5 and 15 GB.
 *
 * <p>Slots are dense ({@code 0 .. size-1}) and in no meaningful order; removing a member moves the last slot into
 * its place. {@link Member} records are built on demand, as snapshots.
 */
final class MemberSlots {

    private static final MemberState[] STATES = MemberState.values();

    /** Columns by slot: the member's name, address, incarnation, state ordinal, metadata, last state change. */
    private NodeId[] ids = new NodeId[8];
    private String[] addresses = new String[8];
    private long[] incarnations = new long[8];
    private byte[] states = new byte[8];
    private byte[][] metadata = new byte[8][];
    private long[] changedNanos = new long[8];

    /** Number of members. */
    private int size;

    /**
     * Name index, open addressing with linear probing: {@code slot + 1} of the member whose name hashes here, 0 for
     * an empty cell. Its length is a power of two, at least 3/2 of {@link #size}.
     */
    private int[] index = new int[16];

    /** Slots in name order: the first {@link #sortedCount} entries cover slots {@code 0 .. sortedCount-1}. */
    private int[] sorted = new int[0];

    /** How many slots {@link #sorted} covers; slots added later are merged in when the order is asked for. */
    private int sortedCount;

    /** Whether a removal moved slots since {@link #sorted} was built, so it must be rebuilt from scratch. */
    private boolean sortedStale;

    /** Number of members. */
    int size() {
        return size;
    }

    /** The slot of the member named {@code id}, or -1. */
    int slotOf(NodeId id) {
        int mask = index.length - 1;
        for (int cell = spread(id.hashCode()) & mask; ; cell = (cell + 1) & mask) {
            int entry = index[cell];
            if (entry == 0) {
                return -1;
            }
            NodeId candidate = ids[entry - 1];
            if (candidate == id || candidate.equals(id)) {
                return entry - 1;
            }
        }
    }

    /** A snapshot of the member in {@code slot}. */
    Member member(int slot) {
        return new Member(ids[slot], addresses[slot], incarnations[slot], STATES[states[slot]], metadata[slot],
                changedNanos[slot]);
    }

    NodeId id(int slot) {
        return ids[slot];
    }

    String address(int slot) {
        return addresses[slot];
    }

    long incarnation(int slot) {
        return incarnations[slot];
    }

    MemberState state(int slot) {
        return STATES[states[slot]];
    }

    long changedNanos(int slot) {
        return changedNanos[slot];
    }

    /** Stores {@code m} in the slot of its name, or in a new slot; returns the state it replaced, or null. */
    MemberState put(Member m) {
        int slot = slotOf(m.id());
        MemberState replaced = slot < 0 ? null : STATES[states[slot]];
        if (slot < 0) {
            slot = size;
            if (slot == ids.length) {
                grow();
            }
            size++;
            ids[slot] = m.id();
            if ((size + (size >> 1)) > index.length) {
                rehash(index.length * 2);
            } else {
                insertIndex(slot);
            }
        }
        addresses[slot] = m.address();
        incarnations[slot] = m.incarnation();
        states[slot] = (byte) m.state().ordinal();
        metadata[slot] = m.metadata();
        changedNanos[slot] = m.stateChangedNanos();
        return replaced;
    }

    /** Forgets the member named {@code id}, if known; the last slot moves into its place. */
    void remove(NodeId id) {
        int slot = slotOf(id);
        if (slot < 0) {
            return;
        }
        deleteIndex(slot);
        int last = size - 1;
        if (slot != last) {
            deleteIndex(last);
            ids[slot] = ids[last];
            addresses[slot] = addresses[last];
            incarnations[slot] = incarnations[last];
            states[slot] = states[last];
            metadata[slot] = metadata[last];
            changedNanos[slot] = changedNanos[last];
            insertIndex(slot);
        }
        ids[last] = null;
        addresses[last] = null;
        metadata[last] = null;
        size = last;
        sortedStale = true;
    }

    /**
     * The slots in name order, as a fresh array. Members added since the last call are sorted and merged in, so a
     * node that keeps answering push-pulls while members join pays O(n) per answer, not O(n log n).
     */
    int[] slotsInNameOrder() {
        if (sortedStale) {
            sorted = sortSlots(0, size);
            sortedStale = false;
        } else if (sortedCount < size) {
            int[] added = sortSlots(sortedCount, size);
            int[] merged = new int[size];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < sortedCount && j < added.length) {
                merged[k++] = ids[sorted[i]].compareTo(ids[added[j]]) <= 0 ? sorted[i++] : added[j++];
            }
            while (i < sortedCount) {
                merged[k++] = sorted[i++];
            }
            while (j < added.length) {
                merged[k++] = added[j++];
            }
            sorted = merged;
        }
        sortedCount = size;
        return Arrays.copyOf(sorted, size);
    }

    /** Slots {@code from .. to-1}, sorted by name. */
    private int[] sortSlots(int from, int to) {
        Integer[] boxed = new Integer[to - from];
        for (int s = from; s < to; s++) {
            boxed[s - from] = s;
        }
        Arrays.sort(boxed, (a, b) -> ids[a].compareTo(ids[b]));
        int[] result = new int[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            result[i] = boxed[i];
        }
        return result;
    }

    private void grow() {
        int capacity = ids.length + (ids.length >> 1);
        ids = Arrays.copyOf(ids, capacity);
        addresses = Arrays.copyOf(addresses, capacity);
        incarnations = Arrays.copyOf(incarnations, capacity);
        states = Arrays.copyOf(states, capacity);
        metadata = Arrays.copyOf(metadata, capacity);
        changedNanos = Arrays.copyOf(changedNanos, capacity);
    }

    private void rehash(int capacity) {
        index = new int[capacity];
        for (int s = 0; s < size; s++) {
            insertIndex(s);
        }
    }

    private void insertIndex(int slot) {
        int mask = index.length - 1;
        int cell = spread(ids[slot].hashCode()) & mask;
        while (index[cell] != 0) {
            cell = (cell + 1) & mask;
        }
        index[cell] = slot + 1;
    }

    /** Removes {@code slot}'s cell, shifting later cells of its probe run back (no tombstones). */
    private void deleteIndex(int slot) {
        int mask = index.length - 1;
        int cell = spread(ids[slot].hashCode()) & mask;
        while (index[cell] != slot + 1) {
            cell = (cell + 1) & mask;
        }
        int gap = cell;
        for (int next = (gap + 1) & mask; index[next] != 0; next = (next + 1) & mask) {
            int home = spread(ids[index[next] - 1].hashCode()) & mask;
            // the entry at next may move to gap if its home is not cyclically within (gap, next]
            boolean homeInRange = gap <= next ? (gap < home && home <= next) : (gap < home || home <= next);
            if (!homeInRange) {
                index[gap] = index[next];
                gap = next;
            }
        }
        index[gap] = 0;
    }

    /** Mixes a hash code (Fibonacci hashing), since the index uses only its low bits. */
    private static int spread(int h) {
        int x = h * 0x9E3779B9;
        return x ^ (x >>> 16);
    }
}

package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;

/**
 * This node's copy of one node's state. Kept small, as a cluster of n nodes holds n² of them: the entries are one
 * array, sorted by version (every write of a node takes a higher version than all before it, so a write appends and
 * a delta is a suffix), replaced rather than modified, so a snapshot may share it.
 */
final class NodeState {

    private static final VersionedValue[] NONE = new VersionedValue[0];

    /** Marks {@link #deadSinceNanos} of a live node. */
    static final long ALIVE = Long.MIN_VALUE;

    /** The node this is the state of. */
    final NodeId node;

    /** This copy holds every write of the node up to this version (0: none yet). */
    long maxVersion;

    /** Tombstones up to this version may have been collected from this copy; a peer behind it needs a reset. */
    long lastGcVersion;

    /** The latest entry of each key, tombstones included, versions ascending. Never modified in place. */
    private VersionedValue[] entries = NONE;

    /** Position in the core's list of live peers, or -1 when not in it (this node itself, or dead). */
    int liveIndex = -1;

    /** When membership reported the node failed, or {@link #ALIVE}. */
    long deadSinceNanos = ALIVE;

    NodeState(NodeId node) {
        this.node = node;
    }

    boolean isDead() {
        return deadSinceNanos != ALIVE;
    }

    /** Number of keys, tombstones included. */
    int size() {
        return entries.length;
    }

    /** The entries, versions ascending; the caller must not modify the array. */
    VersionedValue[] entries() {
        return entries;
    }

    /** The entry of {@code key}, tombstone or not, or null. */
    VersionedValue get(String key) {
        for (VersionedValue v : entries) {
            if (v.key().equals(key)) {
                return v;
            }
        }
        return null;
    }

    /**
     * Stores {@code v}, whose version is above every stored one, in place of the entry of its key.
     *
     * @return the replaced entry, or null
     */
    VersionedValue put(VersionedValue v) {
        VersionedValue[] old = entries;
        int at = -1;
        for (int i = 0; i < old.length; i++) {
            if (old[i].key().equals(v.key())) {
                at = i;
                break;
            }
        }
        VersionedValue[] next;
        if (at < 0) {
            next = new VersionedValue[old.length + 1];
            System.arraycopy(old, 0, next, 0, old.length);
        } else {
            next = new VersionedValue[old.length];
            System.arraycopy(old, 0, next, 0, at);
            System.arraycopy(old, at + 1, next, at, old.length - at - 1);
        }
        next[next.length - 1] = v;
        entries = next;
        return at < 0 ? null : old[at];
    }

    /**
     * Collects the tombstone of {@code key} if it is still the one at {@code version}, and raises
     * {@link #lastGcVersion}.
     *
     * @return whether it was collected
     */
    boolean collect(String key, long version) {
        VersionedValue[] old = entries;
        int at = indexOf(version);
        if (at < 0 || !old[at].isTombstone() || !old[at].key().equals(key)) {
            return false;
        }
        VersionedValue[] next = new VersionedValue[old.length - 1];
        System.arraycopy(old, 0, next, 0, at);
        System.arraycopy(old, at + 1, next, at, old.length - at - 1);
        entries = next.length == 0 ? NONE : next;
        lastGcVersion = Math.max(lastGcVersion, version);
        return true;
    }

    /** Forgets everything: the copy holds nothing, and tombstones up to {@code gcVersion} count as collected. */
    VersionedValue[] reset(long gcVersion) {
        VersionedValue[] old = entries;
        entries = NONE;
        maxVersion = 0;
        lastGcVersion = gcVersion;
        return old;
    }

    /** Index of the entry at {@code version}, or -1. */
    int indexOf(long version) {
        int i = firstAbove(version - 1);
        return i < entries.length && entries[i].version() == version ? i : -1;
    }

    /** Index of the first entry with a version above {@code version} ({@link #size()} if none). */
    int firstAbove(long version) {
        int lo = 0;
        int hi = entries.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries[mid].version() <= version) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One broadcast tree's view at this node: the eager peers (payloads go there: the tree edges) and the lazy peers
 * (IHAVE announcements go there: the edges that repair the tree). A peer is in at most one of them. Both are
 * bounded; insertion-ordered, so a seed reproduces the send order.
 */
final class TreePeers {

    /** Most eager peers; past it a peer that should be eager is kept lazy. */
    private final int maxEager;

    /** Most lazy peers; past it a peer that should be lazy is dropped from this tree. */
    private final int maxLazy;

    private final LinkedHashSet<NodeId> eager;
    private final LinkedHashSet<NodeId> lazy;

    /** {@link #eager} as an array, built on first use after a change; null until then. */
    private NodeId[] eagerArray;
    /**
     * {@link #lazy} as an array, built on first use after a change; null until then. The same array is handed out
     * while the set is unchanged, so its identity tells announcements queued under one lazy set apart from others.
     */
    private NodeId[] lazyArray;

    TreePeers(int maxEager, int maxLazy) {
        this.maxEager = maxEager;
        this.maxLazy = maxLazy;
        this.eager = new LinkedHashSet<>();
        this.lazy = new LinkedHashSet<>();
    }

    /** A copy, the starting point of a new tree. */
    TreePeers copy() {
        return copy(maxEager);
    }

    /** A copy whose eager set may grow to {@code maxEager} only (the peers already eager stay). */
    TreePeers copy(int maxEager) {
        TreePeers c = new TreePeers(maxEager, maxLazy);
        c.eager.addAll(eager);
        c.lazy.addAll(lazy);
        c.eagerArray = eagerArray;
        c.lazyArray = lazyArray;
        return c;
    }

    /** Makes a peer eager; at the bound it is kept lazy instead. */
    void promote(NodeId peer) {
        if (eager.contains(peer)) {
            return;
        }
        if (eager.size() < maxEager) {
            lazy.remove(peer);
            eager.add(peer);
            changed();
        } else {
            addLazy(peer);
        }
    }

    /** Makes a peer lazy; at the bound it leaves this tree. */
    void demote(NodeId peer) {
        if (eager.remove(peer)) {
            changed();
        }
        addLazy(peer);
    }

    /** Keeps a peer that announced to us as lazy, unless it is eager already. */
    void noteAnnouncer(NodeId peer) {
        if (!eager.contains(peer)) {
            addLazy(peer);
        }
    }

    /**
     * Adds a peer as eager if there is room below {@code target}, else as lazy below {@code lazyTarget}.
     *
     * @return whether it was added
     */
    boolean offer(NodeId peer, int target, int lazyTarget) {
        if (eager.contains(peer) || lazy.contains(peer)) {
            return false;
        }
        if (eager.size() < target) {
            changed();
            return eager.add(peer);
        }
        if (lazy.size() < lazyTarget) {
            changed();
            return lazy.add(peer);
        }
        return false;
    }

    /** Removes a peer; reports whether it was eager. */
    boolean remove(NodeId peer) {
        changed();
        lazy.remove(peer);
        return eager.remove(peer);
    }

    /** Promotes the oldest lazy peer, if any, and reports it. */
    NodeId promoteOldestLazy() {
        var it = lazy.iterator();
        if (!it.hasNext()) {
            return null;
        }
        NodeId p = it.next();
        it.remove();
        eager.add(p);
        changed();
        return p;
    }

    /** Replaces the eager peer at {@code index} (in send order) with {@code peer}. */
    void replaceEager(int index, NodeId peer) {
        eager.remove(nth(eager, index));
        lazy.remove(peer);
        eager.add(peer);
        changed();
    }

    /** Replaces the lazy peer at {@code index} (in send order) with {@code peer}. */
    void replaceLazy(int index, NodeId peer) {
        lazy.remove(nth(lazy, index));
        eager.remove(peer);
        lazy.add(peer);
        changed();
    }

    private static NodeId nth(LinkedHashSet<NodeId> set, int index) {
        var it = set.iterator();
        for (int i = 0; i < index; i++) {
            it.next();
        }
        return it.next();
    }

    private void addLazy(NodeId peer) {
        if (!lazy.contains(peer) && lazy.size() < maxLazy) {
            lazy.add(peer);
            changed();
        }
    }

    /** Drops the arrays: the sets changed. */
    private void changed() {
        eagerArray = null;
        lazyArray = null;
    }

    boolean contains(NodeId peer) {
        return eager.contains(peer) || lazy.contains(peer);
    }

    boolean isEager(NodeId peer) {
        return eager.contains(peer);
    }

    boolean isLazy(NodeId peer) {
        return lazy.contains(peer);
    }

    /** The eager peers, live and read-only, in send order. */
    Set<NodeId> eager() {
        return Collections.unmodifiableSet(eager);
    }

    /** The lazy peers, live and read-only, in send order. */
    Set<NodeId> lazy() {
        return Collections.unmodifiableSet(lazy);
    }

    /** The eager peers in send order, as an array the caller must not change. */
    NodeId[] eagerArray() {
        NodeId[] a = eagerArray;
        if (a == null) {
            a = eager.toArray(new NodeId[0]);
            eagerArray = a;
        }
        return a;
    }

    /**
     * The lazy peers in send order, as an array the caller must not change: the same instance until the set
     * changes.
     */
    NodeId[] lazyArray() {
        NodeId[] a = lazyArray;
        if (a == null) {
            a = lazy.toArray(new NodeId[0]);
            lazyArray = a;
        }
        return a;
    }
}

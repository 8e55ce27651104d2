package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A node's peers as Plumtree sees them.
 *
 * <ul>
 *   <li>A bounded uniform sample of the peers membership reported alive, to draw new peers from when one goes away.
 *   <li>The neighbour partition: {@code eagerFanout} eager and {@code lazyFanout} lazy peers picked from the sample.
 *       Every new broadcast tree starts as a copy of it (the paper's initial eager set, section 4.3).
 *   <li>One {@link TreePeers} per origin ("root") that broadcast recently, bounded by {@code maxTrees}, least
 *       recently used first out. PRUNE and GRAFT change only the tree of the message's origin.
 * </ul>
 *
 * <p>Why a tree per origin: with one tree shared by all origins (the paper's single-sender setting), messages from
 * different origins that cross on a cycle each find a duplicate at a different edge, both edges are pruned and the
 * tree falls apart, to be grafted together again, continuously. riak_core's Plumtree keeps per-root sets for this
 * reason. {@link PlumtreeConfig#perOriginTrees()} false keeps the shared tree, for comparison; docs/broadcast.md
 * has the measurements.
 */
final class PeerSets {

    private final PlumtreeConfig config;
    private final RandomGenerator random;
    /** This node: the root of the one tree whose every neighbour is eager (see {@link #tree}). */
    private final NodeId self;

    /** Starting point of every new tree; refilled from the sample when a peer goes away. */
    private final TreePeers neighbours;

    /** Per-origin trees in access order, for LRU eviction. */
    private final LinkedHashMap<NodeId, TreePeers> trees = new LinkedHashMap<>(16, 0.75f, true);
    /**
     * The root and tree {@link #tree} returned last, which a stream of one origin's messages asks for again and
     * again; not refreshed in {@link #trees}' access order until a tree must be evicted.
     */
    private NodeId lastRoot;
    private TreePeers lastTree;

    /** Reservoir sample of live peers, at most {@code maxKnownPeers}, in slot order. */
    private final ArrayList<NodeId> known = new ArrayList<>();

    /** Slot of each peer in {@link #known}. */
    private final HashMap<NodeId, Integer> knownSlot = new HashMap<>();

    /** Peers offered to the sample so far: the reservoir's denominator. */
    private long offered;

    PeerSets(NodeId self, PlumtreeConfig config, RandomGenerator random) {
        this.self = self;
        this.config = config;
        this.random = random;
        this.neighbours = new TreePeers(config.maxEagerPeers(), config.maxLazyPeers());
    }

    /**
     * The tree of messages from {@code root}, created from the neighbour partition on first use. This node's own tree
     * keeps at most {@code eagerFanout} eager peers, so its messages spread through relays (departure 9 in
     * docs/broadcast.md); with {@link PlumtreeConfig#originPushesToAll()} it makes every neighbour eager instead, up to
     * {@code maxEagerPeers} (departure 8): its messages reach them in one hop, and only nodes further away need a
     * relay.
     */
    TreePeers tree(NodeId root) {
        if (!config.perOriginTrees()) {
            return neighbours;
        }
        if (root.equals(lastRoot)) {
            return lastTree;
        }
        TreePeers t = trees.get(root);
        if (t == null) {
            if (trees.size() >= config.maxTrees()) {
                if (lastRoot != null) {
                    trees.get(lastRoot); // the last tree used is the most recently used, whatever the map saw
                }
                NodeId eldest = trees.keySet().iterator().next();
                trees.remove(eldest);
            }
            if (!root.equals(self)) {
                t = neighbours.copy();
            } else if (config.originPushesToAll()) {
                t = neighbours.copy();
                while (t.eager().size() < config.maxEagerPeers() && t.promoteOldestLazy() != null) {
                    // every neighbour eager, up to the bound
                }
            } else {
                // the origin's own copies stay at eagerFanout: a GRAFT beyond that is answered but leaves the
                // grafter lazy here, so it finds a relay (departure 9)
                t = neighbours.copy(config.eagerFanout());
            }
            trees.put(root, t);
        }
        lastRoot = root;
        lastTree = t;
        return t;
    }

    /** The neighbour partition (the template of new trees). */
    TreePeers neighbours() {
        return neighbours;
    }

    /**
     * A peer came up: sample it for refills, and pick it as a neighbour with the probability that keeps the
     * neighbour partition uniform.
     *
     * @return whether it joined the neighbour partition (and so should be told, with NEIGHBOR)
     */
    boolean up(NodeId peer) {
        if (knownSlot.containsKey(peer) || neighbours.contains(peer)) {
            return false;
        }
        offered++;
        sample(peer);
        if (!pickAsNeighbour(peer)) {
            return false;
        }
        joinTrees(peer);
        return true;
    }

    /** Reservoir sampling (Vitter's algorithm R) of the peers offered so far into {@link #known}. */
    private void sample(NodeId peer) {
        if (known.size() < config.maxKnownPeers()) {
            knownSlot.put(peer, known.size());
            known.add(peer);
            return;
        }
        long slot = random.nextLong(offered);
        if (slot >= known.size()) {
            return;
        }
        NodeId evicted = known.get((int) slot);
        knownSlot.remove(evicted);
        knownSlot.put(peer, (int) slot);
        known.set((int) slot, peer);
    }

    /**
     * Keeps the neighbour partition a uniform sample of the peers offered so far, whatever order membership reports
     * them in (a push-pull reply lists members by name; first come, first picked would make the lowest names hubs).
     * Existing trees keep their peers; only trees created later start from the new partition.
     */
    private boolean pickAsNeighbour(NodeId peer) {
        if (neighbours.offer(peer, config.eagerFanout(), config.lazyFanout())) {
            return true;
        }
        long slot = random.nextLong(offered);
        if (slot < config.eagerFanout()) {
            neighbours.replaceEager(random.nextInt(neighbours.eager().size()), peer);
            return true;
        }
        if (slot < config.eagerFanout() + config.lazyFanout() && !neighbours.lazy().isEmpty()) {
            neighbours.replaceLazy(random.nextInt(neighbours.lazy().size()), peer);
            return true;
        }
        return false;
    }

    /**
     * A peer picked us as a neighbour: keep it as a lazy neighbour, and lazy in every tree (eager in this node's own
     * with {@link PlumtreeConfig#originPushesToAll()}), so it hears of every message (bounded by {@code maxLazyPeers}).
     */
    void acceptNeighbour(NodeId peer) {
        neighbours.noteAnnouncer(peer);
        joinTrees(peer);
    }

    /**
     * A new neighbour joins every existing tree, lazy (eager in this node's own with
     * {@link PlumtreeConfig#originPushesToAll()}, up to the bound), so it hears of every
     * message and grafts its way in. Without this, a peer that came back (declared failed, then refuting) was in no
     * tree created before it returned and heard nothing from those origins.
     */
    private void joinTrees(NodeId peer) {
        if (!config.perOriginTrees()) {
            return;
        }
        for (Map.Entry<NodeId, TreePeers> e : trees.entrySet()) {
            if (e.getKey().equals(self) && config.originPushesToAll()) {
                e.getValue().promote(peer);
            } else {
                e.getValue().noteAnnouncer(peer);
            }
        }
    }

    /**
     * A peer failed or left: forget it everywhere. In each tree where it was eager, the oldest lazy peer becomes
     * eager, so the tree repairs without waiting for a GRAFT; the neighbour partition is refilled from the sample.
     *
     * @return the peers that joined the neighbour partition (to be told, with NEIGHBOR)
     */
    List<NodeId> down(NodeId peer) {
        List<NodeId> added = new ArrayList<>();
        Integer slot = knownSlot.remove(peer);
        if (slot != null) {
            NodeId last = known.remove(known.size() - 1);
            if (slot < known.size()) {
                known.set(slot, last);
                knownSlot.put(last, slot);
            }
        }
        for (Map.Entry<NodeId, TreePeers> e : trees.entrySet()) {
            if (e.getValue().remove(peer)) {
                e.getValue().promoteOldestLazy();
            }
        }
        trees.remove(peer);
        if (peer.equals(lastRoot)) {
            lastRoot = null;
            lastTree = null;
        }
        neighbours.remove(peer);
        while (neighbours.eager().size() < config.eagerFanout() && neighbours.promoteOldestLazy() != null) {
            // promoted one
        }
        for (int guard = known.size(); guard > 0; guard--) {
            if (neighbours.eager().size() >= config.eagerFanout() && neighbours.lazy().size() >= config.lazyFanout()) {
                break;
            }
            NodeId p = unusedKnownPeer();
            if (p == null) {
                break;
            }
            if (neighbours.offer(p, config.eagerFanout(), config.lazyFanout())) {
                added.add(p);
            }
        }
        return added;
    }

    /** A sampled peer outside the neighbour partition, starting from a random slot, or {@code null}. */
    private NodeId unusedKnownPeer() {
        int n = known.size();
        if (n == 0) {
            return null;
        }
        int start = random.nextInt(n);
        for (int i = 0; i < n; i++) {
            NodeId p = known.get((start + i) % n);
            if (!neighbours.contains(p)) {
                return p;
            }
        }
        return null;
    }

    /** Whether the peer is in the neighbour partition. */
    boolean isNeighbour(NodeId peer) {
        return neighbours.contains(peer);
    }

    /** A neighbour (eager or lazy in the neighbour partition) picked uniformly, or null if there is none. */
    NodeId randomNeighbour() {
        int n = neighbours.eager().size() + neighbours.lazy().size();
        if (n == 0) {
            return null;
        }
        int pick = random.nextInt(n);
        for (NodeId p : neighbours.eager()) {
            if (pick-- == 0) {
                return p;
            }
        }
        for (NodeId p : neighbours.lazy()) {
            if (pick-- == 0) {
                return p;
            }
        }
        throw new IllegalStateException("neighbour pick out of range");
    }

    /** Number of sampled live peers. */
    int knownCount() {
        return known.size();
    }

    /** Number of per-origin trees held. */
    int treeCount() {
        return trees.size();
    }
}

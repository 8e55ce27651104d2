package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Computes what a peer lacks from its digest, as scuttlebutt's "precise reconciliation" does (van Renesse et al.,
 * LADIS 2008, section 3.1), within a byte budget: the stale nodes are ordered (resets and nodes the peer does not
 * know first, then by the number of entries it lacks, ties in random order, so no node starves) and taken in that
 * order, each node's entries in ascending version order, until the next entry would not fit. A node whose entries are
 * cut short goes with {@code toVersion} at its last entry sent, so the peer holds a consistent prefix and asks for the
 * rest in a later round.
 */
final class DeltaBuilder {

    /** A node state some of which the peer lacks. */
    private record Stale(NodeState state, long fromVersion, boolean urgent, int entries) {
    }

    private static final Comparator<Stale> MOST_STALE_FIRST = Comparator
            .comparing(Stale::urgent).reversed()
            .thenComparing(Comparator.comparingInt(Stale::entries).reversed());

    private DeltaBuilder() {
    }

    /**
     * Whether a peer whose copy of a node is at {@code peerMax} with collections up to {@code peerGc} must be reset
     * from ours: our copy collected tombstones it has not seen, so a delta could not tell it of those deletes. A peer
     * that was itself reset to at least our collection point holds a consistent prefix and is not reset again (the
     * loop chitchat's own code warns of, where a partial reset delta leaves the peer below the collection point).
     */
    static boolean needsReset(long peerMax, long peerGc, long ourGc) {
        return peerMax < ourGc && peerGc < ourGc;
    }

    /**
     * @param digest   the peer's digest
     * @param nodes    our node states by name
     * @param shared   the states we share: our own and those of live peers
     * @param maxBytes encoded bytes the delta may take
     * @param random   breaks ties between equally stale nodes
     */
    static Delta build(Digest digest, Map<NodeId, NodeState> nodes, List<NodeState> shared, int maxBytes,
                       RandomGenerator random) {
        List<Stale> stale = new ArrayList<>();
        int matched = 0;
        for (NodeDigest d : digest.nodes()) {
            NodeState s = nodes.get(d.node());
            if (s == null || s.isDead()) {
                continue;
            }
            matched++;
            boolean reset = needsReset(d.maxVersion(), d.lastGcVersion(), s.lastGcVersion);
            long from = reset ? 0 : d.maxVersion();
            if (reset || from < s.maxVersion) {
                stale.add(new Stale(s, from, reset, s.size() - s.firstAbove(from)));
            }
        }
        if (matched < shared.size()) {
            HashSet<NodeId> listed = new HashSet<>(digest.nodes().size() * 2);
            for (NodeDigest d : digest.nodes()) {
                listed.add(d.node());
            }
            for (NodeState s : shared) {
                if (!listed.contains(s.node) && (s.maxVersion > 0 || s.lastGcVersion > 0)) {
                    stale.add(new Stale(s, 0, true, s.size()));
                }
            }
        }
        if (stale.isEmpty()) {
            return Delta.EMPTY;
        }
        shuffle(stale, random);
        stale.sort(MOST_STALE_FIRST);
        return fill(stale, maxBytes);
    }

    private static Delta fill(List<Stale> stale, int maxBytes) {
        int remaining = maxBytes - StateConfig.DELTA_OVERHEAD_BYTES;
        List<NodeDelta> deltas = new ArrayList<>();
        for (Stale c : stale) {
            NodeState s = c.state();
            int used = NodeDelta.headerSize(s.node);
            if (used > remaining) {
                break;
            }
            VersionedValue[] all = s.entries();
            List<VersionedValue> entries = new ArrayList<>();
            boolean cut = false;
            for (int i = s.firstAbove(c.fromVersion()); i < all.length; i++) {
                int size = all[i].encodedSize();
                if (used + size > remaining) {
                    cut = true;
                    break;
                }
                entries.add(all[i]);
                used += size;
            }
            if (cut && entries.isEmpty()) {
                break;
            }
            long to = cut ? entries.get(entries.size() - 1).version() : s.maxVersion;
            deltas.add(new NodeDelta(s.node, c.fromVersion(), to, s.lastGcVersion, entries));
            remaining -= used;
            if (cut) {
                break;
            }
        }
        return new Delta(deltas);
    }

    private static void shuffle(List<Stale> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Stale tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}

package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Announcements waiting for the next IHAVE flush (the paper's "lazyQueue", section 4.3), kept as runs: a message that
 * follows the last one queued of its origin, at the same hop count, for the same lazy peers and from the same sender,
 * extends that run instead of adding an entry. One run serves all the lazy peers of its tree, so a steady stream costs
 * one run per origin and flush, and one step per message, however many lazy peers there are; the flush splits the
 * runs into one IHAVE batch per peer. Bounded in runs: past the bound the oldest run is dropped and its messages
 * counted once per peer it was for.
 */
final class PendingAnnouncements {

    /** Most runs queued. */
    private final int maxRuns;

    /** Most runs in one IHAVE. */
    private final int batchSize;

    /** The runs, oldest first. */
    private final ArrayDeque<Run> runs = new ArrayDeque<>();

    /** The newest run of each origin in {@link #runs}: the only one that may grow. */
    private final HashMap<NodeId, Run> newestOf = new HashMap<>();

    /** The run queued last, checked before the map: with one origin publishing, the only lookup. */
    private Run newest;

    /** Announced messages dropped because the queue was full, counted per peer. */
    private long dropped;

    PendingAnnouncements(int maxRuns, int batchSize) {
        this.maxRuns = maxRuns;
        this.batchSize = batchSize;
    }

    /**
     * Queues the announcement of one message (or extends a run) for {@code peers} other than {@code except}.
     *
     * @param peers  the peers to announce to; not copied, so the caller must not change it (a tree hands out the same
     *               array until its lazy set changes, which lets runs grow by an identity check)
     * @param except the peer the message came from, never announced to; null for none
     */
    void add(NodeId[] peers, NodeId except, NodeId origin, long sequence, int hops) {
        if (peers.length == 0 || peers.length == 1 && peers[0].equals(except)) {
            return;
        }
        Run open = newest != null && newest.origin.equals(origin) ? newest : newestOf.get(origin);
        if (open != null && open.last + 1 == sequence && open.hops == hops && Objects.equals(open.except, except)
                && (open.peers == peers || Arrays.equals(open.peers, peers))) {
            open.last = sequence;
            return;
        }
        if (runs.size() >= maxRuns) {
            Run oldest = runs.pollFirst();
            dropped += (oldest.last - oldest.first + 1) * oldest.recipients();
            newestOf.remove(oldest.origin, oldest);
            if (newest == oldest) {
                newest = null;
            }
        }
        Run run = new Run(peers, except, origin, sequence, hops);
        runs.addLast(run);
        newestOf.put(origin, run);
        newest = run;
    }

    /** Queues the announcement of one message for one peer. */
    void add(NodeId peer, NodeId origin, long sequence, int hops) {
        add(new NodeId[]{peer}, null, origin, sequence, hops);
    }

    /** Forgets what was queued for a peer that went away. */
    void forget(NodeId peer) {
        for (Run r : runs) {
            r.peers = without(r.peers, peer);
        }
    }

    private static NodeId[] without(NodeId[] peers, NodeId peer) {
        for (int i = 0; i < peers.length; i++) {
            if (peers[i].equals(peer)) {
                NodeId[] rest = new NodeId[peers.length - 1];
                System.arraycopy(peers, 0, rest, 0, i);
                System.arraycopy(peers, i + 1, rest, i, peers.length - i - 1);
                return rest;
            }
        }
        return peers;
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /**
     * Hands every queued run to {@code send} as IHAVE batches, peer by peer (in the order peers first appear in the
     * queue), each peer's runs in queue order, and clears.
     */
    void drain(BiConsumer<NodeId, PlumtreeMessage.IHave> send) {
        LinkedHashMap<NodeId, List<PlumtreeMessage.Announcement>> byPeer = new LinkedHashMap<>();
        for (Run r : runs) {
            PlumtreeMessage.Announcement a = new PlumtreeMessage.Announcement(r.origin, r.first, r.last, r.hops);
            for (NodeId p : r.peers) {
                if (!p.equals(r.except)) {
                    byPeer.computeIfAbsent(p, k -> new ArrayList<>()).add(a);
                }
            }
        }
        runs.clear();
        newestOf.clear();
        newest = null;
        for (Map.Entry<NodeId, List<PlumtreeMessage.Announcement>> e : byPeer.entrySet()) {
            List<PlumtreeMessage.Announcement> all = e.getValue();
            for (int from = 0; from < all.size(); from += batchSize) {
                send.accept(e.getKey(), new PlumtreeMessage.IHave(all.subList(from, Math.min(all.size(),
                        from + batchSize))));
            }
        }
    }

    /** Announced messages dropped so far because the queue was full, counted per peer. */
    long dropped() {
        return dropped;
    }

    /** Messages {@code first..last} of one origin at one hop count, for some peers; grows at the top. */
    private static final class Run {
        /** The peers it is for (an array no one changes; replaced, not edited, when a peer goes away). */
        NodeId[] peers;
        /** The peer the messages came from, not told; null for none. */
        final NodeId except;
        final NodeId origin;
        final long first;
        long last;
        final int hops;

        Run(NodeId[] peers, NodeId except, NodeId origin, long first, int hops) {
            this.peers = peers;
            this.except = except;
            this.origin = origin;
            this.first = first;
            this.last = first;
            this.hops = hops;
        }

        /** How many peers it is announced to. */
        int recipients() {
            int n = 0;
            for (NodeId p : peers) {
                if (!p.equals(except)) {
                    n++;
                }
            }
            return n;
        }
    }
}

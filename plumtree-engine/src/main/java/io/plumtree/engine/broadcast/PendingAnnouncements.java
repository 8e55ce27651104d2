package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Announcements waiting for the next IHAVE flush, per lazy peer (the paper's "lazyQueue", section 4.3), kept as runs:
 * a message that follows the last one queued of its origin, at the same hop count, extends that run instead of adding
 * an entry, so a steady stream costs one run per origin and flush however fast it flows. Bounded per peer in runs:
 * past the bound the oldest run is dropped and its messages counted.
 */
final class PendingAnnouncements {

    /** Most runs queued for one peer. */
    private final int maxPerPeer;

    /** Most runs in one IHAVE. */
    private final int batchSize;

    private final LinkedHashMap<NodeId, PeerQueue> byPeer = new LinkedHashMap<>();

    /** Announced messages dropped because a peer's queue was full. */
    private long dropped;

    PendingAnnouncements(int maxPerPeer, int batchSize) {
        this.maxPerPeer = maxPerPeer;
        this.batchSize = batchSize;
    }

    /** Queues the announcement of one message (or extends a run) for a peer. */
    void add(NodeId peer, NodeId origin, long sequence, int hops) {
        PeerQueue q = byPeer.get(peer);
        if (q == null) {
            q = new PeerQueue();
            byPeer.put(peer, q);
        }
        Run open = q.newest != null && q.newest.origin.equals(origin) ? q.newest : q.newestOf.get(origin);
        if (open != null && open.last + 1 == sequence && open.hops == hops) {
            open.last = sequence;
            return;
        }
        if (q.runs.size() >= maxPerPeer) {
            Run oldest = q.runs.pollFirst();
            dropped += oldest.last - oldest.first + 1;
            q.newestOf.remove(oldest.origin, oldest);
            if (q.newest == oldest) {
                q.newest = null;
            }
        }
        Run run = new Run(origin, sequence, hops);
        q.runs.addLast(run);
        q.newestOf.put(origin, run);
        q.newest = run;
    }

    /** Forgets what was queued for a peer that went away. */
    void forget(NodeId peer) {
        byPeer.remove(peer);
    }

    boolean isEmpty() {
        return byPeer.isEmpty();
    }

    /** Hands every queued run to {@code send} as IHAVE batches, peer by peer in queue order, and clears. */
    void drain(BiConsumer<NodeId, PlumtreeMessage.IHave> send) {
        for (Map.Entry<NodeId, PeerQueue> e : byPeer.entrySet()) {
            ArrayDeque<Run> runs = e.getValue().runs;
            while (!runs.isEmpty()) {
                List<PlumtreeMessage.Announcement> batch = new ArrayList<>(Math.min(batchSize, runs.size()));
                while (batch.size() < batchSize && !runs.isEmpty()) {
                    Run r = runs.pollFirst();
                    batch.add(new PlumtreeMessage.Announcement(r.origin, r.first, r.last, r.hops));
                }
                send.accept(e.getKey(), new PlumtreeMessage.IHave(batch));
            }
        }
        byPeer.clear();
    }

    /** Announced messages dropped so far because a queue was full. */
    long dropped() {
        return dropped;
    }

    /** One peer's runs, oldest first, and the newest run of each origin in them (the only one that may grow). */
    private static final class PeerQueue {
        final ArrayDeque<Run> runs = new ArrayDeque<>();
        final HashMap<NodeId, Run> newestOf = new HashMap<>();
        /** The run queued last, checked before the map: with one origin publishing, the only lookup. */
        Run newest;
    }

    /** Messages {@code first..last} of one origin at one hop count; grows at the top. */
    private static final class Run {
        final NodeId origin;
        final long first;
        long last;
        final int hops;

        Run(NodeId origin, long first, int hops) {
            this.origin = origin;
            this.first = first;
            this.last = first;
            this.hops = hops;
        }
    }
}

package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Announcements waiting for the next IHAVE flush, per lazy peer (the paper's "lazyQueue", section 4.3). Bounded per
 * peer: past the bound the oldest announcement is dropped and counted.
 */
final class PendingAnnouncements {

    /** Most announcements queued for one peer. */
    private final int maxPerPeer;

    /** Most announcements in one IHAVE. */
    private final int batchSize;

    private final LinkedHashMap<NodeId, ArrayDeque<PlumtreeMessage.Announcement>> byPeer = new LinkedHashMap<>();

    /** Announcements dropped because a peer's queue was full. */
    private long dropped;

    PendingAnnouncements(int maxPerPeer, int batchSize) {
        this.maxPerPeer = maxPerPeer;
        this.batchSize = batchSize;
    }

    /** Queues one announcement for a peer. */
    void add(NodeId peer, PlumtreeMessage.Announcement announcement) {
        ArrayDeque<PlumtreeMessage.Announcement> q = byPeer.computeIfAbsent(peer, p -> new ArrayDeque<>());
        if (q.size() >= maxPerPeer) {
            q.pollFirst();
            dropped++;
        }
        q.addLast(announcement);
    }

    /** Forgets what was queued for a peer that went away. */
    void forget(NodeId peer) {
        byPeer.remove(peer);
    }

    boolean isEmpty() {
        return byPeer.isEmpty();
    }

    /** Hands every queued announcement to {@code send} as IHAVE batches, peer by peer in queue order, and clears. */
    void drain(BiConsumer<NodeId, PlumtreeMessage.IHave> send) {
        for (Map.Entry<NodeId, ArrayDeque<PlumtreeMessage.Announcement>> e : byPeer.entrySet()) {
            ArrayDeque<PlumtreeMessage.Announcement> q = e.getValue();
            while (!q.isEmpty()) {
                List<PlumtreeMessage.Announcement> batch = new ArrayList<>(Math.min(batchSize, q.size()));
                while (batch.size() < batchSize && !q.isEmpty()) {
                    batch.add(q.pollFirst());
                }
                send.accept(e.getKey(), new PlumtreeMessage.IHave(batch));
            }
        }
        byPeer.clear();
    }

    /** Announcements dropped so far because a queue was full. */
    long dropped() {
        return dropped;
    }
}

package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The piggyback queue of membership updates (memberlist {@code TransmitLimitedQueue}): each update rides on
 * outgoing packets until it has been sent {@code retransmitLimit} times; the least transmitted go first (newest first
 * among equals); a newer update about a member replaces the queued one; the queue is bounded, and at its bound the
 * most transmitted updates are dropped first.
 */
final class TransmitQueue {

    /** One queued update. */
    private static final class Entry {
        /** The member the update is about; a newer update about it replaces this one. */
        final NodeId about;
        final SwimMessage message;
        /** Insertion order, for newest-first among equally transmitted updates. */
        final long id;
        /** How many packets carried it so far. */
        int transmits;

        Entry(NodeId about, SwimMessage message, long id) {
            this.about = about;
            this.message = message;
            this.id = id;
        }
    }

    /** Least transmitted first, then newest first. */
    private static final Comparator<Entry> SEND_ORDER =
            Comparator.<Entry>comparingInt(e -> e.transmits).thenComparing(e -> -e.id);

    /** Queued updates by member, at most one per member. */
    private final Map<NodeId, Entry> entries = new LinkedHashMap<>();

    /** Bound on {@link #entries}. */
    private final int maxEntries;

    /** Updates bigger than this never fit a packet and are not queued. */
    private final int maxMessageBytes;

    private long nextId;

    TransmitQueue(int maxEntries, int maxMessageBytes) {
        this.maxEntries = maxEntries;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Queues an update about {@code about}, replacing any queued one about the same member. */
    void enqueue(NodeId about, SwimMessage message) {
        entries.remove(about);
        if (message.encodedSize() > maxMessageBytes) {
            return;
        }
        entries.put(about, new Entry(about, message, nextId++));
        while (entries.size() > maxEntries) {
            Entry worst = null;
            for (Entry e : entries.values()) {
                if (worst == null || SEND_ORDER.compare(e, worst) > 0) {
                    worst = e;
                }
            }
            entries.remove(worst.about);
        }
    }

    /**
     * Takes the updates that fit in {@code budgetBytes}, least transmitted first, counting one transmission for
     * each and dropping those that reached {@code transmitLimit}.
     */
    List<SwimMessage> take(int budgetBytes, int transmitLimit) {
        if (entries.isEmpty() || budgetBytes <= 0) {
            return List.of();
        }
        List<Entry> ordered = new ArrayList<>(entries.values());
        ordered.sort(SEND_ORDER);
        List<SwimMessage> taken = new ArrayList<>();
        int remaining = budgetBytes;
        for (Entry e : ordered) {
            int size = e.message.encodedSize();
            if (size > remaining) {
                continue;
            }
            remaining -= size;
            taken.add(e.message);
            e.transmits++;
            if (e.transmits >= transmitLimit) {
                entries.remove(e.about);
            }
        }
        return taken;
    }

    /** Number of queued updates. */
    int size() {
        return entries.size();
    }

    /** The queued update about a member, or null. */
    SwimMessage queuedAbout(NodeId about) {
        Entry e = entries.get(about);
        return e == null ? null : e.message;
    }
}

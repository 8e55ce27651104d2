package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

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

    /** Least transmitted first, then newest first; ids are unique, so the order is total. */
    private static final Comparator<Entry> SEND_ORDER =
            Comparator.<Entry>comparingInt(e -> e.transmits).thenComparing(e -> -e.id);

    /**
     * Updates that do not fit the space left in a packet are skipped; after this many in a row, the packet is
     * considered full, so filling one costs O(updates taken) rather than O(queue).
     */
    private static final int MAX_MISFITS = 16;

    /** Queued updates by member, at most one per member. */
    private final Map<NodeId, Entry> entries = new LinkedHashMap<>();

    /** The same updates in send order; an entry's transmits change only while it is out of this set. */
    private final TreeSet<Entry> ordered = new TreeSet<>(SEND_ORDER);

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
        Entry old = entries.remove(about);
        if (old != null) {
            ordered.remove(old);
        }
        if (message.encodedSize() > maxMessageBytes) {
            return;
        }
        Entry e = new Entry(about, message, nextId++);
        entries.put(about, e);
        ordered.add(e);
        while (entries.size() > maxEntries) {
            Entry worst = ordered.pollLast();
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
        List<Entry> takenEntries = new ArrayList<>();
        int remaining = budgetBytes;
        int misfits = 0;
        for (Entry e : ordered) {
            int size = e.message.encodedSize();
            if (size > remaining) {
                if (++misfits >= MAX_MISFITS) {
                    break;
                }
                continue;
            }
            misfits = 0;
            remaining -= size;
            takenEntries.add(e);
        }
        List<SwimMessage> taken = new ArrayList<>(takenEntries.size());
        for (Entry e : takenEntries) {
            taken.add(e.message);
            ordered.remove(e);
            e.transmits++;
            if (e.transmits >= transmitLimit) {
                entries.remove(e.about);
            } else {
                ordered.add(e);
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

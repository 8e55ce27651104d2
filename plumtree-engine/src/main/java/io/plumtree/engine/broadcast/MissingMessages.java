package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages announced to us by IHAVE that we have not received: for each, who announced it (in arrival order, the
 * paper's "missing" set of section 4.3) and how many GRAFTs were sent. Bounded in messages and in announcers per
 * message.
 *
 * <p>It also keeps the paper's first "Timer(mID)" of every message: each waits the same graft timeout from its first
 * announcement, so the messages are due in the order they were first announced, and a queue in that order replaces a
 * timer each ({@link #pollFirstDue}). Most announced messages arrive from their eager parent within moments; a timer
 * each cost the driver's timer heap an entry, kept and fired after the message had long arrived.
 */
final class MissingMessages {

    /** Most missing messages tracked; announcements of further ones are dropped and counted. */
    private final int maxMessages;

    /** Most announcers remembered per message. */
    private final int maxAnnouncers;

    private final LinkedHashMap<MessageId, Missing> byId = new LinkedHashMap<>();

    /**
     * Messages in order of their first GRAFT's time, which is their first announcement's order. An entry whose message
     * arrived or was given up ({@link Missing#gone}) stays until it reaches the head or the queue is compacted, which
     * it is when it holds twice {@link #maxMessages}: so it never holds more than that.
     */
    private final ArrayDeque<Missing> firstDue = new ArrayDeque<>();

    MissingMessages(int maxMessages, int maxAnnouncers) {
        this.maxMessages = maxMessages;
        this.maxAnnouncers = maxAnnouncers;
    }

    /** Outcome of {@link #announce}. */
    enum Outcome {
        /** First announcement of this message: the caller starts its graft timer. */
        NEW,
        /** Already tracked; the announcer was remembered if there was room. */
        KNOWN,
        /** Not tracked: the table is full. */
        DROPPED
    }

    /**
     * Records that {@code peer} announced {@code id} at {@code hops}; a message not tracked before is due for its
     * first GRAFT at {@code firstGraftDueNanos}, which must not be earlier than that of any message tracked before.
     */
    Outcome announce(MessageId id, NodeId peer, int hops, long firstGraftDueNanos) {
        Missing m = byId.get(id);
        if (m == null) {
            if (byId.size() >= maxMessages) {
                return Outcome.DROPPED;
            }
            m = new Missing(id, firstGraftDueNanos);
            m.announcers.add(new Announcer(peer, hops));
            byId.put(id, m);
            if (firstDue.size() >= 2 * maxMessages) {
                firstDue.removeIf(e -> e.gone);
            }
            firstDue.addLast(m);
            return Outcome.NEW;
        }
        if (m.announcers.size() < maxAnnouncers && !m.announcedBy(peer)) {
            m.announcers.add(new Announcer(peer, hops));
        }
        return Outcome.KNOWN;
    }

    /** The entry for a message, or {@code null} if it is not missing. */
    Missing get(MessageId id) {
        return byId.get(id);
    }

    /** Stops tracking a message (it arrived, or was given up). */
    void remove(MessageId id) {
        Missing m = byId.remove(id);
        if (m != null) {
            m.gone = true;
        }
    }

    /**
     * The message whose first GRAFT is due next, still missing, or null if none is waiting for its first GRAFT. Entries
     * of messages no longer missing are dropped from the queue's head on the way.
     */
    Missing nextFirstDue() {
        Missing m;
        while ((m = firstDue.peekFirst()) != null && m.gone) {
            firstDue.pollFirst();
        }
        return m;
    }

    /** Takes the next message whose first GRAFT is due at or before {@code nowNanos} and still missing; else null. */
    Missing pollFirstDue(long nowNanos) {
        Missing m = nextFirstDue();
        if (m == null || m.firstGraftDueNanos - nowNanos > 0) {
            return null;
        }
        return firstDue.pollFirst();
    }

    /** Entries in the queue of first GRAFTs, those of messages no longer missing included (for tests). */
    int firstDueQueued() {
        return firstDue.size();
    }

    /** The tracked messages and their entries, oldest first; read-only. */
    Iterable<Map.Entry<MessageId, Missing>> entries() {
        return Collections.unmodifiableMap(byId).entrySet();
    }

    /** Number of messages tracked. */
    int size() {
        return byId.size();
    }

    /** One peer that announced a message, and the hop count it offered. */
    record Announcer(NodeId peer, int hops) {
    }

    /** A missing message's announcers and retry count. */
    static final class Missing {
        /** The message. */
        final MessageId id;

        /** Driver time its first GRAFT is due: its first announcement plus the graft timeout. */
        final long firstGraftDueNanos;

        /** Whether it is no longer tracked (it arrived, or was given up). */
        boolean gone;

        /** Announcers in arrival order; the first is grafted first. */
        final List<Announcer> announcers = new ArrayList<>(4);

        /** GRAFTs sent for this message so far (its own, not counting batches of others). */
        int attempts;

        /** Times its GRAFT was skipped because every announcer's rate limit was spent. */
        int deferrals;

        /** Driver time of the last GRAFT that asked for it (its own or another's batch), or Long.MIN_VALUE. */
        long graftedAtNanos = Long.MIN_VALUE;

        Missing(MessageId id, long firstGraftDueNanos) {
            this.id = id;
            this.firstGraftDueNanos = firstGraftDueNanos;
        }

        /** Whether {@code peer} announced it. */
        boolean announcedBy(NodeId peer) {
            for (Announcer a : announcers) {
                if (a.peer.equals(peer)) {
                    return true;
                }
            }
            return false;
        }
    }
}

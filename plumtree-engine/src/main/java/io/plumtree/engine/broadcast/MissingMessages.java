package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Messages announced to us by IHAVE that we have not received: for each, who announced it (in arrival order, the
 * paper's "missing" set of section 4.3) and how many GRAFTs were sent. Bounded in messages and in announcers per
 * message.
 */
final class MissingMessages {

    /** Most missing messages tracked; announcements of further ones are dropped and counted. */
    private final int maxMessages;

    /** Most announcers remembered per message. */
    private final int maxAnnouncers;

    private final LinkedHashMap<MessageId, Missing> byId = new LinkedHashMap<>();

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

    /** Records that {@code peer} announced {@code id} at {@code hops}. */
    Outcome announce(MessageId id, NodeId peer, int hops) {
        Missing m = byId.get(id);
        if (m == null) {
            if (byId.size() >= maxMessages) {
                return Outcome.DROPPED;
            }
            m = new Missing();
            m.announcers.add(new Announcer(peer, hops));
            byId.put(id, m);
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
        byId.remove(id);
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
        /** Announcers in arrival order; the first is grafted first. */
        final List<Announcer> announcers = new ArrayList<>(4);

        /** GRAFTs sent for this message so far (its own, not counting batches of others). */
        int attempts;

        /** Times its GRAFT was skipped because every announcer's rate limit was spent. */
        int deferrals;

        /** Driver time of the last GRAFT that asked for it (its own or another's batch), or Long.MIN_VALUE. */
        long graftedAtNanos = Long.MIN_VALUE;

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

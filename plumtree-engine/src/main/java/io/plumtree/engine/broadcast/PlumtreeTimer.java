package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;

import java.util.Objects;

/** Keys of the timers a Plumtree core schedules. Timers are never cancelled: a stale one is ignored when it fires. */
public sealed interface PlumtreeTimer {

    /** Time to send the batched IHAVE announcements to the lazy peers, and NEIGHBOR to newly picked neighbours. */
    record FlushAnnouncements() implements PlumtreeTimer {
    }

    /**
     * The first GRAFT of one or more announced messages is due: graft those still missing. One is outstanding at a
     * time, for the message announced first of those waiting; every message waits the same graft timeout.
     */
    record GraftSweep() implements PlumtreeTimer {
    }

    /**
     * An announced message may still be missing after a GRAFT, or a GRAFT had to wait: graft it again if so.
     *
     * @param id the message
     */
    record GraftDue(MessageId id) implements PlumtreeTimer {
        /** Validates the field. */
        public GraftDue {
            Objects.requireNonNull(id, "id");
        }
    }

    /** Time to send one neighbour a digest of recently delivered messages. */
    record DigestDue() implements PlumtreeTimer {
    }
}

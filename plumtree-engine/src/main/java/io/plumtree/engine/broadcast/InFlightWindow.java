package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;

import java.util.HashMap;

/**
 * How far this node's own broadcasts have got: per live member, the highest sequence up to which it acknowledged all
 * of them ({@link PlumtreeMessage.Ack}), and whether the next broadcast may go out. It may while the member furthest
 * behind is fewer than {@code max} messages behind the newest broadcast, so a publisher faster than its slowest member
 * waits for it instead of filling every queue on the way; the pipeline then never holds more than a window, which is
 * never more than the caches hold, so whatever a member misses can still be grafted (docs/broadcast.md, departure 9).
 *
 * <p>A member that acknowledges nothing for {@code laggardTimeoutNanos} while the window waits for it (paused, cut
 * off, or a process stuck without being declared failed) is left behind: the window stops waiting for it until it is
 * back within half a window. A member is taken as caught up when membership first reports it, so a new member holds
 * nothing up until it has fallen behind. Sans-IO and loop-thread only, like the core that owns it.
 */
final class InFlightWindow {

    /** What the window knows of one member. */
    private static final class Progress {
        /** Highest sequence up to which the member acknowledged every message of this node. */
        long acked;
        /** Time the window first waited for this member since its last acknowledgement; {@link #NOT_WAITING} if not. */
        long waitedSince = NOT_WAITING;
        /** Whether the window stopped waiting for it (see the class comment). */
        boolean leftBehind;

        Progress(long acked) {
            this.acked = acked;
        }
    }

    private static final long NOT_WAITING = Long.MIN_VALUE;

    /** Most messages in flight; 0: the window is off. */
    private final int max;
    private final long laggardTimeoutNanos;
    private final HashMap<NodeId, Progress> members = new HashMap<>();
    /**
     * The lowest {@link Progress#acked} of the members not left behind, or lower: acknowledgements only raise a
     * member's, so a stale value errs on the side of waiting and is counted again only when it would hold a broadcast.
     */
    private long lowestAcked = Long.MAX_VALUE;
    private boolean lowestStale;
    /** Times a member was left behind. */
    private long leftBehind;

    /**
     * @param max                 most messages in flight; 0 for no window
     * @param laggardTimeoutNanos how long the window waits for a member that acknowledges nothing
     */
    InFlightWindow(int max, long laggardTimeoutNanos) {
        this.max = max;
        this.laggardTimeoutNanos = laggardTimeoutNanos;
    }

    /** Every how many messages a member acknowledges an origin's stream (at least 1; only when a window is on). */
    static int ackInterval(int maxInFlight) {
        return Math.max(1, maxInFlight / 8);
    }

    /** Membership reports {@code member} alive; {@code newest} is this node's newest sequence (0 before any). */
    void memberUp(NodeId member, long newest) {
        if (max > 0 && members.putIfAbsent(member, new Progress(newest)) == null) {
            lowestAcked = Math.min(lowestAcked, newest);
        }
    }

    /** Membership reports {@code member} failed or left. */
    void memberDown(NodeId member) {
        if (members.remove(member) != null) {
            lowestStale = true;
        }
    }

    /**
     * {@code member} acknowledged every message through {@code through}.
     *
     * @param newest this node's newest sequence
     */
    void acked(NodeId member, long through, long newest) {
        Progress p = members.get(member);
        if (p == null || through <= p.acked) {
            return;
        }
        if (p.acked == lowestAcked) {
            lowestStale = true;
        }
        p.acked = Math.min(through, newest);
        p.waitedSince = NOT_WAITING;
        if (p.leftBehind && newest - p.acked <= max / 2) {
            p.leftBehind = false;
            lowestAcked = Math.min(lowestAcked, p.acked);
        }
    }

    /**
     * Whether a broadcast numbered {@code newest + 1} may go out at {@code now}; when it may not, starts (or goes on)
     * timing the members it waits for, and leaves behind those waited for longer than the laggard timeout.
     */
    boolean admits(long newest, long now) {
        if (max == 0 || newest - lowestAcked < max) {
            return true;
        }
        if (lowestStale) {
            recountLowest();
            if (newest - lowestAcked < max) {
                return true;
            }
        }
        boolean waiting = false;
        for (Progress p : members.values()) {
            if (p.leftBehind || newest - p.acked < max) {
                continue;
            }
            if (p.waitedSince == NOT_WAITING) {
                p.waitedSince = now;
                waiting = true;
            } else if (now - p.waitedSince >= laggardTimeoutNanos) {
                p.leftBehind = true;
                leftBehind++;
            } else {
                waiting = true;
            }
        }
        recountLowest();
        return !waiting;
    }

    private void recountLowest() {
        long lowest = Long.MAX_VALUE;
        for (Progress p : members.values()) {
            if (!p.leftBehind) {
                lowest = Math.min(lowest, p.acked);
            }
        }
        lowestAcked = lowest;
        lowestStale = false;
    }

    /** Messages between the newest broadcast and the member furthest behind that the window waits for. */
    long inFlight(long newest) {
        if (lowestStale) {
            recountLowest();
        }
        return lowestAcked == Long.MAX_VALUE ? 0 : Math.max(0, newest - lowestAcked);
    }

    /** Times a member was left behind. */
    long leftBehind() {
        return leftBehind;
    }
}

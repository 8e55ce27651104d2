package io.plumtree.engine.sim;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.membership.SwimOutput;
import io.plumtree.engine.node.NodeOutput;

import java.util.BitSet;
import java.util.Map;

/**
 * Follows every node's view of the membership through its events, and the traffic it sends, to report join
 * convergence, failure detection times, false positives and steady-state cost.
 */
final class MembershipTracker implements ClusterObserver {

    private final int n;
    private final Map<NodeId, Integer> indexOfName;

    /** Per observing node: the other members it currently sees alive (or suspect). */
    private final BitSet[] alive;

    /** Per observing node: how many others it sees alive, and how many of those were killed on purpose. */
    private final int[] aliveCount;
    private final int[] killedSeen;

    /** Nodes that see every other node alive. */
    private int fullViews;

    /** Live nodes that see exactly the other live nodes. */
    private int agreeing;

    /** Nodes crashed on purpose, and when. */
    final BitSet killed = new BitSet();
    long killAtNanos = Long.MAX_VALUE;

    /** Nodes that pause now and then (CPU-starved). */
    final BitSet slow = new BitSet();

    /** Per killed node: how many live nodes have declared it failed. */
    private final int[] failedBy;
    private int killedFullyFailed;

    /** Window in which traffic is counted, in virtual time. */
    long windowStart = Long.MAX_VALUE;
    long windowEnd = Long.MAX_VALUE;
    long windowMessages;
    long windowBytes;

    long joinConvergedAt = -1;
    long firstSuspectAt = -1;
    long deadAllAt = -1;
    long falsePositives;
    long falsePositivesSlow;

    /** When every live node's view matched the live membership exactly after the kill; -1 until then. */
    long survivorsConvergedAt = -1;

    MembershipTracker(int n, Map<NodeId, Integer> indexOfName) {
        this.n = n;
        this.indexOfName = indexOfName;
        this.alive = new BitSet[n];
        for (int i = 0; i < n; i++) {
            alive[i] = new BitSet(n);
        }
        this.failedBy = new int[n];
        this.aliveCount = new int[n];
        this.killedSeen = new int[n];
    }

    /** Marks nodes as killed at a time; call before the run. */
    void kill(int node, long atNanos) {
        killed.set(node);
        killAtNanos = Math.min(killAtNanos, atNanos);
    }

    @Override
    public void membershipChanged(int node, SwimOutput.MemberEvent event, long now) {
        Integer subject = indexOfName.get(event.member().id());
        if (subject == null || subject == node) {
            return;
        }
        boolean before = alive[node].get(subject);
        switch (event.kind()) {
            case JOINED -> setAlive(node, subject, true, now);
            case FAILED -> {
                setAlive(node, subject, false, now);
                if (!killed.get(node) && before) {
                    onFailed(node, subject, now);
                }
            }
            case LEFT -> setAlive(node, subject, false, now);
            default -> {
            }
        }
    }

    private void onFailed(int observer, int subject, long now) {
        if (killed.get(subject) && now >= killAtNanos) {
            if (++failedBy[subject] == n - killed.cardinality()) {
                if (++killedFullyFailed == killed.cardinality()) {
                    deadAllAt = now;
                }
            }
        } else if (slow.get(subject)) {
            falsePositivesSlow++;
        } else {
            falsePositives++;
        }
    }

    private void setAlive(int node, int subject, boolean isAlive, long now) {
        BitSet view = alive[node];
        if (view.get(subject) == isAlive) {
            return;
        }
        boolean wasFull = aliveCount[node] == n - 1;
        boolean wasAgreeing = agrees(node);
        view.set(subject, isAlive);
        int delta = isAlive ? 1 : -1;
        aliveCount[node] += delta;
        if (killed.get(subject)) {
            killedSeen[node] += delta;
            if (isAlive && now >= killAtNanos && !killed.get(node)) {
                failedBy[subject] = Math.max(0, failedBy[subject] - 1);
            }
        }
        boolean isFull = aliveCount[node] == n - 1;
        if (isFull && !wasFull) {
            fullViews++;
            if (fullViews == n && joinConvergedAt < 0) {
                joinConvergedAt = now;
            }
        } else if (wasFull && !isFull) {
            fullViews--;
        }
        boolean isAgreeing = agrees(node);
        if (isAgreeing != wasAgreeing) {
            agreeing += isAgreeing ? 1 : -1;
        }
        if (now >= killAtNanos && survivorsConvergedAt < 0 && agreeing == n - killed.cardinality()) {
            survivorsConvergedAt = now;
        }
    }

    /** Whether a live node sees exactly the other live nodes. */
    private boolean agrees(int node) {
        return !killed.get(node) && killedSeen[node] == 0 && aliveCount[node] == n - 1 - killed.cardinality();
    }

    @Override
    public void packetSent(int from, int to, NodeOutput.SendPacket packet, long bytes, long now) {
        count(bytes, now);
        if (firstSuspectAt < 0 && now >= killAtNanos) {
            for (SwimMessage m : packet.messages()) {
                if (m instanceof SwimMessage.Suspect s) {
                    Integer subject = indexOfName.get(s.node());
                    if (subject != null && killed.get(subject)) {
                        firstSuspectAt = now;
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void frameSent(int from, int to, NodeOutput.SendFrame frame, long bytes, long now) {
        count(bytes, now);
    }

    /** Counts one datagram or frame sent in the steady-state window. */
    private void count(long bytes, long now) {
        if (now < windowStart || now >= windowEnd) {
            return;
        }
        windowMessages++;
        windowBytes += bytes;
    }

    /** Number of nodes whose view is complete. */
    int fullViews() {
        return fullViews;
    }
}

package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * SWIM's randomized round-robin choice of probe targets (paper section 4.3; memberlist {@code probe()} and
 * {@code resetNodes()}): walk a shuffled list of the members, reshuffle when done. Every live member is thus probed
 * once per round, within a bounded time, in an order no one can predict. New members are inserted at a random place
 * of the rest of the round.
 */
final class ProbeOrder {

    private final RandomGenerator random;

    /** The current round's order. */
    private final List<NodeId> order = new ArrayList<>();

    /** Index of the next entry of {@link #order} to consider. */
    private int next;

    ProbeOrder(RandomGenerator random) {
        this.random = random;
    }

    /** Puts a newly learned member somewhere in the rest of this round. */
    void add(NodeId id) {
        int at = next + random.nextInt(order.size() - next + 1);
        order.add(at, id);
    }

    /**
     * The next member that {@code probeable} accepts, or null if there is none. When the round ends, a new one
     * starts from {@code members}, shuffled.
     */
    NodeId next(Collection<NodeId> members, Predicate<NodeId> probeable) {
        boolean reshuffled = false;
        while (true) {
            if (next >= order.size()) {
                if (reshuffled) {
                    return null;
                }
                reshuffle(members);
                reshuffled = true;
            }
            while (next < order.size()) {
                NodeId candidate = order.get(next++);
                if (probeable.test(candidate)) {
                    return candidate;
                }
            }
        }
    }

    private void reshuffle(Collection<NodeId> members) {
        order.clear();
        order.addAll(members);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            NodeId t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        next = 0;
    }
}

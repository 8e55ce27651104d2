package io.plumtree.bench.raw;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed relay tree: node 0 is the root and node i's children are {@code FANOUT·i + 1 .. FANOUT·i + FANOUT}
 * (those below the node count), a complete tree with plumtree's eager fanout.
 */
public final class RawTree {

    /** Children per node: plumtree's {@code lan} eager fanout. */
    public static final int FANOUT = 3;

    private RawTree() {
    }

    /** Indices of node {@code index}'s children in a tree of {@code nodes}. */
    public static List<Integer> children(int index, int nodes) {
        List<Integer> c = new ArrayList<>();
        for (int k = 1; k <= FANOUT; k++) {
            long child = (long) FANOUT * index + k;
            if (child < nodes) {
                c.add((int) child);
            }
        }
        return c;
    }

    /** Index of node {@code index}'s parent; -1 for the root. */
    public static int parent(int index) {
        return index == 0 ? -1 : (index - 1) / FANOUT;
    }

    /** Hops from the root to the deepest node of a tree of {@code nodes}. */
    public static int depth(int nodes) {
        int depth = 0;
        for (int i = nodes - 1; i > 0; i = parent(i)) {
            depth++;
        }
        return depth;
    }
}

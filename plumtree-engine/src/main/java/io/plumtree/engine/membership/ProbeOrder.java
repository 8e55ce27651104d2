package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * SWIM's randomized round-robin choice of probe targets (paper section 4.3; memberlist {@code probe()} and
 * {@code resetNodes()}): walk a shuffled list of the members, reshuffle when done. Every live member is thus probed
 * once per round, within a bounded time, in an order no one can predict. New members are inserted at a random place
 * of the rest of the round.
 *
 * <p>The round is held in chunks of at most {@value #CHUNK} names, so inserting a new member costs O(n / CHUNK +
 * CHUNK) rather than O(n): a node that learns 10,000 members while joining would otherwise shift the list 10,000
 * times.
 */
final class ProbeOrder {

    /** Most names in one chunk; a full chunk is split in two when a name is inserted into it. */
    static final int CHUNK = 256;

    private final RandomGenerator random;

    /** The current round's order, in consecutive chunks; each is full up to its {@code size}. */
    private final List<Chunk> chunks = new ArrayList<>();

    /** Chunk holding the next entry to consider. */
    private int cursorChunk;

    /** Offset of the next entry to consider within {@link #cursorChunk} (may equal that chunk's size). */
    private int cursorOffset;

    /** Entries from the cursor to the end of the round. */
    private int remaining;

    /** A run of consecutive entries of the round. */
    private static final class Chunk {
        final NodeId[] ids = new NodeId[CHUNK];
        int size;
    }

    ProbeOrder(RandomGenerator random) {
        this.random = random;
    }

    /** Puts a newly learned member somewhere in the rest of this round. */
    void add(NodeId id) {
        insert(random.nextInt(remaining + 1), id);
    }

    /**
     * The next member that {@code probeable} accepts, or null if there is none. When the round ends, a new one
     * starts from {@code members} (asked for only then), shuffled.
     */
    NodeId next(Supplier<List<NodeId>> members, Predicate<NodeId> probeable) {
        boolean reshuffled = false;
        while (true) {
            if (remaining == 0) {
                if (reshuffled) {
                    return null;
                }
                reshuffle(members.get());
                reshuffled = true;
            }
            while (remaining > 0) {
                NodeId candidate = take();
                if (probeable.test(candidate)) {
                    return candidate;
                }
            }
        }
    }

    /** The entry at the cursor, moving past it; there must be one. */
    private NodeId take() {
        Chunk c = chunks.get(cursorChunk);
        while (cursorOffset == c.size) {
            c = chunks.get(++cursorChunk);
            cursorOffset = 0;
        }
        remaining--;
        return c.ids[cursorOffset++];
    }

    /** Inserts {@code id} {@code ahead} entries after the cursor ({@code 0 <= ahead <= remaining}). */
    private void insert(int ahead, NodeId id) {
        if (chunks.isEmpty()) {
            chunks.add(new Chunk());
        }
        int ci = cursorChunk;
        int pos = cursorOffset + ahead;
        while (pos > chunks.get(ci).size) {
            pos -= chunks.get(ci).size;
            ci++;
        }
        Chunk c = chunks.get(ci);
        if (c.size == CHUNK) {
            int half = CHUNK / 2;
            Chunk second = new Chunk();
            System.arraycopy(c.ids, half, second.ids, 0, CHUNK - half);
            Arrays.fill(c.ids, half, CHUNK, null);
            second.size = CHUNK - half;
            c.size = half;
            chunks.add(ci + 1, second);
            if (cursorChunk > ci) {
                cursorChunk++;
            } else if (cursorChunk == ci && cursorOffset > half) {
                cursorChunk++;
                cursorOffset -= half;
            }
            if (pos > half) {
                pos -= half;
                c = second;
            }
        }
        System.arraycopy(c.ids, pos, c.ids, pos + 1, c.size - pos);
        c.ids[pos] = id;
        c.size++;
        remaining++;
    }

    private void reshuffle(List<NodeId> members) {
        NodeId[] order = members.toArray(new NodeId[0]);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            NodeId t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        chunks.clear();
        for (int from = 0; from < order.length; from += CHUNK) {
            Chunk c = new Chunk();
            c.size = Math.min(CHUNK, order.length - from);
            System.arraycopy(order, from, c.ids, 0, c.size);
            chunks.add(c);
        }
        cursorChunk = 0;
        cursorOffset = 0;
        remaining = order.length;
    }
}

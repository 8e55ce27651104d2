package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;

import java.util.HashMap;

/**
 * Where one origin's delivered messages sit in the {@link MessageLog}, by sequence. A sequence has one slot, its low
 * bits, so the consecutive sequences of a stream take consecutive slots, and finding, adding or forgetting one is a
 * single access next to the previous one instead of a walk through memory touched long ago; a sequence whose slot is
 * taken by another goes to a small overflow map instead (an origin's sequences far apart, as after it restarted). The
 * slots grow to at least twice the sequences held, and while the overflow holds more than a quarter of their number;
 * they halve once a sixteenth full without overflow, so a burst does not keep its memory.
 *
 * <p>Not thread-safe: a {@link MessageLog} owns it.
 */
final class SequenceIndex {

    private static final int MIN_CAPACITY = 16;

    /** The origin whose messages these are. */
    final NodeId origin;

    /** Sequences by slot ({@code sequence & mask}); 0 marks an empty slot (sequences are at least 1). */
    private long[] sequences = new long[MIN_CAPACITY];

    /** The log position of the sequence in the same slot. */
    private long[] positions = new long[MIN_CAPACITY];

    private int mask = MIN_CAPACITY - 1;

    /** Sequences whose slot another sequence held when they came, with their positions; null while none. */
    private HashMap<Long, Long> overflow;

    /** Sequences held, in slots and overflow. */
    private int size;

    SequenceIndex(NodeId origin) {
        this.origin = origin;
    }

    /** Sequences held. */
    int size() {
        return size;
    }

    /** Slots, full or empty (for tests of the sizing). */
    int capacity() {
        return sequences.length;
    }

    /** Sequences held in the overflow map (for tests). */
    int overflowed() {
        return overflow == null ? 0 : overflow.size();
    }

    /** The position recorded for {@code sequence}, or -1. */
    long get(long sequence) {
        int i = (int) sequence & mask;
        if (sequences[i] == sequence) {
            return positions[i];
        }
        if (overflow == null) {
            return -1;
        }
        Long p = overflow.get(sequence);
        return p == null ? -1 : p;
    }

    /** Records {@code position} for {@code sequence} (at least 1), replacing what was recorded for it. */
    void put(long sequence, long position) {
        if ((size + 1) * 2 > sequences.length || overflowed() * 4 > sequences.length) {
            resize(sequences.length * 2);
        }
        if (place(sequence, position)) {
            size++;
        }
    }

    /** Puts without resizing; returns whether the sequence is new. */
    private boolean place(long sequence, long position) {
        int i = (int) sequence & mask;
        long s = sequences[i];
        if (s == sequence) {
            positions[i] = position;
            return false;
        }
        if (s == 0) {
            sequences[i] = sequence;
            positions[i] = position;
            // an earlier record of it may wait in the overflow from when the slot was taken
            return overflow == null || overflowRemove(sequence) == null;
        }
        if (overflow == null) {
            overflow = new HashMap<>();
        }
        return overflow.put(sequence, position) == null;
    }

    /**
     * Forgets {@code sequence} if it is recorded at {@code position} (a later record of the same sequence stays).
     *
     * @return whether it was forgotten
     */
    boolean remove(long sequence, long position) {
        int i = (int) sequence & mask;
        if (sequences[i] == sequence) {
            if (positions[i] != position) {
                return false;
            }
            sequences[i] = 0;
            positions[i] = 0;
        } else {
            Long p = overflow == null ? null : overflow.get(sequence);
            if (p == null || p != position) {
                return false;
            }
            overflowRemove(sequence);
        }
        size--;
        if (sequences.length > MIN_CAPACITY && size * 16 < sequences.length && overflow == null) {
            resize(sequences.length / 2);
        }
        return true;
    }

    private Long overflowRemove(long sequence) {
        Long p = overflow.remove(sequence);
        if (overflow.isEmpty()) {
            overflow = null;
        }
        return p;
    }

    private void resize(int capacity) {
        long[] oldSequences = sequences;
        long[] oldPositions = positions;
        HashMap<Long, Long> oldOverflow = overflow;
        sequences = new long[capacity];
        positions = new long[capacity];
        mask = capacity - 1;
        overflow = null;
        for (int k = 0; k < oldSequences.length; k++) {
            if (oldSequences[k] != 0) {
                place(oldSequences[k], oldPositions[k]);
            }
        }
        if (oldOverflow != null) {
            oldOverflow.forEach(this::place);
        }
    }
}

package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;

/**
 * Where one origin's delivered messages sit in the {@link MessageLog}, by sequence: open addressing with linear
 * probing from a slot that keeps the sequence's low seven bits, so each 128 consecutive sequences of a stream share
 * one kilobyte-sized block of slots and finding, adding or forgetting one touches memory nearly in order instead of
 * at random; the higher bits folded in spread sequences that share their low bits (every 64th, say). At most half full: it doubles as it fills,
 * and halves once an eighth full, so a burst does not keep its memory.
 *
 * <p>Not thread-safe: a {@link MessageLog} owns it.
 */
final class SequenceIndex {

    private static final int MIN_CAPACITY = 16;

    /** The origin whose messages these are. */
    final NodeId origin;

    /** Sequences by slot; 0 marks an empty slot (sequences are at least 1). */
    private long[] sequences = new long[MIN_CAPACITY];

    /** The log position of the sequence in the same slot. */
    private long[] positions = new long[MIN_CAPACITY];

    private int mask = MIN_CAPACITY - 1;

    /** Sequences held. */
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

    /** The position recorded for {@code sequence}, or -1. */
    long get(long sequence) {
        int i = home(sequence);
        while (true) {
            long s = sequences[i];
            if (s == sequence) {
                return positions[i];
            }
            if (s == 0) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    /** Records {@code position} for {@code sequence} (at least 1), replacing what was recorded for it. */
    void put(long sequence, long position) {
        if ((size + 1) * 2 > sequences.length) {
            resize(sequences.length * 2);
        }
        int i = home(sequence);
        while (true) {
            long s = sequences[i];
            if (s == sequence) {
                positions[i] = position;
                return;
            }
            if (s == 0) {
                sequences[i] = sequence;
                positions[i] = position;
                size++;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Forgets {@code sequence} if it is recorded at {@code position} (a later record of the same sequence stays).
     *
     * @return whether it was forgotten
     */
    boolean remove(long sequence, long position) {
        int i = home(sequence);
        while (sequences[i] != sequence) {
            if (sequences[i] == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
        if (positions[i] != position) {
            return false;
        }
        // Backward-shift deletion: every later entry of the probe chain that may fill the hole moves into it, so
        // lookups never need tombstones.
        int hole = i;
        for (int j = (i + 1) & mask; sequences[j] != 0; j = (j + 1) & mask) {
            int home = home(sequences[j]);
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                sequences[hole] = sequences[j];
                positions[hole] = positions[j];
                hole = j;
            }
        }
        sequences[hole] = 0;
        positions[hole] = 0;
        size--;
        if (sequences.length > MIN_CAPACITY && size * 8 < sequences.length) {
            resize(sequences.length / 2);
        }
        return true;
    }

    /** The first slot to probe for {@code sequence}. */
    private int home(long sequence) {
        return (int) (sequence ^ sequence >>> 7 ^ sequence >>> 17) & mask;
    }

    private void resize(int capacity) {
        long[] oldSequences = sequences;
        long[] oldPositions = positions;
        sequences = new long[capacity];
        positions = new long[capacity];
        mask = capacity - 1;
        for (int k = 0; k < oldSequences.length; k++) {
            long s = oldSequences[k];
            if (s != 0) {
                int i = home(s);
                while (sequences[i] != 0) {
                    i = (i + 1) & mask;
                }
                sequences[i] = s;
                positions[i] = oldPositions[k];
            }
        }
    }
}

package io.plumtree.engine.sim;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Measures the state scenario: for every write, the time until every node holds that version of its writer or a
 * later one (its convergence time), and the bytes sent within the measurement window.
 *
 * <p>A node's key change of version v of writer w means it holds w up to v, so every pending write of w up to v is
 * seen there. Writes of one writer converge in version order (seeing a later one implies seeing the earlier ones), so
 * each writer's pending writes are a FIFO queue.
 */
final class StateMeasure {

    /** A write not yet seen everywhere. */
    private static final class Pending {
        final long version;
        final long writtenAt;
        final boolean measured;
        final BitSet seenBy;
        int seen;

        Pending(long version, long writtenAt, boolean measured, int n) {
            this.version = version;
            this.writtenAt = writtenAt;
            this.measured = measured;
            this.seenBy = new BitSet(n);
        }
    }

    private final int n;
    private final long measureFrom;
    private final long measureUntil;
    private final ArrayDeque<Pending>[] pending;

    /** Convergence times of the measured writes that converged, in nanoseconds. */
    private long[] converged = new long[1024];
    private int convergedCount;
    private long measuredWrites;
    private long bytesInWindow;
    private long messagesInWindow;

    /**
     * @param n            nodes
     * @param measureFrom  writes from this virtual time on are measured, and bytes counted
     * @param measureUntil writes before this time are measured, and bytes counted
     */
    @SuppressWarnings("unchecked")
    StateMeasure(int n, long measureFrom, long measureUntil) {
        this.n = n;
        this.measureFrom = measureFrom;
        this.measureUntil = measureUntil;
        this.pending = (ArrayDeque<Pending>[]) new ArrayDeque<?>[n];
        for (int i = 0; i < n; i++) {
            pending[i] = new ArrayDeque<>();
        }
    }

    /** Node {@code observer} now holds writer {@code writer} up to {@code version}. */
    void observed(int observer, int writer, long version, long now) {
        ArrayDeque<Pending> queue = pending[writer];
        if (observer == writer) {
            Pending last = queue.peekLast();
            if (last == null || last.version < version) {
                boolean measured = now >= measureFrom && now < measureUntil;
                queue.add(new Pending(version, now, measured, n));
                if (measured) {
                    measuredWrites++;
                }
            }
        }
        for (Pending p : queue) {
            if (p.version > version) {
                break;
            }
            if (!p.seenBy.get(observer)) {
                p.seenBy.set(observer);
                p.seen++;
            }
        }
        while (!queue.isEmpty() && queue.peek().seen == n) {
            Pending p = queue.poll();
            if (p.measured) {
                if (convergedCount == converged.length) {
                    converged = Arrays.copyOf(converged, converged.length * 2);
                }
                converged[convergedCount++] = now - p.writtenAt;
            }
        }
    }

    /** A node sent a frame of {@code bytes} at {@code now}. */
    void sent(long bytes, long now) {
        if (now >= measureFrom && now < measureUntil) {
            bytesInWindow += bytes;
            messagesInWindow++;
        }
    }

    /** Measured writes not yet seen everywhere. */
    long unconverged() {
        return measuredWrites - convergedCount;
    }

    long measuredWrites() {
        return measuredWrites;
    }

    long bytesInWindow() {
        return bytesInWindow;
    }

    long messagesInWindow() {
        return messagesInWindow;
    }

    /**
     * The {@code q} quantile of the measured writes' convergence times in seconds, counting the unconverged ones as
     * infinite: NaN if it falls among them or nothing was measured.
     */
    double quantileSeconds(double q) {
        if (measuredWrites == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(converged, convergedCount);
        Arrays.sort(sorted);
        long rank = (long) Math.ceil(q * measuredWrites) - 1;
        if (rank < 0) {
            rank = 0;
        }
        return rank < convergedCount ? sorted[(int) rank] / 1e9 : Double.NaN;
    }

    /** The largest convergence time of a measured write in seconds, NaN if any did not converge. */
    double maxSeconds() {
        if (unconverged() > 0 || convergedCount == 0) {
            return Double.NaN;
        }
        long max = 0;
        for (int i = 0; i < convergedCount; i++) {
            max = Math.max(max, converged[i]);
        }
        return max / 1e9;
    }
}

package io.plumtree.engine.wire;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts dropped input per {@link DropReason}. Owned by the one thread that decodes (the node's event loop, DESIGN.md
 * rule 2): other threads get a {@link #snapshot()} taken on that thread, never the counters themselves.
 */
public final class DropCounters {

    private static final DropReason[] REASONS = DropReason.values();

    /** One counter per reason, indexed by ordinal. */
    private final long[] counts = new long[REASONS.length];

    /** Counts one drop. */
    public void increment(DropReason reason) {
        counts[reason.ordinal()]++;
    }

    /** Drops counted for this reason. */
    public long get(DropReason reason) {
        return counts[reason.ordinal()];
    }

    /** Drops counted for every reason. */
    public long total() {
        long sum = 0;
        for (int i = 0; i < REASONS.length; i++) {
            sum += counts[i];
        }
        return sum;
    }

    /** A copy of the counters, every reason present. */
    public Map<DropReason, Long> snapshot() {
        Map<DropReason, Long> copy = new EnumMap<>(DropReason.class);
        for (DropReason r : REASONS) {
            copy.put(r, get(r));
        }
        return Collections.unmodifiableMap(copy);
    }
}

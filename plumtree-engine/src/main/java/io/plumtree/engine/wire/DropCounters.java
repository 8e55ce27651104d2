package io.plumtree.engine.wire;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts dropped input per {@link DropReason}. Incremented by the event loop that decodes; safe to read from any
 * thread (metrics, actuator).
 */
public final class DropCounters {

    private static final DropReason[] REASONS = DropReason.values();

    /** One counter per reason, indexed by ordinal. */
    private final AtomicLongArray counts = new AtomicLongArray(REASONS.length);

    /** Counts one drop. */
    public void increment(DropReason reason) {
        counts.incrementAndGet(reason.ordinal());
    }

    /** Drops counted for this reason. */
    public long get(DropReason reason) {
        return counts.get(reason.ordinal());
    }

    /** Drops counted for every reason. */
    public long total() {
        long sum = 0;
        for (int i = 0; i < REASONS.length; i++) {
            sum += counts.get(i);
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

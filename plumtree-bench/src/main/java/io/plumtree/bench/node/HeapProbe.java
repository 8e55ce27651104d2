package io.plumtree.bench.node;

import java.lang.management.ManagementFactory;

/** Used heap after a full collection: what the node keeps, not what it has yet to collect. */
final class HeapProbe {

    private HeapProbe() {
    }

    /** Bytes of heap in use after {@link System#gc()} (twice, so finalizable garbage goes too). */
    static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

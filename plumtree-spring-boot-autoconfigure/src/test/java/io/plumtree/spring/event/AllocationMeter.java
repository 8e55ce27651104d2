package io.plumtree.spring.event;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates while running a task (HotSpot's per-thread allocation counter), as the
 * engine's wire tests measure their decoders.
 */
final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /** Whether the JVM counts allocations per thread; when not, {@link #bytesAllocatedBy} answers 0. */
    static boolean supported() {
        return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled();
    }

    static long bytesAllocatedBy(Runnable task) {
        if (!supported()) {
            task.run();
            return 0;
        }
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        task.run();
        return THREADS.getThreadAllocatedBytes(id) - before;
    }
}

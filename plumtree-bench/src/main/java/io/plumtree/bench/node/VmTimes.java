package io.plumtree.bench.node;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JVM's own work in a node so far, beside the implementation's: time its JIT compilers spent compiling and time
 * its collectors spent collecting, both as the JVM reports them (elapsed time, so a compile that waits for a CPU
 * counts its wait). A window whose figures include much of either measured a JVM still warming up or collecting, not
 * the implementation alone.
 *
 * @param compilationMillis JIT compilation so far, ms; -1 where the JVM does not report it
 * @param gcMillis          garbage collection so far, ms, summed over the collectors
 */
public record VmTimes(long compilationMillis, long gcMillis) {

    /** This JVM's times now. */
    public static VmTimes now() {
        var jit = ManagementFactory.getCompilationMXBean();
        long compilation = jit != null && jit.isCompilationTimeMonitoringSupported()
                ? jit.getTotalCompilationTime() : -1;
        long gc = 0;
        for (GarbageCollectorMXBean c : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, c.getCollectionTime());
        }
        return new VmTimes(compilation, gc);
    }

    /** The two numbers as a node's reply carries them: {@code compilationMillis gcMillis}. */
    public String toReply() {
        return compilationMillis + " " + gcMillis;
    }

    /**
     * Parses {@link #toReply()}.
     *
     * @throws IllegalArgumentException if {@code reply} is not two whole numbers
     */
    public static VmTimes parse(String reply) {
        String[] w = reply.trim().split(" ");
        if (w.length != 2) {
            throw new IllegalArgumentException("expected two numbers, not \"" + reply + "\"");
        }
        return new VmTimes(Long.parseLong(w[0]), Long.parseLong(w[1]));
    }

    /** What was added since {@code earlier}; compilation stays -1 where either does not report it. */
    public VmTimes since(VmTimes earlier) {
        long compilation = compilationMillis < 0 || earlier.compilationMillis < 0
                ? -1 : compilationMillis - earlier.compilationMillis;
        return new VmTimes(compilation, gcMillis - earlier.gcMillis);
    }
}

package io.plumtree.engine.broadcast;

/** The delay before the next GRAFT for a message that is still missing: exponential, with a ceiling. */
final class GraftBackoff {

    private GraftBackoff() {
    }

    /**
     * The delay after {@code attempts} GRAFTs have been sent: {@code base * 2^attempts}, at most {@code max}.
     * Attempt 0 is the wait after the first announcement, before any GRAFT (the paper's first timer).
     *
     * @param baseNanos the graft timeout
     * @param maxNanos  the ceiling
     * @param attempts  GRAFTs sent so far, not negative
     * @return the delay in nanoseconds
     */
    static long delayNanos(long baseNanos, long maxNanos, int attempts) {
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative, got " + attempts);
        }
        if (attempts >= 62 || baseNanos > (maxNanos >> attempts)) {
            return maxNanos;
        }
        return Math.min(maxNanos, baseNanos << attempts);
    }
}

package io.plumtree.engine.membership;

/**
 * The pure formulas of SWIM and Lifeguard, each as in HashiCorp memberlist ({@code util.go}, {@code suspicion.go},
 * {@code awareness.go}), so they can be checked with tables of cases.
 */
final class SwimMath {

    /** Cluster size up to which push-pull runs at its configured interval (memberlist pushPullScaleThreshold). */
    static final int PUSH_PULL_SCALE_THRESHOLD = 32;

    private SwimMath() {
    }

    /**
     * How many times an update is piggybacked before it is dropped: {@code mult * ceil(log10(n + 1))}.
     *
     * @param retransmitMult the configured multiplier
     * @param n              estimated number of live members
     */
    static int retransmitLimit(int retransmitMult, int n) {
        double nodeScale = Math.ceil(Math.log10(n + 1.0));
        return retransmitMult * (int) nodeScale;
    }

    /**
     * The shortest suspicion timeout: {@code mult * max(1, log10(max(1, n))) * interval}, the scale kept to
     * milliseconds-of-a-unit precision as memberlist does.
     */
    static long suspicionTimeoutNanos(int suspicionMult, int n, long probeIntervalNanos) {
        double nodeScale = Math.max(1.0, Math.log10(Math.max(1.0, n)));
        long scaleMillis = (long) (nodeScale * 1000);
        return suspicionMult * scaleMillis * probeIntervalNanos / 1000;
    }

    /**
     * The suspicion timeout after {@code confirmations} independent confirmations, when {@code k} are expected:
     * {@code max(min, max - (max - min) * log(c + 1) / log(k + 1))}, floored to whole milliseconds (memberlist
     * remainingSuspicionTime, minus the elapsed part, which the caller subtracts). With {@code k < 1} no
     * confirmations are expected and the timeout is {@code min}.
     */
    static long suspicionTimeoutAfterNanos(int confirmations, int k, long minNanos, long maxNanos) {
        if (k < 1) {
            return minNanos;
        }
        double fraction = Math.log(confirmations + 1.0) / Math.log(k + 1.0);
        double raw = maxNanos - fraction * (maxNanos - minNanos);
        long timeout = (long) Math.floor(raw / 1_000_000.0) * 1_000_000L;
        return Math.max(minNanos, timeout);
    }

    /** What is left of a suspicion after {@code elapsedNanos}; negative once it has expired. */
    static long remainingSuspicionNanos(int confirmations, int k, long elapsedNanos, long minNanos, long maxNanos) {
        return suspicionTimeoutAfterNanos(confirmations, k, minNanos, maxNanos) - elapsedNanos;
    }

    /** Confirmations a suspicion waits for: {@code mult - 2}, or none in a cluster too small to give them. */
    static int expectedConfirmations(int suspicionMult, int n) {
        int k = suspicionMult - 2;
        return n - 2 < k ? 0 : Math.max(0, k);
    }

    /**
     * How long a member relaying an indirect probe waits before it sends a nack: 80 % of the probe timeout, so that
     * the nack reaches the requester before its probe round (which sent the indirect probes after its own probe
     * timeout) ends; a nack that arrives after the round counts as missing and wrongly raises the requester's
     * awareness score (Lifeguard, Dadgar et al. 2017, section 4.1).
     */
    static long nackTimeoutNanos(long probeTimeoutNanos) {
        return probeTimeoutNanos / 5 * 4;
    }

    /**
     * The push-pull interval for {@code n} members: unchanged up to 32, then one more interval per doubling,
     * {@code interval * (ceil(log2(n) - log2(32)) + 1)}.
     */
    static long pushPullScaleNanos(long intervalNanos, int n) {
        if (n <= PUSH_PULL_SCALE_THRESHOLD) {
            return intervalNanos;
        }
        double multiplier = Math.ceil(log2(n) - log2(PUSH_PULL_SCALE_THRESHOLD)) + 1.0;
        return (long) multiplier * intervalNanos;
    }

    /** Lifeguard's scaling of a probe interval or timeout by the local health score: {@code timeout * (score+1)}. */
    static long scaleByAwareness(long timeoutNanos, int score) {
        return timeoutNanos * (score + 1L);
    }

    /** A health score moved by {@code delta} and clamped to {@code [0, max - 1]} (memberlist ApplyDelta). */
    static int applyAwarenessDelta(int score, int delta, int max) {
        long moved = (long) score + delta;
        return (int) Math.max(0, Math.min(max - 1L, moved));
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

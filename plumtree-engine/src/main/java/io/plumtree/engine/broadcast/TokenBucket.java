package io.plumtree.engine.broadcast;

/**
 * A token bucket on caller-supplied time: holds up to {@code capacity} tokens, refilled at {@code ratePerSecond}.
 * Used to bound the GRAFTs a node sends to one peer, so a burst of missing messages cannot storm it.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    /** Most tokens held, the largest burst allowed. */
    private final double capacity;

    /** Tokens added per nanosecond. */
    private final double ratePerNano;

    /** Tokens held at {@link #lastNanos}. */
    private double tokens;

    /** Time of the last refill. */
    private long lastNanos;

    TokenBucket(double capacity, double ratePerSecond, long nowNanos) {
        this.capacity = capacity;
        this.ratePerNano = ratePerSecond / NANOS_PER_SECOND;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes one token if there is one at {@code nowNanos}; refills first. */
    boolean tryTake(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
            lastNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}

package io.plumtree.engine.net;

/**
 * When a node should stop taking in more than it can pass on: engaged while the fullest outbound queue to a peer holds
 * more than {@link io.plumtree.engine.ClusterConfig#backPressureBytes()}, released once it is down to half of that.
 * While engaged the loop stops reading streams, but those of the peers it is waiting for ({@link #readsFrom}), so TCP
 * slows the upstream senders, as a relay would, and local broadcasts wait: a full queue costs time instead of dropped
 * eager pushes. Loop thread only.
 *
 * <p>Nodes that stop reading in a longer cycle (each with a full queue to the next) would still wait for each other
 * forever, so back-pressure holds at most {@code maxPauseNanos} at a time; then it is suspended for as long, and the last resort
 * applies meanwhile: pushes that do not fit are dropped and their peer demoted, for Plumtree to repair.
 */
final class BackPressure {

    /** Fullest queue, in bytes, above which back-pressure engages. */
    private final long highWater;
    /** Fullest queue, in bytes, at or below which it is released. */
    private final long lowWater;
    /** Longest uninterrupted hold. */
    private final long maxPauseNanos;

    private boolean engaged;
    /** Loop time it engaged. */
    private long engagedSince;
    /** Loop time until which it may not engage again, after a hold that lasted too long. */
    private long suspendedUntil;
    private boolean suspended;
    /** Holds cut short by {@link #maxPauseNanos}. */
    private long suspensions;

    /**
     * @param highWater     fullest queue, in bytes, above which it engages; released at half of it
     * @param maxPauseNanos longest hold before it is suspended for as long
     */
    BackPressure(long highWater, long maxPauseNanos) {
        this.highWater = highWater;
        this.lowWater = highWater / 2;
        this.maxPauseNanos = maxPauseNanos;
    }

    /**
     * Observes the fullest outbound queue.
     *
     * @return whether back-pressure holds now
     */
    boolean update(long fullestQueuedBytes, long nowNanos) {
        if (suspended && nowNanos - suspendedUntil >= 0) {
            suspended = false;
        }
        if (!engaged) {
            if (!suspended && fullestQueuedBytes > highWater) {
                engaged = true;
                engagedSince = nowNanos;
            }
        } else if (fullestQueuedBytes <= lowWater) {
            engaged = false;
        } else if (nowNanos - engagedSince > maxPauseNanos) {
            engaged = false;
            suspended = true;
            suspendedUntil = nowNanos + maxPauseNanos;
            suspensions++;
        }
        return engaged;
    }

    /** Whether back-pressure holds. */
    boolean engaged() {
        return engaged;
    }

    /**
     * Whether to read the stream of a peer whose queue from this node holds {@code queuedToPeerBytes}: always while
     * released; while holding, only if that queue is over the low-water mark. This node waits for such a peer to
     * read, and the peer may be waiting for this node to read it: two relays with full queues to each other, or a
     * publisher and a relay that echoes the publisher's messages back until its PRUNE is read, would otherwise stall
     * each other until the hold's time limit.
     */
    boolean readsFrom(long queuedToPeerBytes) {
        return !engaged || queuedToPeerBytes > lowWater;
    }

    /** Holds cut short because they lasted longer than the maximum pause. */
    long suspensions() {
        return suspensions;
    }
}

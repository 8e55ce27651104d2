package io.plumtree.engine.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * The simulated network's standing conditions, in one record. Timed faults (crashes, partitions, pauses) are
 * scheduled on the {@link Simulation}.
 *
 * @param latencyMin          lowest one-way latency of a link; each link draws its latency once, uniformly in
 *                            {@code [latencyMin, latencyMax]}, from the seed and the pair of nodes
 * @param latencyMax          highest one-way latency of a link
 * @param loss                probability that one transmission is lost. Datagrams are then gone; reliable links
 *                            retransmit instead, so loss there becomes delay
 * @param retransmitTimeout   delay a reliable link adds for every lost transmission (TCP's retransmission timeout)
 */
public record NetworkOptions(Duration latencyMin, Duration latencyMax, double loss, Duration retransmitTimeout) {

    /** Validates the ranges. */
    public NetworkOptions {
        Objects.requireNonNull(latencyMin, "latencyMin");
        Objects.requireNonNull(latencyMax, "latencyMax");
        Objects.requireNonNull(retransmitTimeout, "retransmitTimeout");
        if (latencyMin.isNegative() || latencyMax.compareTo(latencyMin) < 0) {
            throw new IllegalArgumentException(
                    "latency range must satisfy 0 <= min <= max, got " + latencyMin + ".." + latencyMax);
        }
        if (!(loss >= 0 && loss < 1)) {
            throw new IllegalArgumentException("loss must be in [0, 1), got " + loss);
        }
        if (retransmitTimeout.isNegative() || retransmitTimeout.isZero()) {
            throw new IllegalArgumentException("retransmitTimeout must be positive, got " + retransmitTimeout);
        }
    }

    /** A data-centre network: 1 to 10 ms per link, no loss, 200 ms retransmission timeout. */
    public static NetworkOptions lan() {
        return new NetworkOptions(Duration.ofMillis(1), Duration.ofMillis(10), 0, Duration.ofMillis(200));
    }

    /** The same options with another latency range. */
    public NetworkOptions withLatency(Duration min, Duration max) {
        return new NetworkOptions(min, max, loss, retransmitTimeout);
    }

    /** The same options with another loss probability. */
    public NetworkOptions withLoss(double p) {
        return new NetworkOptions(latencyMin, latencyMax, p, retransmitTimeout);
    }
}

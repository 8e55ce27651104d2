package io.plumtree.engine.net;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link LinkFaults} that can be changed while the node runs, from any thread: cut links to some addresses (a
 * partition, when every node on each side cuts the other side), lose a fraction of everything sent, delay datagrams.
 * Counts what it dropped.
 */
public final class InjectedFaults implements LinkFaults {

    /** Addresses nothing is sent to while cut. */
    private volatile Set<String> cut = Set.of();
    /** Probability that any datagram or frame is lost. */
    private volatile double loss;
    /** Shortest and longest extra delay of a datagram, in nanoseconds. */
    private volatile long minDelayNanos;
    private volatile long maxDelayNanos;
    private final AtomicLong datagramsDropped = new AtomicLong();
    private final AtomicLong framesDropped = new AtomicLong();

    /** Cuts the links to {@code addresses} ({@code host:port}), replacing any earlier cut. */
    public void cut(Collection<String> addresses) {
        cut = Set.copyOf(addresses);
    }

    /** Restores every cut link. */
    public void heal() {
        cut = Set.of();
    }

    /**
     * Loses each datagram and frame with probability {@code probability}.
     *
     * @throws IllegalArgumentException unless it is in [0, 1]
     */
    public void loss(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("loss must be in [0, 1], got " + probability);
        }
        loss = probability;
    }

    /** Holds each datagram back for a uniformly random time in {@code [min, max]}. */
    public void delay(Duration min, Duration max) {
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max, got " + min + " and " + max);
        }
        minDelayNanos = min.toNanos();
        maxDelayNanos = max.toNanos();
    }

    /** Datagrams this dropped. */
    public long datagramsDropped() {
        return datagramsDropped.get();
    }

    /** Frames this dropped. */
    public long framesDropped() {
        return framesDropped.get();
    }

    @Override
    public boolean dropDatagram(String to) {
        if (lost(to)) {
            datagramsDropped.incrementAndGet();
            return true;
        }
        return false;
    }

    @Override
    public boolean dropFrame(String to) {
        if (lost(to)) {
            framesDropped.incrementAndGet();
            return true;
        }
        return false;
    }

    @Override
    public long datagramDelayNanos(String to) {
        long min = minDelayNanos;
        long max = maxDelayNanos;
        return max <= min ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
    }

    private boolean lost(String to) {
        double p = loss;
        return cut.contains(to) || p > 0 && ThreadLocalRandom.current().nextDouble() < p;
    }
}

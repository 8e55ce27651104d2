package io.plumtree.engine.sim;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.broadcast.PlumtreeOutput;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;

/**
 * Counts what the broadcast scenarios report, per broadcast in publishing order: who delivered it, its last hop
 * count and the time of its last delivery, the payload messages sent for it, and the messages of each type sent from the
 * first measured broadcast on.
 */
final class BroadcastMeasure implements SimObserver {

    private final int warmup;
    private final long measureFrom;
    private final HashMap<MessageId, Integer> index = new HashMap<>();
    private final BitSet[] deliveredAt;
    private final int[] lastHops;
    private final long[] payloadSends;
    /** Simulated time each broadcast was published (its origin's delivery), in nanoseconds. */
    private final long[] publishedAt;
    /** Simulated time of each broadcast's latest delivery so far, in nanoseconds. */
    private final long[] lastDeliveryAt;
    int published;
    long payloadMsgs;
    long ihaveMsgs;
    long graftMsgs;
    long pruneMsgs;
    long digestMsgs;
    long duplicateDeliveries;

    BroadcastMeasure(int n, int total, int warmup, long measureFrom) {
        this.warmup = warmup;
        this.measureFrom = measureFrom;
        this.deliveredAt = new BitSet[total];
        this.lastHops = new int[total];
        this.payloadSends = new long[total];
        this.publishedAt = new long[total];
        this.lastDeliveryAt = new long[total];
        for (int m = 0; m < total; m++) {
            deliveredAt[m] = new BitSet(n);
        }
    }

    @Override
    public void delivered(int node, PlumtreeOutput.Deliver d, long now) {
        Integer m = index.get(d.id());
        if (m == null) {
            m = published++;
            index.put(d.id(), m);
            publishedAt[m] = now;
        }
        if (deliveredAt[m].get(node)) {
            duplicateDeliveries++;
            return;
        }
        deliveredAt[m].set(node);
        lastHops[m] = Math.max(lastHops[m], d.hops());
        lastDeliveryAt[m] = Math.max(lastDeliveryAt[m], now);
    }

    @Override
    public void sent(int from, int to, PlumtreeMessage message, long now) {
        if (message instanceof PlumtreeMessage.Gossip g) {
            Integer m = index.get(g.id());
            if (m != null && m >= warmup) {
                payloadSends[m]++;
            }
        }
        if (now < measureFrom) {
            return;
        }
        if (message instanceof PlumtreeMessage.Gossip) {
            payloadMsgs++;
        } else if (message instanceof PlumtreeMessage.IHave) {
            ihaveMsgs++;
        } else if (message instanceof PlumtreeMessage.Graft) {
            graftMsgs++;
        } else if (message instanceof PlumtreeMessage.Prune) {
            pruneMsgs++;
        } else if (message instanceof PlumtreeMessage.Digest) {
            digestMsgs++;
        }
    }

    /**
     * The scenario's figures over the measured broadcasts.
     *
     * @param aliveNodes   nodes alive at the end
     * @param firstCounted index of the first broadcast that counts for reliability
     */
    Figures figures(BitSet aliveNodes, int firstCounted) {
        int total = deliveredAt.length;
        int alive = aliveNodes.cardinality();
        double reliabilitySum = 0;
        int counted = 0;
        long payloadForMeasured = 0;
        long reachedMinusOne = 0;
        int ldhMax = 0;
        long ldhSum = 0;
        long[] lastMillis = new long[Math.max(0, total - warmup)];
        for (int m = warmup; m < total; m++) {
            lastMillis[m - warmup] = (lastDeliveryAt[m] - publishedAt[m]) / 1_000_000;
            payloadForMeasured += payloadSends[m];
            reachedMinusOne += Math.max(0, deliveredAt[m].cardinality() - 1);
            ldhMax = Math.max(ldhMax, lastHops[m]);
            ldhSum += lastHops[m];
            if (m >= firstCounted) {
                BitSet d = (BitSet) deliveredAt[m].clone();
                d.and(aliveNodes);
                reliabilitySum += (double) d.cardinality() / alive;
                counted++;
            }
        }
        double rmr = reachedMinusOne == 0 ? Double.NaN : (double) payloadForMeasured / reachedMinusOne - 1;
        Arrays.sort(lastMillis);
        return new Figures(counted == 0 ? Double.NaN : reliabilitySum / counted, counted, rmr, ldhMax,
                total > warmup ? (double) ldhSum / (total - warmup) : Double.NaN, percentile(lastMillis, 0.50),
                percentile(lastMillis, 0.99));
    }

    /** The value below which {@code q} of the sorted values lie (nearest rank), or -1 if there are none. */
    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /**
     * What the broadcast scenarios report.
     *
     * @param reliability delivered fraction of (counted broadcast, alive node) pairs
     * @param counted     broadcasts counted for reliability
     * @param rmr         relative message redundancy over the measured broadcasts
     * @param ldhMax      largest last-delivery hop count
     * @param ldhMean     mean last-delivery hop count
     * @param p50LastMs   median time from publication to the last delivery, in simulated milliseconds
     * @param p99LastMs   99th percentile of the same
     */
    record Figures(double reliability, int counted, double rmr, int ldhMax, double ldhMean, long p50LastMs,
                   long p99LastMs) {
    }
}

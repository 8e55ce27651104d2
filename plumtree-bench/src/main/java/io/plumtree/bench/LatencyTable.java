package io.plumtree.bench;

import java.util.List;

/**
 * Joins what every node recorded into the benchmark's figures. A message counts as delivered when the last node has
 * it: at its publish time plus the largest latency any node recorded for it.
 *
 * @param deliveredInWindow messages whose last delivery fell inside the window
 * @param publishedInWindow messages published inside the window
 * @param incomplete        of those, messages some node never delivered
 * @param lastLatencyNanos  publish-to-last-delivery latency of each message published inside the window and delivered
 *                          everywhere
 */
public record LatencyTable(long deliveredInWindow, long publishedInWindow, long incomplete, long[] lastLatencyNanos) {

    /**
     * Computes the figures.
     *
     * @param latencyMicros per node, by sequence: latency in microseconds plus one, 0 where not delivered (arrays may
     *                      be shorter than the published count: the missing tail was not delivered)
     * @param publishNanos  publish time by sequence, as many as were published
     * @param windowStart   start of the window ({@code nanoTime})
     * @param windowEnd     end of the window
     */
    public static LatencyTable of(List<int[]> latencyMicros, long[] publishNanos, long windowStart, long windowEnd) {
        long delivered = 0;
        long published = 0;
        long incomplete = 0;
        long[] latencies = new long[publishNanos.length];
        int n = 0;
        for (int seq = 0; seq < publishNanos.length; seq++) {
            long t = publishNanos[seq];
            boolean inWindow = t - windowStart >= 0 && t - windowEnd < 0;
            long worst = -1;
            for (int[] node : latencyMicros) {
                int v = seq < node.length ? node[seq] : 0;
                if (v == 0) {
                    worst = -1;
                    break;
                }
                worst = Math.max(worst, (v - 1) * 1000L);
            }
            if (inWindow) {
                published++;
            }
            if (worst < 0) {
                if (inWindow) {
                    incomplete++;
                }
                continue;
            }
            long last = t + worst;
            if (last - windowStart >= 0 && last - windowEnd < 0) {
                delivered++;
            }
            if (inWindow) {
                latencies[n++] = worst;
            }
        }
        return new LatencyTable(delivered, published, incomplete, java.util.Arrays.copyOf(latencies, n));
    }

    /**
     * One node's median latency over what it delivered (nearest rank), rounded to 0.1 ms; NaN if it delivered nothing.
     * Counted in 0.1 ms buckets instead of sorted: a record holds a slot per message published, about 100 million at
     * n = 3 with a 60 s warm-up, and a sorted copy of that ran the coordinator out of heap.
     *
     * @param latencyMicros by sequence: latency in microseconds plus one, 0 where not delivered
     */
    public static double medianMillis(int[] latencyMicros) {
        int delivered = 0;
        int highest = 0;
        for (int v : latencyMicros) {
            if (v > 0) {
                delivered++;
                highest = Math.max(highest, tenths(v));
            }
        }
        if (delivered == 0) {
            return Double.NaN;
        }
        int[] count = new int[highest + 1];
        for (int v : latencyMicros) {
            if (v > 0) {
                count[tenths(v)]++;
            }
        }
        int rank = Percentiles.rank(50, delivered);
        int seen = 0;
        for (int t = 0; ; t++) {
            seen += count[t];
            if (seen >= rank) {
                return t / 10.0;
            }
        }
    }

    /** A recorded latency (microseconds plus one) in tenths of a millisecond, rounded half up. */
    private static int tenths(int recorded) {
        return (int) ((recorded - 1L + 50) / 100);
    }
}

package io.plumtree.bench;

import java.util.Arrays;

/** Percentiles of a sample by the nearest-rank method: the smallest value with at least p % of the sample at or below. */
public final class Percentiles {

    private final long[] sorted;

    /** Sorts a copy of {@code values}. */
    public Percentiles(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /** Sample size. */
    public int count() {
        return sorted.length;
    }

    /**
     * The {@code p}-th percentile, 0 &lt; p &le; 100.
     *
     * @throws IllegalStateException if the sample is empty
     */
    public long at(double p) {
        return sorted[rank(p, sorted.length) - 1];
    }

    /** Nearest rank (1-based) of the {@code p}-th percentile in a sample of {@code n}: ceil(p / 100 × n), at least 1. */
    static int rank(double p, int n) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        if (n == 0) {
            throw new IllegalStateException("no values");
        }
        return Math.max(1, (int) Math.ceil(p / 100.0 * n - 1e-9));
    }

    /** Largest value. */
    public long max() {
        return at(100);
    }
}

package io.plumtree.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTableTest {

    private static final long MS = 1_000_000;

    @Test
    void aMessageCountsWhenTheLastNodeHasIt() {
        // publish times 0, 10, 20, 30 ms; window [10 ms, 30 ms)
        long[] published = {0, 10 * MS, 20 * MS, 30 * MS};
        int[] nodeA = {1 + 1000, 1 + 2000, 1 + 1000, 1 + 1000}; // latencies 1, 2, 1, 1 ms (micros + 1)
        int[] nodeB = {1 + 15000, 1 + 5000, 0};                  // 15, 5 ms; seq 2 missing; seq 3 beyond its end
        LatencyTable t = LatencyTable.of(List.of(nodeA, nodeB), published, 10 * MS, 30 * MS);
        // seq 0: last at 15 ms, in the window; seq 1: at 15 ms, in; seq 2, 3: incomplete
        assertThat(t.deliveredInWindow()).isEqualTo(2);
        assertThat(t.publishedInWindow()).isEqualTo(2); // seq 1 and 2
        assertThat(t.incomplete()).isEqualTo(1);         // seq 2
        assertThat(t.lastLatencyNanos()).containsExactly(5 * MS); // seq 1: the slower node
    }

    @Test
    void everythingDelivered() {
        long[] published = {0, MS, 2 * MS};
        int[] node = {1, 1, 1}; // 0 latency
        LatencyTable t = LatencyTable.of(List.of(node, node, node), published, 0, 3 * MS);
        assertThat(t.deliveredInWindow()).isEqualTo(3);
        assertThat(t.incomplete()).isZero();
        assertThat(t.lastLatencyNanos()).containsExactly(0, 0, 0);
    }

    @Test
    void aNodesMedianIsTheNearestRankRoundedToATenthOfAMillisecond() {
        java.util.Random random = new java.util.Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int[] record = new int[1 + random.nextInt(400)];
            for (int i = 0; i < record.length; i++) {
                record[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(trial % 2 == 0 ? 3_000 : 2_000_000);
            }
            long[] delivered = java.util.Arrays.stream(record).filter(v -> v > 0).mapToLong(v -> v - 1L).toArray();
            double expected = delivered.length == 0 ? Double.NaN
                    : Math.round(new Percentiles(delivered).at(50) / 100.0) / 10.0;
            assertThat(LatencyTable.medianMillis(record)).as("trial %d", trial).isEqualTo(expected);
        }
        assertThat(LatencyTable.medianMillis(new int[]{0, 0})).isNaN();
        assertThat(LatencyTable.medianMillis(new int[]{1 + 149, 1 + 150, 0, 1 + 151})).isEqualTo(0.2);
    }
}

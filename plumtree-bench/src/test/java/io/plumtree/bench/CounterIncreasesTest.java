package io.plumtree.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CounterIncreasesTest {

    @Test
    void countsWhatMovedAndLeavesOutGaugesAndWhatIsNotANumber() {
        String before = "gossip=10 grafts=3 queued_bytes=500 live=10 duplicates=0 state=up";
        String after = "gossip=25 grafts=3 queued_bytes=0 live=9 duplicates=4 state=down digests=7";
        assertThat(CounterIncreases.between(before, after)).isEqualTo("gossip=15 duplicates=4");
    }

    @Test
    void saysSoWhenNothingMoved() {
        assertThat(CounterIncreases.between("gossip=10 live=3", "gossip=10 live=4")).isEqualTo("none moved");
    }
}

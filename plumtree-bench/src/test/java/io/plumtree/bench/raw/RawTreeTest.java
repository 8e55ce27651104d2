package io.plumtree.bench.raw;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RawTreeTest {

    @Test
    void aCompleteTreeOfFanoutThree() {
        assertThat(RawTree.children(0, 10)).containsExactly(1, 2, 3);
        assertThat(RawTree.children(1, 10)).containsExactly(4, 5, 6);
        assertThat(RawTree.children(2, 10)).containsExactly(7, 8, 9);
        assertThat(RawTree.children(3, 10)).isEmpty();
        assertThat(RawTree.children(0, 3)).containsExactly(1, 2);
        assertThat(RawTree.parent(0)).isEqualTo(-1);
        assertThat(RawTree.parent(9)).isEqualTo(2);
        assertThat(RawTree.depth(3)).isEqualTo(1);
        assertThat(RawTree.depth(10)).isEqualTo(2);
        assertThat(RawTree.depth(20)).isEqualTo(3);
    }

    @Test
    void everyNodeButTheRootHasExactlyOneParent() {
        int n = 40;
        int[] parents = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c : RawTree.children(i, n)) {
                parents[c]++;
                assertThat(RawTree.parent(c)).isEqualTo(i);
            }
        }
        assertThat(parents[0]).isZero();
        for (int i = 1; i < n; i++) {
            assertThat(parents[i]).as("parents of " + i).isOne();
        }
        assertThat(List.of(RawTree.FANOUT)).containsExactly(3);
    }
}

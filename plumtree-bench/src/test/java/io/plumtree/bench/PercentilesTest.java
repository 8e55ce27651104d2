package io.plumtree.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTest {

    @ParameterizedTest(name = "p{0} of {1} values is rank {2}")
    @CsvSource({
            "50, 1, 1",
            "50, 2, 1",
            "50, 10, 5",
            "99, 10, 10",
            "99, 100, 99",
            "99, 1000, 990",
            "90, 7, 7",
            "100, 5, 5",
            "0.1, 5, 1",
    })
    void nearestRank(double p, int n, int rank) {
        assertThat(Percentiles.rank(p, n)).isEqualTo(rank);
    }

    @Test
    void percentilesOfAnUnsortedSample() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i; // 100 .. 1
        }
        Percentiles p = new Percentiles(values);
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
        assertThat(values[0]).as("the input is not sorted in place").isEqualTo(100);
    }

    @Test
    void rejectsEmptySamplesAndBadPercentiles() {
        assertThatThrownBy(() -> new Percentiles(new long[0]).at(50)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Percentiles.rank(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.rank(101, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}

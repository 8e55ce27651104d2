package io.plumtree.engine.broadcast;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraftBackoffTest {

    @ParameterizedTest(name = "base {0}, max {1}, attempts {2} -> {3}")
    @CsvSource({
            "500, 4000, 0, 500",
            "500, 4000, 1, 1000",
            "500, 4000, 2, 2000",
            "500, 4000, 3, 4000",
            "500, 4000, 4, 4000",
            "500, 4000, 40, 4000",
            "500, 4000, 63, 4000",
            "500, 4000, 1000, 4000",
            "500, 500, 1, 500",
            "3, 100, 5, 96",
            "9223372036854775807, 9223372036854775807, 1, 9223372036854775807",
    })
    void exponentialWithCeiling(long base, long max, int attempts, long expected) {
        assertThat(GraftBackoff.delayNanos(base, max, attempts)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void negativeAttemptsAreABug() {
        assertThatThrownBy(() -> GraftBackoff.delayNanos(1, 2, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

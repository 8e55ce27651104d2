package io.plumtree.engine.membership;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** memberlist TestAwareness: one sequence of deltas, the score and the scaled 1 s timeout after each. */
class AwarenessTest {

    private static final long S = 1_000_000_000L;

    @Test
    void followsMemberlistSequence() {
        int[][] cases = {
                {0, 0, 1}, {-1, 0, 1}, {-10, 0, 1}, {1, 1, 2}, {-1, 0, 1}, {10, 7, 8}, {-1, 6, 7}, {-1, 5, 6},
                {-1, 4, 5}, {-1, 3, 4}, {-1, 2, 3}, {-1, 1, 2}, {-1, 0, 1}, {-1, 0, 1},
        };
        Awareness awareness = new Awareness(8, true);
        for (int[] c : cases) {
            awareness.apply(c[0]);
            assertThat(awareness.score()).as("after delta %d", c[0]).isEqualTo(c[1]);
            assertThat(awareness.scale(S)).isEqualTo(c[2] * S);
        }
    }

    @Test
    void disabledStaysHealthy() {
        Awareness awareness = new Awareness(8, false);
        awareness.apply(5);
        assertThat(awareness.score()).isZero();
        assertThat(awareness.scale(S)).isEqualTo(S);
    }
}

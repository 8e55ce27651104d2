package io.plumtree.engine.membership;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The formulas, with memberlist's own tables where it has them (util_test.go, suspicion_test.go). */
class SwimMathTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;

    @ParameterizedTest(name = "nackTimeout({0} ms) = {1} ms")
    @org.junit.jupiter.params.provider.CsvSource({"500, 400", "200, 160", "3000, 2400", "5, 4"})
    void nackTimeoutLeavesTheRequesterTimeToHearTheNack(long probeTimeoutMs, long expectedMs) {
        org.assertj.core.api.Assertions.assertThat(SwimMath.nackTimeoutNanos(probeTimeoutMs * MS))
                .isEqualTo(expectedMs * MS);
    }

    @ParameterizedTest(name = "retransmitLimit(mult {0}, n {1}) = {2}")
    @CsvSource({
            "3, 0, 0",
            "3, 1, 3",
            "3, 9, 3",
            "3, 10, 6",
            "3, 99, 6",
            "4, 100, 12",
            "4, 1000, 16",
    })
    void retransmitLimit(int mult, int n, int expected) {
        assertThat(SwimMath.retransmitLimit(mult, n)).isEqualTo(expected);
    }

    /** memberlist TestSuspicionTimeout: suspicionTimeout(3, n, 1s) / 3 for each n. */
    @ParameterizedTest(name = "suspicionTimeout(3, n {0}, 1s) / 3 = {1} ms")
    @CsvSource({
            "0, 1000",
            "1, 1000",
            "5, 1000",
            "10, 1000",
            "50, 1698",
            "100, 2000",
            "500, 2698",
            "1000, 3000",
    })
    void suspicionTimeout(int n, long expectedMillis) {
        assertThat(SwimMath.suspicionTimeoutNanos(3, n, S) / 3).isEqualTo(expectedMillis * MS);
    }

    /** memberlist TestSuspicion_remainingSuspicionTime: min 2 s, max 30 s, k 3. */
    @ParameterizedTest(name = "confirmations {0}, k {1}, elapsed {2} ms -> remaining {3} ms")
    @CsvSource({
            "0, 3, 0, 30000",
            "1, 3, 2000, 14000",
            "2, 3, 3000, 4810",
            "3, 3, 4000, -2000",
            "4, 3, 5000, -3000",
            "5, 3, 10000, -8000",
            "0, 0, 0, 2000",
            "7, 0, 500, 1500",
    })
    void remainingSuspicionTime(int confirmations, int k, long elapsedMillis, long expectedMillis) {
        assertThat(SwimMath.remainingSuspicionNanos(confirmations, k, elapsedMillis * MS, 2 * S, 30 * S))
                .isEqualTo(expectedMillis * MS);
    }

    @ParameterizedTest(name = "expectedConfirmations(mult {0}, n {1}) = {2}")
    @CsvSource({
            "4, 10, 2",
            "4, 4, 2",
            "4, 3, 0",
            "4, 1, 0",
            "3, 3, 1",
            "3, 2, 0",
            "2, 10, 0",
            "1, 10, 0",
            "6, 100, 4",
    })
    void expectedConfirmations(int mult, int n, int expected) {
        assertThat(SwimMath.expectedConfirmations(mult, n)).isEqualTo(expected);
    }

    /** memberlist TestPushPullScale: 1 s up to 32 members, 2 s up to 64, 3 s up to 128. */
    @ParameterizedTest(name = "pushPullScale(1s, n {0}) = {1} s")
    @CsvSource({
            "0, 1", "1, 1", "2, 1", "31, 1", "32, 1",
            "33, 2", "48, 2", "64, 2",
            "65, 3", "100, 3", "128, 3",
            "129, 4", "256, 4", "257, 5",
    })
    void pushPullScale(int n, long expectedSeconds) {
        assertThat(SwimMath.pushPullScaleNanos(S, n)).isEqualTo(expectedSeconds * S);
    }

    @ParameterizedTest(name = "score {0} + delta {1}, max {2} -> {3}, 1 s scales to {4} s")
    @CsvSource({
            "0, 0, 8, 0, 1",
            "0, -1, 8, 0, 1",
            "0, -10, 8, 0, 1",
            "0, 1, 8, 1, 2",
            "1, -1, 8, 0, 1",
            "0, 10, 8, 7, 8",
            "7, -1, 8, 6, 7",
            "3, 3, 8, 6, 7",
            "5, 2147483647, 8, 7, 8",
            "0, 5, 1, 0, 1",
    })
    void awarenessDeltaAndScale(int score, int delta, int max, int expectedScore, long expectedSeconds) {
        int moved = SwimMath.applyAwarenessDelta(score, delta, max);
        assertThat(moved).isEqualTo(expectedScore);
        assertThat(SwimMath.scaleByAwareness(S, moved)).isEqualTo(expectedSeconds * S);
    }
}

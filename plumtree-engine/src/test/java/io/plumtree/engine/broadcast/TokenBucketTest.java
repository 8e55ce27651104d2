package io.plumtree.engine.broadcast;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        TokenBucket b = new TokenBucket(3, 2, 0);
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).isTrue();
        assertThat(b.tryTake(0)).as("burst of 3 used").isFalse();
        assertThat(b.tryTake(SECOND / 4)).as("half a token after 250 ms at 2/s").isFalse();
        assertThat(b.tryTake(SECOND / 2)).as("one token after 500 ms").isTrue();
        assertThat(b.tryTake(SECOND / 2)).isFalse();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket b = new TokenBucket(2, 1000, 0);
        long later = 3600 * SECOND;
        assertThat(b.tryTake(later)).isTrue();
        assertThat(b.tryTake(later)).isTrue();
        assertThat(b.tryTake(later)).isFalse();
    }

    @Test
    void timeGoingBackwardsDoesNotMintTokens() {
        TokenBucket b = new TokenBucket(1, 1, 10 * SECOND);
        assertThat(b.tryTake(10 * SECOND)).isTrue();
        assertThat(b.tryTake(5 * SECOND)).isFalse();
    }
}

package io.plumtree.engine.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackPressureTest {

    private static final long HIGH = 500;
    private static final long MAX_PAUSE = 100;

    @Test
    void engagesAboveTheHighWaterAndReleasesAtHalfOfIt() {
        BackPressure b = new BackPressure(HIGH, MAX_PAUSE);
        assertThat(b.update(500, 0)).isFalse();
        assertThat(b.update(501, 1)).isTrue();
        assertThat(b.update(300, 2)).as("between the marks it holds").isTrue();
        assertThat(b.update(250, 3)).isFalse();
        assertThat(b.update(400, 4)).as("between the marks it stays released").isFalse();
        assertThat(b.suspensions()).isZero();
    }

    @Test
    void aHoldLongerThanTheMaximumIsSuspendedForAsLong() {
        BackPressure b = new BackPressure(HIGH, MAX_PAUSE);
        assertThat(b.update(900, 0)).isTrue();
        assertThat(b.update(900, MAX_PAUSE)).isTrue();
        assertThat(b.update(900, MAX_PAUSE + 1)).as("held too long").isFalse();
        assertThat(b.suspensions()).isOne();
        assertThat(b.update(900, 2 * MAX_PAUSE)).as("suspended").isFalse();
        assertThat(b.update(900, 2 * MAX_PAUSE + 1)).as("may engage again").isTrue();
        assertThat(b.engaged()).isTrue();
    }

    @Test
    void whileItHoldsOnlyThePeersThisNodeWaitsForAreRead() {
        BackPressure b = new BackPressure(HIGH, MAX_PAUSE);
        assertThat(b.readsFrom(0)).as("released: every stream is read").isTrue();
        b.update(900, 0);
        assertThat(b.readsFrom(0)).as("a peer with nothing waiting for it").isFalse();
        assertThat(b.readsFrom(HIGH / 2)).isFalse();
        assertThat(b.readsFrom(HIGH / 2 + 1)).as("a peer this node waits for, which may be waiting for it").isTrue();
        b.update(100, 1);
        assertThat(b.readsFrom(0)).isTrue();
    }
}

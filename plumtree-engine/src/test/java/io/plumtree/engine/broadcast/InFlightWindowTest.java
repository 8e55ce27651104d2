package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The origin's window over its own broadcasts: shut by the member furthest behind, opened by its acknowledgements. */
class InFlightWindowTest {

    private static final long MS = 1_000_000L;
    private static final long LAGGARD = 2_000 * MS;
    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");

    @Test
    void shutsWhenTheSlowestMemberIsAWholeWindowBehindAndOpensOnItsAcknowledgement() {
        InFlightWindow w = new InFlightWindow(100, LAGGARD);
        w.memberUp(A, 0);
        w.memberUp(B, 0);
        assertThat(w.admits(99, 0)).as("99 in flight").isTrue();
        assertThat(w.admits(100, 0)).as("100 in flight: the 101st waits").isFalse();
        w.acked(A, 100, 100);
        assertThat(w.admits(100, MS)).as("b has acknowledged nothing").isFalse();
        assertThat(w.inFlight(100)).isEqualTo(100);
        w.acked(B, 1, 100);
        assertThat(w.admits(100, MS)).isTrue();
        assertThat(w.inFlight(100)).isEqualTo(99);
    }

    @Test
    void aMemberIsTakenAsCaughtUpWhenItComesAndForgottenWhenItGoes() {
        InFlightWindow w = new InFlightWindow(100, LAGGARD);
        w.memberUp(A, 0);
        w.memberUp(B, 500);
        assertThat(w.admits(550, 0)).as("a is 550 behind").isFalse();
        w.memberDown(A);
        assertThat(w.admits(550, 0)).as("b came at 500 and is 50 behind").isTrue();
        assertThat(w.admits(600, 0)).isFalse();
        w.memberDown(B);
        assertThat(w.admits(10_000, 0)).as("no member: nothing to wait for").isTrue();
        assertThat(w.inFlight(10_000)).isZero();
    }

    @Test
    void aStaleOrRepeatedAcknowledgementChangesNothingAndOneBeyondTheNewestCountsAsTheNewest() {
        InFlightWindow w = new InFlightWindow(100, LAGGARD);
        w.memberUp(A, 0);
        w.acked(A, 80, 150);
        w.acked(A, 40, 150);
        assertThat(w.inFlight(150)).isEqualTo(70);
        w.acked(A, 1_000, 150);
        assertThat(w.inFlight(150)).as("clamped to the newest sequence").isZero();
        w.acked(NodeId.of("stranger"), 1, 150);
        assertThat(w.admits(249, 0)).as("a member never reported up is not waited for").isTrue();
    }

    @Test
    void aMemberSilentForTheLaggardTimeoutIsLeftBehindUntilItIsWithinHalfAWindow() {
        InFlightWindow w = new InFlightWindow(100, LAGGARD);
        w.memberUp(A, 0);
        w.memberUp(B, 0);
        w.acked(A, 100, 100);
        assertThat(w.admits(100, 10 * MS)).isFalse();
        assertThat(w.admits(100, 10 * MS + LAGGARD - 1)).as("waited 1 ns short of the timeout").isFalse();
        assertThat(w.leftBehind()).isZero();
        assertThat(w.admits(100, 10 * MS + LAGGARD)).as("b is left behind").isTrue();
        assertThat(w.leftBehind()).isEqualTo(1);
        assertThat(w.inFlight(100)).as("only a counts now").isZero();

        assertThat(w.admits(199, 3_000 * MS)).isTrue();
        w.acked(B, 140, 199);
        assertThat(w.admits(199, 3_000 * MS)).as("59 behind: not yet within half a window").isTrue();
        w.acked(B, 150, 199);
        assertThat(w.admits(200, 3_000 * MS)).as("b is back: a acknowledged only 100").isFalse();
        w.acked(A, 200, 200);
        assertThat(w.admits(200, 3_000 * MS)).as("b is 50 behind").isTrue();
        assertThat(w.admits(250, 3_000 * MS)).isFalse();
    }

    @Test
    void anAcknowledgementRestartsTheLaggardClock() {
        InFlightWindow w = new InFlightWindow(100, LAGGARD);
        w.memberUp(A, 0);
        assertThat(w.admits(100, 0)).isFalse();
        w.acked(A, 10, 110);
        assertThat(w.admits(110, LAGGARD)).as("an acknowledgement, however small, starts the wait again").isFalse();
        assertThat(w.admits(110, 2 * LAGGARD - 1)).isFalse();
        assertThat(w.admits(110, 2 * LAGGARD)).isTrue();
        assertThat(w.leftBehind()).isEqualTo(1);
    }

    @Test
    void aWindowOfZeroIsOff() {
        InFlightWindow w = new InFlightWindow(0, LAGGARD);
        w.memberUp(A, 0);
        assertThat(w.admits(1_000_000, 0)).isTrue();
        assertThat(w.inFlight(1_000_000)).isZero();
    }

    @Test
    void membersAcknowledgeEveryEighthOfTheWindow() {
        assertThat(InFlightWindow.ackInterval(4_096)).isEqualTo(512);
        assertThat(InFlightWindow.ackInterval(5)).isEqualTo(1);
    }
}

package io.plumtree.engine;

import io.plumtree.engine.sim.MembershipResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JoinRehearsalTest {

    @Test
    void theRehearsalIsARealJoinThatConverges() {
        MembershipResult r = JoinRehearsal.rehearse();
        assertThat(r.joinConvergenceS()).as("every simulated node saw the others alive").isBetween(0.0, 10.5);
        assertThat(r.msgsPerNodePerS()).as("the nodes kept probing and gossiping through the codecs").isPositive();
        assertThat(r.falsePositives()).isZero();
    }

    @Test
    void itIsOnByDefaultAndCanBeTurnedOff() {
        assertThat(ClusterConfig.builder().nodeName("a").build().joinRehearsal()).isTrue();
        ClusterConfig off = ClusterConfig.builder().nodeName("a").joinRehearsal(false).build();
        assertThat(off.joinRehearsal()).isFalse();
        assertThat(off.toBuilder().build().joinRehearsal()).as("kept by toBuilder").isFalse();
    }
}

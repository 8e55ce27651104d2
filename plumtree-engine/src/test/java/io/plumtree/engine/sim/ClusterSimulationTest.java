package io.plumtree.engine.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole nodes (membership and broadcast) in the simulator, at sizes that keep the normal build fast. The figures
 * at 1,000 and 10,000 nodes are in docs/benchmarks.md. Every assertion names the seed.
 */
class ClusterSimulationTest {

    private static MembershipResult membership(int nodes, int kill, double loss, double slow, boolean lifeguard,
                                               double duration, double killAt, long seed) {
        MembershipSettings d = MembershipSettings.defaults();
        return new MembershipScenario(new MembershipSettings(nodes, "lan", duration, kill, killAt,
                d.network().withLoss(loss), slow, lifeguard, 1, "", seed), line -> { }).run();
    }

    private static String seed(MembershipResult r) {
        return "reproduce with seed=" + r.settings().seed() + ": " + r.toJson();
    }

    @Test
    void nodesJoinThroughOneSeedAndKilledNodesAreDeclaredFailedByAll() {
        for (long seed = 1; seed <= 2; seed++) {
            MembershipResult r = membership(200, 3, 0, 0, true, 60, 30, seed);
            assertThat(r.joinConvergenceS()).as(seed(r)).isBetween(0.0, 10.0);
            assertThat(r.firstDetectS()).as(seed(r)).isBetween(0.0, 4.0);
            // suspicion minimum at n = 200: 4 * log10(200) * 1 s = 9.2 s; confirmations and dissemination on top
            assertThat(r.deadAllS()).as(seed(r)).isBetween(9.0, 9.2 + 6);
            assertThat(r.falsePositives()).as(seed(r)).isZero();
        }
    }

    @Test
    void aKilledProcessIsProbedAtOnceByTheMembersHoldingAStreamWithIt() {
        // kill -9 on a live host: the members holding a stream with it read its end and probe it at their next tick,
        // so the first suspicion comes within about a probe round, not when some member's shuffled order reaches it;
        // the rest is the shortest suspicion timeout, 4 * log10(20) * 1 s = 5.2 s, once two others confirm
        for (long seed = 1; seed <= 12; seed++) {
            MembershipResult r = membership(20, 1, 0, 0, true, 40, 20, seed);
            assertThat(r.firstDetectS()).as(seed(r)).isBetween(0.0, 2.5);
            assertThat(r.deadAllS()).as(seed(r)).isBetween(5.2, 7.8);
            assertThat(r.falsePositives()).as(seed(r)).isZero();
        }
    }

    @Test
    void steadyStateTrafficPerNodeDoesNotGrowWithTheCluster() {
        MembershipResult small = membership(20, 0, 0, 0, true, 40, 30, 5);
        MembershipResult large = membership(200, 0, 0, 0, true, 40, 30, 5);
        assertThat(large.msgsPerNodePerS()).as(seed(small) + " vs " + seed(large))
                .isLessThan(1.25 * small.msgsPerNodePerS());
    }

    @Test
    void lifeguardKeepsHealthyMembersAliveUnderLossAndSlowNodes() {
        MembershipResult on = membership(100, 0, 0.1, 0.05, true, 300, 290, 7);
        assertThat(on.falsePositives()).as(seed(on)).isZero();
        assertThat(on.joinConvergenceS()).as(seed(on)).isPositive();
    }

    @Test
    void afterThirtyPercentCrashSurvivorsAgreeAndKeepReceivingEverything() {
        ChurnSettings d = ChurnSettings.defaults();
        ChurnSettings s = new ChurnSettings(150, "lan", 0.3, 20, 60, 5, 20, 10, 512, d.network(), true, 1, "", 3);
        ChurnResult r = new ChurnScenario(s, line -> { }).run();
        String why = "reproduce with seed=3: " + r.toJson();
        assertThat(r.crashed()).isEqualTo(45);
        assertThat(r.figures().counted()).as(why).isEqualTo(10);
        assertThat(r.figures().reliability()).as(why).isEqualTo(1.0);
        assertThat(r.duplicateDeliveries()).as(why).isZero();
        assertThat(r.membershipConvergedS()).as(why).isBetween(0.0, 30.0);
    }

    @Test
    void joiningAtOnceConvergesFasterWithTheJoinSync() {
        MembershipSettings d = MembershipSettings.defaults();
        MembershipResult with = new MembershipScenario(new MembershipSettings(200, "lan", 40, 0, 30, d.network(), 0,
                true, 1, "", 9), line -> { }).run();
        MembershipResult without = new MembershipScenario(new MembershipSettings(200, "lan", 40, 0, 30, d.network(),
                0, true, 1, "joinSyncDelay=0", 9), line -> { }).run();
        assertThat(without.joinConvergenceS()).as(seed(with) + " vs " + seed(without))
                .isGreaterThan(with.joinConvergenceS());
    }

    @Test
    void sameSeedSameRun() {
        MembershipResult a = membership(60, 2, 0.05, 0.05, true, 40, 20, 11);
        MembershipResult b = membership(60, 2, 0.05, 0.05, true, 40, 20, 11);
        assertThat(a.toJson(false)).isEqualTo(b.toJson(false));
    }
}

package io.plumtree.engine.sim;

import io.plumtree.engine.broadcast.PlumtreeConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plumtree's claims on the simulator, at sizes that keep the normal build fast (n <= 200). The figures at 1,000 and
 * 10,000 nodes are in docs/benchmarks.md, produced by bin/plumtree-sim. Every assertion names the seed.
 */
class BroadcastSimulationTest {

    private static BroadcastSettings settings(int nodes, double crash, int view, boolean flood, long seed) {
        BroadcastSettings d = BroadcastSettings.defaults();
        return new BroadcastSettings(nodes, 60, 10, 20, 10, 1024, d.network(), crash, null, view, "lan", flood,
                false, "", seed);
    }

    private static BroadcastResult run(BroadcastSettings s) {
        return new BroadcastScenario(s, line -> { }).run();
    }

    private static String seed(BroadcastResult r) {
        return "reproduce with seed=" + r.settings().seed() + ": " + r.toJson();
    }

    @Test
    void everyMessageReachesEveryNodeExactlyOnce() {
        for (long seed = 1; seed <= 3; seed++) {
            BroadcastResult r = run(settings(200, 0, 0, false, seed));
            assertThat(r.reliability()).as(seed(r)).isEqualTo(1.0);
            assertThat(r.duplicateDeliveries()).as(seed(r)).isZero();
        }
    }

    @Test
    void steadyStateRedundancyIsLow() {
        BroadcastResult tree = run(settings(200, 0, 0, false, 11));
        BroadcastResult flood = run(settings(200, 0, 0, true, 11));
        assertThat(tree.rmr()).as(seed(tree)).isLessThan(0.05);
        assertThat(flood.rmr()).as("flood sends to every eager and lazy peer: " + seed(flood)).isGreaterThan(5);
        assertThat(tree.payloadMsgs()).as(seed(tree)).isLessThan(flood.payloadMsgs() / 5);
    }

    @Test
    void treeLatencyIsWithinTwiceTheFloodOptimum() {
        BroadcastResult tree = run(settings(200, 0, 0, false, 5));
        BroadcastResult flood = run(settings(200, 0, 0, true, 5));
        assertThat(flood.reliability()).isEqualTo(1.0);
        assertThat(tree.ldhMax()).as(seed(tree) + " vs " + flood.toJson()).isLessThanOrEqualTo(2 * flood.ldhMax());
    }

    @Test
    void repairsAfterThirtyPercentCrash() {
        for (long seed = 1; seed <= 2; seed++) {
            BroadcastResult r = run(settings(200, 0.3, 0, false, seed));
            assertThat(r.crashed()).isEqualTo(60);
            assertThat(r.countedBroadcasts()).as(seed(r)).isPositive();
            assertThat(r.reliability()).as(seed(r)).isEqualTo(1.0);
            assertThat(r.graftMsgs()).as("repair goes through GRAFT: " + seed(r)).isPositive();
        }
    }

    /**
     * Five origins broadcasting over links of 1-10 ms each, so a copy that took more hops often arrives first: once the
     * trees have formed (the first 1,000 broadcasts), nothing is pruned or grafted any more and every
     * message reaches every node along the tree, never through a GRAFT's timeout. (With the paper's symmetric rules on
     * per-origin trees the same run kept pruning and grafting: 25,845 PRUNEs and 3,647 GRAFTs after warm-up.)
     */
    @Test
    void treesSettleWhenLongerPathsAreFaster() {
        BroadcastSettings d = BroadcastSettings.defaults();
        BroadcastSettings jitter = new BroadcastSettings(60, 2_000, 5, 1_000, 500, 1024,
                d.network().withLatency(Duration.ofMillis(1), Duration.ofMillis(10)), 0, null, 0, "lan", false, false,
                "", 7);
        BroadcastResult r = run(jitter);
        assertThat(r.reliability()).as(seed(r)).isEqualTo(1.0);
        assertThat(r.pruneMsgs()).as(seed(r)).isLessThan(20);
        assertThat(r.graftMsgs()).as(seed(r)).isLessThan(20);
        assertThat(r.rmr()).as(seed(r)).isLessThan(0.001);
        assertThat(Duration.ofMillis(r.p99LastMs())).as(seed(r)).isLessThan(PlumtreeConfig.lan().graftTimeout());
    }

    @Test
    void worksOnAPartialView() {
        BroadcastResult r = run(settings(200, 0, 20, false, 3));
        assertThat(r.reliability()).as(seed(r)).isEqualTo(1.0);
        assertThat(r.rmr()).as(seed(r)).isLessThan(0.05);
    }

    @Test
    void lossOnReliableLinksBecomesDelayNotLoss() {
        BroadcastSettings d = settings(100, 0, 0, false, 4);
        BroadcastSettings lossy = new BroadcastSettings(d.nodes(), d.broadcasts(), d.senders(), d.warmup(),
                d.rate(), d.payloadBytes(), d.network().withLoss(0.2), 0, null, 0, "lan", false, false, "", 4);
        BroadcastResult r = run(lossy);
        assertThat(r.reliability()).as(seed(r)).isEqualTo(1.0);
        assertThat(r.duplicateDeliveries()).isZero();
    }

    @Test
    void sameSeedSameRun() {
        BroadcastSettings s = settings(150, 0.2, 0, false, 99);
        assertThat(run(s).toJson(false)).isEqualTo(run(s).toJson(false));
        BroadcastSettings other = settings(150, 0.2, 0, false, 100);
        assertThat(run(other).toJson(false)).isNotEqualTo(run(s).toJson(false));
    }

    @Test
    void everyPresetDelivers() {
        for (String preset : new String[]{"lan", "wan", "local", "largeCluster"}) {
            BroadcastSettings d = settings(100, 0, 0, false, 8);
            BroadcastSettings s = new BroadcastSettings(d.nodes(), 30, d.senders(), d.warmup(), d.rate(),
                    d.payloadBytes(), d.network(), 0, null, 0, preset, false, false, "", 8);
            BroadcastResult r = new BroadcastScenario(s, PlumtreeConfig.preset(preset), line -> { }).run();
            assertThat(r.reliability()).as(preset + " " + seed(r)).isEqualTo(1.0);
        }
    }

    @Test
    void oneSharedTreeFallsApartUnderConcurrentSendersWhereTreesPerOriginDoNot() {
        BroadcastSettings d = settings(200, 0, 0, false, 12);
        BroadcastSettings shared = new BroadcastSettings(d.nodes(), d.broadcasts(), d.senders(), d.warmup(),
                d.rate(), d.payloadBytes(), d.network(), 0, null, 0, "lan", false, true, "", 12);
        BroadcastResult perOrigin = run(d);
        BroadcastResult one = run(shared);
        assertThat(one.reliability()).as("grafts still deliver everything: " + seed(one)).isEqualTo(1.0);
        assertThat(one.graftMsgs()).as(seed(one) + " vs " + perOrigin.toJson())
                .isGreaterThan(5 * Math.max(1, perOrigin.graftMsgs()));
        assertThat(one.rmr()).isGreaterThan(perOrigin.rmr());
    }

    @Test
    void crashAtAChosenTime() {
        BroadcastSettings d = settings(100, 0.3, 0, false, 6);
        BroadcastSettings s = new BroadcastSettings(d.nodes(), d.broadcasts(), d.senders(), d.warmup(), d.rate(),
                d.payloadBytes(), d.network(), 0.3, Duration.ofSeconds(4), 0, "lan", false, false, "", 6);
        BroadcastResult r = run(s);
        assertThat(r.countedBroadcasts()).as("measured broadcasts run from 3.0 s to 8.9 s; those from 6.0 s count")
                .isEqualTo(30);
        assertThat(r.reliability()).as(seed(r)).isEqualTo(1.0);
    }
}

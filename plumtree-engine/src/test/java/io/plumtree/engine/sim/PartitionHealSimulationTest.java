package io.plumtree.engine.sim;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.broadcast.PlumtreeOutput;
import io.plumtree.engine.membership.SwimConfig;
import io.plumtree.engine.node.NodeInput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN.md rule 7 in the simulator: broadcasts published on both sides of a short partition (shorter than the
 * suspicion timeout, so membership declares nobody failed) reach every node once it heals, because neighbours exchange
 * digests of recent messages; without digests, payloads and announcements lost at the cut stay lost.
 */
class PartitionHealSimulationTest {

    private static final long S = 1_000_000_000L;

    /** Every node's deliveries, and the duplicates among them. */
    private static final class Deliveries implements ClusterObserver {
        final Map<Integer, Set<MessageId>> byNode = new HashMap<>();
        int duplicates;

        @Override
        public void delivered(int node, PlumtreeOutput.Deliver d, long nowNanos) {
            if (!byNode.computeIfAbsent(node, k -> new HashSet<>()).add(d.id())) {
                duplicates++;
            }
        }
    }

    /** Runs the cut and answers the fraction of (message published during the cut, node) pairs delivered. */
    private static double reliabilityAfterHeal(Duration digestInterval, long seed, Deliveries deliveries) {
        int n = 40;
        SplittableRandom random = new SplittableRandom(seed);
        PlumtreeConfig plumtree = PlumtreeConfig.lan().toBuilder().digestInterval(digestInterval).build();
        SimCluster cluster = new SimCluster(n, MembershipSettings.defaults().network(), SwimConfig.lan(), plumtree,
                random, deliveries);
        cluster.startAndJoin(random, S);
        int[] sides = new int[n];
        for (int i = n / 2; i < n; i++) {
            sides[i] = 1;
        }
        long cutAt = 20 * S;
        cluster.sim.partition(sides, cutAt);
        cluster.sim.heal(cutAt + 3 * S);
        List<MessageId> published = new ArrayList<>();
        // ten broadcasts from each side during the 3 s cut
        for (int k = 0; k < 10; k++) {
            long at = cutAt + 200_000_000L + k * 250_000_000L;
            cluster.sim.schedule(3, new NodeInput.Broadcast(new byte[]{(byte) k}), at);
            cluster.sim.schedule(n - 3, new NodeInput.Broadcast(new byte[]{(byte) k}), at);
        }
        cluster.sim.run(cutAt + 15 * S);
        for (int node : new int[]{3, n - 3}) {
            for (MessageId id : deliveries.byNode.get(node)) {
                if (id.origin().equals(cluster.names[node])) {
                    published.add(id);
                }
            }
        }
        assertThat(published).hasSize(20);
        long got = 0;
        for (int i = 0; i < n; i++) {
            Set<MessageId> d = deliveries.byNode.getOrDefault(i, Set.of());
            got += published.stream().filter(d::contains).count();
        }
        return got / (double) (20L * n);
    }

    @Test
    void broadcastsPublishedDuringAShortCutReachEveryoneOnceItHeals() {
        for (long seed = 1; seed <= 3; seed++) {
            Deliveries d = new Deliveries();
            assertThat(reliabilityAfterHeal(Duration.ofSeconds(1), seed, d)).as("seed=" + seed).isEqualTo(1.0);
            assertThat(d.duplicates).as("seed=" + seed).isZero();
        }
    }

    @Test
    void withoutDigestsTheCutLosesBroadcasts() {
        double worst = 1.0;
        for (long seed = 1; seed <= 3; seed++) {
            worst = Math.min(worst, reliabilityAfterHeal(Duration.ZERO, seed, new Deliveries()));
        }
        System.out.println("reliability without digests, worst of 3 seeds: " + worst);
        assertThat(worst).as("the failure the digests repair").isLessThan(1.0);
    }
}

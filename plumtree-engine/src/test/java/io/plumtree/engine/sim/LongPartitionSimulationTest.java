package io.plumtree.engine.sim;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.broadcast.PlumtreeOutput;
import io.plumtree.engine.membership.Member;
import io.plumtree.engine.membership.MemberState;
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
 * Issue 7, healing, in the simulator: a cut longer than the time the dead are gossiped to and remembered
 * ({@link SwimConfig#gossipToTheDeadTime()}, 30 s on LAN) leaves each side with no trace of the other, so only the
 * reconnect ({@link SwimConfig#reconnectInterval()}) brings them back together. 40 whole nodes, LAN, cut in two halves
 * for 60 s with broadcasts published on both sides during the cut (the payload cache outlives the cut, as the design
 * requires for messages to survive it): after the heal every node sees all 40 alive and has every broadcast, once.
 */
class LongPartitionSimulationTest {

    private static final long S = 1_000_000_000L;
    private static final int N = 40;
    private static final long CUT_AT = 20 * S;
    private static final long CUT_FOR = 60 * S;
    private static final long HEAL_AT = CUT_AT + CUT_FOR;

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

    /** The broadcast settings: payloads and digests kept for longer than the cut lasts. */
    private static PlumtreeConfig outlivingTheCut() {
        return PlumtreeConfig.lan().toBuilder().cacheTtl(Duration.ofSeconds(120)).seenTtl(Duration.ofSeconds(240))
                .digestWindow(Duration.ofSeconds(120)).build();
    }

    private static SimCluster cutAndHeal(SwimConfig swim, long seed, Deliveries deliveries) {
        SplittableRandom random = new SplittableRandom(seed);
        SimCluster cluster = new SimCluster(N, MembershipSettings.defaults().network(), swim, outlivingTheCut(),
                random, deliveries);
        cluster.startAndJoin(random, S);
        int[] sides = new int[N];
        for (int i = N / 2; i < N; i++) {
            sides[i] = 1;
        }
        cluster.sim.partition(sides, CUT_AT);
        cluster.sim.heal(HEAL_AT);
        // ten broadcasts from each side, spread over the cut
        for (int k = 0; k < 10; k++) {
            long at = CUT_AT + S + k * 5 * S;
            cluster.sim.schedule(3, new NodeInput.Broadcast(new byte[]{(byte) k}), at);
            cluster.sim.schedule(N - 3, new NodeInput.Broadcast(new byte[]{(byte) k}), at);
        }
        return cluster;
    }

    /** Nodes that do not see every node alive. */
    private static List<Integer> incompleteViews(SimCluster cluster) {
        List<Integer> incomplete = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            long alive = cluster.core(i).membership().members().stream()
                    .filter(m -> m.state() == MemberState.ALIVE).count();
            if (alive != N) {
                incomplete.add(i);
            }
        }
        return incomplete;
    }

    private static long aliveAcrossTheCut(SimCluster cluster, int node) {
        int side = node < N / 2 ? 0 : 1;
        long count = 0;
        for (Member m : cluster.core(node).membership().members()) {
            int index = cluster.indexOfName.get(m.id());
            if (m.state() == MemberState.ALIVE && (index < N / 2 ? 0 : 1) != side) {
                count++;
            }
        }
        return count;
    }

    @Test
    void bothSidesOfACutLongerThanTheDeadAreRememberedFindEachOtherAndCatchUp() {
        for (long seed = 1; seed <= 3; seed++) {
            Deliveries deliveries = new Deliveries();
            SimCluster cluster = cutAndHeal(SwimConfig.lan(), seed, deliveries);

            cluster.sim.run(HEAL_AT - S);
            assertThat(aliveAcrossTheCut(cluster, 0)).as("seed=" + seed + ": the cut is total").isZero();

            cluster.sim.run(HEAL_AT + 10 * S);
            assertThat(incompleteViews(cluster)).as("seed=%d: nodes without all %d alive 10 s after the heal", seed, N)
                    .isEmpty();

            cluster.sim.run(HEAL_AT + 15 * S);
            List<MessageId> published = new ArrayList<>();
            for (int node : new int[]{3, N - 3}) {
                for (MessageId id : deliveries.byNode.get(node)) {
                    if (id.origin().equals(cluster.names[node])) {
                        published.add(id);
                    }
                }
            }
            assertThat(published).hasSize(20);
            for (int i = 0; i < N; i++) {
                assertThat(deliveries.byNode.getOrDefault(i, Set.of())).as("seed=%d node %d", seed, i)
                        .containsAll(published);
            }
            assertThat(deliveries.duplicates).as("seed=" + seed).isZero();
        }
    }

    @Test
    void withoutTheReconnectTheSidesStayApart() {
        SwimConfig noReconnect = SwimConfig.lan().toBuilder().reconnectInterval(Duration.ZERO).build();
        SimCluster cluster = cutAndHeal(noReconnect, 1, new Deliveries());
        cluster.sim.run(HEAL_AT + 30 * S);
        for (int i = 0; i < N; i++) {
            assertThat(aliveAcrossTheCut(cluster, i)).as("the failure the reconnect repairs, node " + i).isZero();
        }
    }
}

package io.plumtree.engine.sim;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.broadcast.PlumtreeInput;
import io.plumtree.engine.broadcast.PlumtreeOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The network model of the simulator: latency, partitions, crashes and pauses, on a handful of nodes. */
class SimulationTest {

    private static final long MS = 1_000_000L;

    private record Delivery(int node, MessageId id, long at) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();

    private Simulation fullMesh(int n, NetworkOptions network) {
        PlumtreeConfig config = PlumtreeConfig.lan();
        Simulation sim = new Simulation(n, network, 3, (i, id) -> new Plumtree(id, config, new SplittableRandom(i)));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    sim.neighborUp(i, j);
                }
            }
        }
        sim.observe(new SimObserver() {
            @Override
            public void delivered(int node, PlumtreeOutput.Deliver d, long now) {
                deliveries.add(new Delivery(node, d.id(), now));
            }
        });
        return sim;
    }

    @Test
    void deliveriesArriveAfterTheLinkLatency() {
        Simulation sim = fullMesh(2, NetworkOptions.lan().withLatency(Duration.ofMillis(7), Duration.ofMillis(7)));
        sim.run(Long.MAX_VALUE);
        sim.schedule(0, new PlumtreeInput.Broadcast(new byte[]{1}), 100 * MS);
        sim.run(Long.MAX_VALUE);
        assertThat(deliveries).extracting(Delivery::node, Delivery::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 100 * MS),
                        org.assertj.core.groups.Tuple.tuple(1, 107 * MS));
    }

    @Test
    void linkLatencyIsSymmetricStableAndInRange() {
        Simulation sim = fullMesh(20, NetworkOptions.lan());
        for (int a = 0; a < 20; a++) {
            for (int b = 0; b < 20; b++) {
                assertThat(sim.latency(a, b)).isEqualTo(sim.latency(b, a)).isBetween(MS, 10 * MS);
            }
        }
    }

    @Test
    void aPartitionCutsTrafficUntilItHeals() {
        Simulation sim = fullMesh(4, NetworkOptions.lan());
        sim.run(Long.MAX_VALUE);
        sim.partition(new int[]{0, 0, 1, 1}, 50 * MS);
        sim.schedule(0, new PlumtreeInput.Broadcast(new byte[]{1}), 100 * MS);
        sim.heal(5_000 * MS);
        sim.schedule(0, new PlumtreeInput.Broadcast(new byte[]{2}), 6_000 * MS);
        sim.run(Long.MAX_VALUE);
        assertThat(deliveries).filteredOn(d -> d.at < 5_000 * MS).extracting(Delivery::node)
                .containsExactlyInAnyOrder(0, 1);
        assertThat(deliveries).filteredOn(d -> d.at >= 6_000 * MS).extracting(Delivery::node)
                .containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(sim.messagesDropped()).isPositive();
    }

    @Test
    void aCrashedNodeNeverActsAgain() {
        Simulation sim = fullMesh(3, NetworkOptions.lan());
        sim.crash(2, 10 * MS);
        sim.schedule(0, new PlumtreeInput.Broadcast(new byte[]{1}), 100 * MS);
        sim.schedule(2, new PlumtreeInput.Broadcast(new byte[]{2}), 200 * MS);
        sim.run(Long.MAX_VALUE);
        assertThat(sim.isCrashed(2)).isTrue();
        assertThat(deliveries).extracting(Delivery::node).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void aPausedNodeCatchesUpWhenThePauseEnds() {
        Simulation sim = fullMesh(3, NetworkOptions.lan());
        sim.pause(2, 50 * MS, 3_000 * MS);
        sim.schedule(0, new PlumtreeInput.Broadcast(new byte[]{1}), 100 * MS);
        sim.run(Long.MAX_VALUE);
        assertThat(deliveries).filteredOn(d -> d.node == 2).singleElement()
                .satisfies(d -> assertThat(d.at).isEqualTo(3_050 * MS));
    }

    @Test
    void datagramsAreLostWithTheConfiguredProbability() {
        Simulation sim = fullMesh(2, NetworkOptions.lan().withLoss(0.3));
        int arrived = 0;
        for (int i = 0; i < 10_000; i++) {
            arrived += sim.datagramArrives(0, 1) ? 1 : 0;
        }
        assertThat(arrived).isBetween(6_700, 7_300);
        sim.partition(new int[]{0, 1}, 0);
        sim.run(Long.MAX_VALUE);
        assertThat(sim.datagramArrives(0, 1)).isFalse();
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> NetworkOptions.lan().withLoss(1.0)).hasMessageContaining("loss");
        assertThatThrownBy(() -> NetworkOptions.lan().withLatency(Duration.ofMillis(5), Duration.ofMillis(1)))
                .hasMessageContaining("latency");
        Simulation sim = fullMesh(2, NetworkOptions.lan());
        assertThatThrownBy(() -> sim.partition(new int[]{0}, 0)).hasMessageContaining("2 nodes");
    }
}

package io.plumtree.engine.sim;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.broadcast.PlumtreeInput;
import io.plumtree.engine.broadcast.PlumtreeOutput;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The network model of the simulator: latency, partitions, crashes and pauses, on a handful of nodes. */
class SimulationTest {

    private static final long MS = 1_000_000L;

    private record Delivery(int node, MessageId id, long at) {
    }

    private final List<Delivery> deliveries = new ArrayList<>();

    private Simulation<PlumtreeInput> fullMesh(int n, NetworkOptions network) {
        // digests off: these tests time the simulated network, and a digest round would be one more timer
        PlumtreeConfig config = PlumtreeConfig.lan().toBuilder().digestInterval(Duration.ZERO).build();
        Map<NodeId, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < n; i++) {
            indexOf.put(NodeId.of("n" + i), i);
        }
        SimObserver observer = new SimObserver() {
            @Override
            public void delivered(int node, PlumtreeOutput.Deliver d, long now) {
                deliveries.add(new Delivery(node, d.id(), now));
            }
        };
        Simulation<PlumtreeInput> sim = new Simulation<>(n, network, 3, i -> new PlumtreeSimNode(i,
                new Plumtree(NodeId.of("n" + i), config, new SplittableRandom(i)), indexOf, observer));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    sim.inject(i, new PlumtreeInput.NeighborUp(NodeId.of("n" + j)));
                }
            }
        }
        return sim;
    }

    @Test
    void deliveriesArriveAfterTheLinkLatency() {
        Simulation<PlumtreeInput> sim = fullMesh(2, NetworkOptions.lan().withLatency(Duration.ofMillis(7), Duration.ofMillis(7)));
        sim.run(Long.MAX_VALUE);
        assertThat(sim.now()).as("the NEIGHBOR notices are out").isLessThan(1_000 * MS);
        sim.schedule(0, new PlumtreeInput.Broadcast(new byte[]{1}), 1_000 * MS);
        sim.run(Long.MAX_VALUE);
        assertThat(deliveries).extracting(Delivery::node, Delivery::at)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1_000 * MS),
                        org.assertj.core.groups.Tuple.tuple(1, 1_007 * MS));
    }

    @Test
    void linkLatencyIsSymmetricStableAndInRange() {
        Simulation<PlumtreeInput> sim = fullMesh(20, NetworkOptions.lan());
        for (int a = 0; a < 20; a++) {
            for (int b = 0; b < 20; b++) {
                assertThat(sim.latency(a, b)).isEqualTo(sim.latency(b, a)).isBetween(MS, 10 * MS);
            }
        }
    }

    @Test
    void aPartitionCutsTrafficUntilItHeals() {
        Simulation<PlumtreeInput> sim = fullMesh(4, NetworkOptions.lan());
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
        Simulation<PlumtreeInput> sim = fullMesh(3, NetworkOptions.lan());
        sim.crash(2, 10 * MS);
        sim.schedule(0, new PlumtreeInput.Broadcast(new byte[]{1}), 100 * MS);
        sim.schedule(2, new PlumtreeInput.Broadcast(new byte[]{2}), 200 * MS);
        sim.run(Long.MAX_VALUE);
        assertThat(sim.isCrashed(2)).isTrue();
        assertThat(deliveries).extracting(Delivery::node).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void aPausedNodeCatchesUpWhenThePauseEnds() {
        Simulation<PlumtreeInput> sim = fullMesh(3, NetworkOptions.lan());
        sim.pause(2, 50 * MS, 3_000 * MS);
        sim.schedule(0, new PlumtreeInput.Broadcast(new byte[]{1}), 100 * MS);
        sim.run(Long.MAX_VALUE);
        assertThat(deliveries).filteredOn(d -> d.node == 2).singleElement()
                .satisfies(d -> assertThat(d.at).as("read just after the overdue timers fire at wake-up")
                        .isEqualTo(3_050 * MS + 1));
    }

    /** Node 0 sends 10,000 datagrams to node 1 at start, and as many reliable messages; node 1 counts them. */
    private static int[] sendAndCount(NetworkOptions network, boolean partitioned) {
        int[] received = new int[2];
        Simulation<String> sim = new Simulation<>(2, network, 5, i -> (input, now, out) -> {
            if (input.equals("go")) {
                for (int k = 0; k < 10_000; k++) {
                    out.send(1, "datagram", Simulation.Link.DATAGRAM);
                    out.send(1, "reliable", Simulation.Link.RELIABLE);
                }
            } else {
                received[input.equals("datagram") ? 0 : 1]++;
            }
        });
        if (partitioned) {
            sim.partition(new int[]{0, 1}, 0);
        }
        sim.schedule(0, "go", 1);
        sim.run(Long.MAX_VALUE);
        return received;
    }

    @Test
    void aWakingNodeFiresItsOverdueTimersBeforeReadingItsBacklog() {
        List<String> handled = new ArrayList<>();
        Simulation<String> sim = new Simulation<>(2, NetworkOptions.lan(), 5, i -> (input, now, out) -> {
            if (i == 0 && input.equals("go")) {
                out.send(1, "message", Simulation.Link.RELIABLE);
            } else if (i == 1 && input.equals("arm")) {
                out.timer(500 * MS, "timer");
            } else if (i == 1) {
                handled.add(input + "@" + now / MS);
            }
        });
        sim.schedule(1, "arm", 0);
        sim.pause(1, 10 * MS, 2_000 * MS);
        sim.schedule(0, "go", 100 * MS);
        sim.run(Long.MAX_VALUE);
        assertThat(handled).containsExactly("timer@2010", "message@2010");
    }

    @Test
    void datagramsAreLostWithTheConfiguredProbabilityReliableMessagesAreNot() {
        int[] received = sendAndCount(NetworkOptions.lan().withLoss(0.3), false);
        assertThat(received[0]).isBetween(6_700, 7_300);
        assertThat(received[1]).isEqualTo(10_000);
        assertThat(sendAndCount(NetworkOptions.lan().withLoss(0.3), true)).containsExactly(0, 0);
    }

    @Test
    void badOptionsAreRefused() {
        assertThatThrownBy(() -> NetworkOptions.lan().withLoss(1.0)).hasMessageContaining("loss");
        assertThatThrownBy(() -> NetworkOptions.lan().withLatency(Duration.ofMillis(5), Duration.ofMillis(1)))
                .hasMessageContaining("latency");
        Simulation<PlumtreeInput> sim = fullMesh(2, NetworkOptions.lan());
        assertThatThrownBy(() -> sim.partition(new int[]{0}, 0)).hasMessageContaining("2 nodes");
    }
}

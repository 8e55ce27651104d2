package io.plumtree.engine.sim;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.membership.Swim;
import io.plumtree.engine.membership.SwimConfig;
import io.plumtree.engine.node.NodeCore;
import io.plumtree.engine.node.NodeInput;

import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A simulated cluster of whole nodes (membership and broadcast), named {@code n0, n1, ...} at addresses
 * {@code n0:7946, ...}. Node 0 is the seed everyone joins through.
 */
final class SimCluster {

    /** Port in the simulated addresses; only for realism, the simulator routes by the whole address. */
    static final int PORT = 7946;

    final Simulation<NodeInput> sim;
    final NodeId[] names;
    final String[] addresses;
    final HashMap<NodeId, Integer> indexOfName;
    private final ClusterSimNode[] nodes;

    SimCluster(int n, NetworkOptions network, SwimConfig swim, PlumtreeConfig plumtree, SplittableRandom random,
               ClusterObserver observer) {
        names = new NodeId[n];
        addresses = new String[n];
        indexOfName = new HashMap<>(n * 2);
        HashMap<String, Integer> indexOfAddress = new HashMap<>(n * 2);
        SplittableRandom[] coreRandoms = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            names[i] = NodeId.of("n" + i);
            addresses[i] = "n" + i + ":" + PORT;
            indexOfName.put(names[i], i);
            indexOfAddress.put(addresses[i], i);
            coreRandoms[i] = random.split();
        }
        nodes = new ClusterSimNode[n];
        sim = new Simulation<>(n, network, random.nextLong(), i -> {
            SplittableRandom r = coreRandoms[i];
            NodeCore core = new NodeCore(new Swim(names[i], addresses[i], new byte[0], swim, r.split()),
                    new Plumtree(names[i], plumtree, r.split()));
            nodes[i] = new ClusterSimNode(i, addresses[i], core, indexOfAddress, observer);
            return nodes[i];
        });
    }

    int size() {
        return names.length;
    }

    NodeCore core(int i) {
        return nodes[i].core();
    }

    /**
     * Crashes node {@code node} at {@code atNanos} as a process dies on a live host: the host closes its sockets, so
     * every node that held a stream open with it (traffic within {@link ClusterSimNode#IDLE_NANOS}) reads the end of
     * it one link latency later ({@link NodeInput.StreamLost}). Connects to it afterwards are not modelled (a real
     * host refuses them, another hint), so the simulator gives that hint less often than a real cluster.
     */
    void crash(int node, long atNanos) {
        sim.crash(node, atNanos);
        sim.at(atNanos, () -> {
            for (int i = 0; i < size(); i++) {
                if (i != node && !sim.isCrashed(i) && nodes[i].streamOpenWith(node, atNanos)) {
                    sim.schedule(i, new NodeInput.StreamLost(addresses[node]), atNanos + sim.latency(node, i));
                }
            }
        });
    }

    /** Starts node 0 at time 0, and every other node at a random time in {@code [0, spreadNanos)}, joining node 0. */
    void startAndJoin(SplittableRandom random, long spreadNanos) {
        sim.schedule(0, new NodeInput.Start(), 0);
        for (int i = 1; i < size(); i++) {
            long at = spreadNanos > 0 ? random.nextLong(spreadNanos) : 0;
            sim.schedule(i, new NodeInput.Start(), at);
            sim.schedule(i, new NodeInput.Join(List.of(addresses[0])), at);
        }
    }

    /** The nodes other than the seed (node 0), in a random order: who crashes, who is slow, who sends. */
    static int[] shuffledNonSeeds(int n, SplittableRandom random) {
        int[] order = new int[n - 1];
        for (int i = 0; i < n - 1; i++) {
            order[i] = i + 1;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Every node's index by name, as the nodes are named. */
    static HashMap<NodeId, Integer> indexOfNames(int n) {
        HashMap<NodeId, Integer> names = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            names.put(NodeId.of("n" + i), i);
        }
        return names;
    }

    /** The presets of a scenario, with Lifeguard on or off and the {@code --set} overrides applied. */
    static ConfigOverrides.Both configs(String preset, boolean lifeguard, String overrides) {
        return ConfigOverrides.apply(PlumtreeConfig.preset(preset),
                swimPreset(preset).toBuilder().lifeguard(lifeguard).build(), overrides);
    }

    /** The membership preset of a scenario preset name ({@code largeCluster} uses the LAN timings). */
    static SwimConfig swimPreset(String name) {
        return SwimConfig.preset(name.equals("largeCluster") || name.equals("large-cluster") ? "lan" : name);
    }
}

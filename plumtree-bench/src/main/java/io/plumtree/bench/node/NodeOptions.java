package io.plumtree.bench.node;

import java.util.Arrays;
import java.util.List;

/**
 * The command line of a node JVM, set by the coordinator.
 *
 * @param impl     {@code plumtree}, {@code jgroups} or {@code raw}
 * @param index    this node's index; 0 publishes (and is the seed, the root, the first member)
 * @param nodes    node count
 * @param ports    every node's port on 127.0.0.1, by index (JGroups needs them all up front for TCPPING)
 * @param capacity messages the delivery recorder is sized for
 * @param scenario the coordinator's scenario, which may tune the node ({@code partition}, {@code loss}, {@code soak})
 * @param slowListenerMs milliseconds this node's listener sleeps per delivery (a slow listener); 0 for none
 * @param backlog  plumtree's {@code maxDeliveryBacklog} for this node; 0 for the engine's default
 * @param set      plumtree's Plumtree settings over the {@code lan} preset, {@code name=value,...}; empty for none
 */
public record NodeOptions(String impl, int index, int nodes, List<Integer> ports, int capacity, String scenario,
                          int slowListenerMs, int backlog, String set) {

    /** This node's port. */
    public int port() {
        return ports.get(index);
    }

    /**
     * Parses {@code --impl X --index I --nodes N --ports P0,P1,... --capacity C [--scenario S]
     * [--slow-listener-ms M] [--backlog B] [--set NAME=V,...]}.
     */
    public static NodeOptions parse(String... args) {
        String impl = null;
        int index = -1;
        int nodes = -1;
        List<Integer> ports = List.of();
        int capacity = 1 << 20;
        String scenario = "broadcast";
        int slowListenerMs = 0;
        int backlog = 0;
        String set = "";
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--impl" -> impl = v;
                case "--index" -> index = Integer.parseInt(v);
                case "--nodes" -> nodes = Integer.parseInt(v);
                case "--ports" -> ports = Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
                case "--capacity" -> capacity = Integer.parseInt(v);
                case "--scenario" -> scenario = v;
                case "--slow-listener-ms" -> slowListenerMs = Integer.parseInt(v);
                case "--backlog" -> backlog = Integer.parseInt(v);
                case "--set" -> set = v;
                default -> throw new IllegalArgumentException("unknown node option " + args[i]);
            }
        }
        if (impl == null || index < 0 || nodes < 2 || ports.size() != nodes || index >= nodes) {
            throw new IllegalArgumentException("node options incomplete: " + String.join(" ", args));
        }
        return new NodeOptions(impl, index, nodes, ports, capacity, scenario, slowListenerMs, backlog, set);
    }
}

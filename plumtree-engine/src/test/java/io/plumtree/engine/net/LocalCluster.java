package io.plumtree.engine.net;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.Delivery;
import io.plumtree.engine.MessageId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;

/** Real nodes on 127.0.0.1 with free ports, each recording what it delivered; closes them all. */
final class LocalCluster implements AutoCloseable {

    final List<ClusterNode> nodes = new ArrayList<>();
    /** Deliveries per node name, in delivery order. */
    final Map<String, ConcurrentLinkedQueue<Delivery>> delivered = new ConcurrentHashMap<>();

    /** A configuration for a test node named {@code name}: local preset, loopback, a free port. */
    static ClusterConfig.Builder config(String name) {
        return ClusterConfig.builder().preset("local").nodeName(name).bindHost("127.0.0.1").port(0)
                .clusterName("test").joinTimeout(Duration.ofSeconds(5)).leavePropagation(Duration.ofMillis(300));
    }

    /** Starts a node, records its deliveries. */
    ClusterNode start(ClusterConfig config) {
        ClusterNode node = ClusterNode.start(config);
        ConcurrentLinkedQueue<Delivery> log = new ConcurrentLinkedQueue<>();
        delivered.put(config.nodeName().name(), log);
        node.addDeliveryListener(log::add);
        nodes.add(node);
        return node;
    }

    /** Starts {@code n} nodes named {@code prefix0..}, the first one the seed of the others, and joins them. */
    List<ClusterNode> startJoined(String prefix, int n, UnaryOperator<ClusterConfig.Builder> tweak) throws Exception {
        List<ClusterNode> started = new ArrayList<>();
        ClusterNode seed = start(tweak.apply(config(prefix + 0)).build());
        started.add(seed);
        for (int i = 1; i < n; i++) {
            ClusterNode node = start(tweak.apply(config(prefix + i)).build());
            node.join(List.of(seed.address())).get();
            started.add(node);
        }
        return started;
    }

    /** Ids each node delivered. */
    List<MessageId> idsDeliveredBy(ClusterNode node) {
        return delivered.get(node.name().name()).stream().map(Delivery::id).toList();
    }

    @Override
    public void close() {
        for (ClusterNode node : nodes) {
            node.close();
        }
    }
}

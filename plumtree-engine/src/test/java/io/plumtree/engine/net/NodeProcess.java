package io.plumtree.engine.net;

import io.plumtree.engine.ClusterNode;

import java.util.List;

/**
 * A node in a JVM of its own, for tests that kill processes: {@code NodeProcess name seed}. Prints
 * {@code READY address} once it has joined, then runs until killed.
 */
public final class NodeProcess {

    private NodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        ClusterNode node = ClusterNode.start(LocalCluster.config(args[0]).build());
        node.join(List.of(args[1])).get();
        System.out.println("READY " + node.address());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}

package io.plumtree.bench;

import io.plumtree.bench.node.VmTimes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The node JVMs of one run: started on free ports, joined to node 0, closed together. */
final class NodeGroup implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    final List<ChildJvm> nodes = new ArrayList<>();
    final List<String> addresses = new ArrayList<>();

    /** Starts {@code args.nodes()} JVMs and waits until each is listening. */
    NodeGroup(BenchArgs args, int capacity) throws Exception {
        List<Integer> ports = FreePorts.pick(args.nodes());
        String portList = String.join(",", ports.stream().map(String::valueOf).toList());
        try {
            for (int i = 0; i < args.nodes(); i++) {
                boolean slow = args.scenario().equals("soak") && i == args.nodes() - 1;
                nodes.add(new ChildJvm(i, ChildJvm.options(args.nodeJvm()), List.of("--impl", args.impl(),
                        "--index", Integer.toString(i), "--nodes", Integer.toString(args.nodes()), "--ports", portList,
                        "--capacity", Integer.toString(capacity), "--scenario", args.scenario(),
                        "--slow-listener-ms", Integer.toString(slow ? args.slowListenerMs() : 0),
                        "--backlog", Integer.toString(args.backlog()), "--set", args.set())));
            }
            for (ChildJvm n : nodes) {
                addresses.add(n.await("READY", START_TIMEOUT));
            }
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    /**
     * Sends JOIN to node 0 (the seed, which has no one to join) and waits for it, then to all the others at once, and
     * waits for them.
     *
     * @return {@link System#nanoTime()} just before the others were sent JOIN: when their joins began
     */
    long join() {
        String all = String.join(",", addresses);
        nodes.get(0).ask("JOIN " + all, "JOINED", START_TIMEOUT);
        long othersStart = System.nanoTime();
        for (ChildJvm n : nodes.subList(1, nodes.size())) {
            n.send("JOIN " + all);
        }
        for (ChildJvm n : nodes.subList(1, nodes.size())) {
            n.await("JOINED", START_TIMEOUT);
        }
        return othersStart;
    }

    /** Waits until every node sees every node alive. */
    void awaitAllAlive(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean all = true;
            for (ChildJvm n : nodes) {
                if (Integer.parseInt(n.ask("ALIVE", "ALIVE", START_TIMEOUT)) != nodes.size()) {
                    all = false;
                }
            }
            if (all) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the nodes did not all see each other within " + timeout);
            }
            Thread.sleep(200);
        }
    }

    /** Waits until every node holds every node alive (suspects excluded); returns when that happened. */
    long awaitAllAliveStrict(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean all = true;
            for (ChildJvm n : nodes) {
                if (n.alive() && Integer.parseInt(n.ask("MEMBERS", "MEMBERS", START_TIMEOUT)) != nodes.size()) {
                    all = false;
                    break;
                }
            }
            long now = System.nanoTime();
            if (all) {
                return now;
            }
            if (now - deadline > 0) {
                throw new IllegalStateException("the nodes did not all hold each other alive within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    /** Sum of the node JVMs' CPU seconds so far. */
    double cpuSeconds() {
        double sum = 0;
        for (ChildJvm n : nodes) {
            sum += n.cpuSeconds();
        }
        return sum;
    }

    /** Every node's JIT compilation and GC time so far, by node. */
    VmTimes[] vmTimes() {
        VmTimes[] t = new VmTimes[nodes.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = VmTimes.parse(nodes.get(i).ask("VM", "VM", START_TIMEOUT));
        }
        return t;
    }

    /** Used heap after a full GC of every node, in MiB, by node. */
    double[] heapMiB() {
        for (ChildJvm n : nodes) {
            n.send("HEAP");
        }
        double[] mb = new double[nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            mb[i] = Long.parseLong(nodes.get(i).await("HEAP", START_TIMEOUT)) / 1048576.0;
        }
        return mb;
    }

    @Override
    public void close() {
        for (ChildJvm n : nodes) {
            if (n.alive()) {
                n.send("EXIT");
            }
        }
        for (ChildJvm n : nodes) {
            n.close();
        }
    }
}

package io.plumtree.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.plumtree.bench.BroadcastRun.log;
import static io.plumtree.bench.BroadcastRun.sleepUntil;

/**
 * The membership scenario (plumtree, {@code lan} preset): every node but node 0 joins node 0 at once; join time is
 * from the moment they are told to join (after node 0, which joins no one, has answered its own JOIN) until every
 * node has seen all of them alive. After a settling time, membership traffic is counted over the window. Then the
 * last node is killed with SIGKILL and removal time is until every other node has declared it failed.
 */
final class MembershipRun {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    /** Longest wait for join convergence and for removal. */
    private static final Duration PHASE_TIMEOUT = Duration.ofSeconds(120);

    private final BenchArgs args;

    MembershipRun(BenchArgs args) {
        this.args = args;
    }

    JsonLine run() throws Exception {
        try (NodeGroup group = new NodeGroup(args, 1024)) {
            int n = args.nodes();
            log("%d plumtree nodes started; %d join node 0 at once", n, n - 1);
            long seedAsked = System.nanoTime();
            long joinStart = group.join();
            log("node 0, the seed, answered its JOIN after %.3f s; the others were then told to join it",
                    (joinStart - seedAsked) / 1e9);
            log("every join call returned after %.3f s", (System.nanoTime() - joinStart) / 1e9);
            List<Long> converged = awaitEvents(group.nodes, "CONVERGED", null);
            double joinS = (max(converged) - joinStart) / 1e9;
            double joinMedianS = (median(converged) - joinStart) / 1e9;
            log("every node saw %d alive after %.3f s (median node %.3f s)", n, joinS, joinMedianS);
            log("nodes by the time they saw all alive: %s", byConvergence(group.nodes, converged, joinStart));

            sleepUntil(max(converged) + args.warmup() * 1_000_000_000L);
            Map<String, Long> before = sum(group);
            long t0 = System.nanoTime();
            log("counting membership traffic for %d s", args.seconds());
            sleepUntil(t0 + args.seconds() * 1_000_000_000L);
            Map<String, Long> after = sum(group);
            double window = (System.nanoTime() - t0) / 1e9;
            double perNode = (after.get("membership_bytes") - before.get("membership_bytes")) / window / n;
            double wirePerNode = (after.get("wire_bytes") - before.get("wire_bytes")) / window / n;
            double packetsPerNode = (after.get("packets") - before.get("packets")) / window / n;
            double framesPerNode = (after.get("frames") - before.get("frames")) / window / n;
            log("membership bytes per node per s %.1f (wire, envelopes included: %.1f)", perNode, wirePerNode);

            ChildJvm victim = group.nodes.get(n - 1);
            String victimName = "n" + (n - 1);
            long killAt = System.nanoTime();
            victim.kill();
            log("killed %s (kill -9); waiting for every other node to declare it failed", victimName);
            List<ChildJvm> survivors = group.nodes.subList(0, n - 1);
            List<Long> removed = awaitEvents(survivors, "FAILED", victimName);
            double removedAll = (max(removed) - killAt) / 1e9;
            double removedFirst = (min(removed) - killAt) / 1e9;
            log("removed everywhere after %.2f s (first after %.2f s)", removedAll, removedFirst);

            return new JsonLine().add("scenario", "membership").add("impl", "plumtree").add("nodes", n)
                    .add("preset", "lan").add("join_s", joinS, 3).add("join_median_s", joinMedianS, 3)
                    .add("bytes_per_node_per_s", perNode, 1).add("wire_bytes_per_node_per_s", wirePerNode, 1)
                    .add("packets_per_node_per_s", packetsPerNode, 2).add("frames_per_node_per_s", framesPerNode, 3)
                    .add("window_s", window, 1).add("removed_all_s", removedAll, 2)
                    .add("first_removed_s", removedFirst, 2);
        }
    }

    /** "node:seconds" for every node, earliest first. */
    private static String byConvergence(List<ChildJvm> nodes, List<Long> converged, long start) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(converged.get(a), converged.get(b)));
        StringBuilder s = new StringBuilder();
        for (int i : order) {
            s.append(s.length() == 0 ? "" : " ").append(nodes.get(i).index()).append(':')
                    .append(String.format("%.3f", (converged.get(i) - start) / 1e9));
        }
        return s.toString();
    }

    /** Counters summed over every node. */
    private static Map<String, Long> sum(NodeGroup group) {
        Map<String, Long> total = new HashMap<>();
        for (ChildJvm c : group.nodes) {
            for (String kv : c.ask("STATS", "STATS", REPLY_TIMEOUT).split(" ")) {
                String[] p = kv.split("=");
                if (p.length == 2) {
                    try {
                        total.merge(p[0], Long.parseLong(p[1]), Long::sum);
                    } catch (NumberFormatException e) {
                        // not a counter
                    }
                }
            }
        }
        return total;
    }

    /**
     * Waits until each node reported event {@code word} (about {@code subject}, when given) and returns when each
     * happened.
     */
    private static List<Long> awaitEvents(List<ChildJvm> nodes, String word, String subject)
            throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (true) {
            List<Long> times = new ArrayList<>();
            for (ChildJvm c : nodes) {
                for (String e : c.events(word)) {
                    String[] p = e.split(" ");
                    if (subject == null) {
                        times.add(Long.parseLong(p[0]));
                        break;
                    }
                    if (p[0].equals(subject)) {
                        times.add(Long.parseLong(p[1]));
                        break;
                    }
                }
            }
            if (times.size() == nodes.size()) {
                return times;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(times.size() + " of " + nodes.size() + " nodes reported " + word
                        + (subject == null ? "" : " " + subject) + " within " + PHASE_TIMEOUT);
            }
            Thread.sleep(10);
        }
    }

    private static long max(List<Long> v) {
        return v.stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    private static long min(List<Long> v) {
        return v.stream().mapToLong(Long::longValue).min().orElseThrow();
    }

    private static long median(List<Long> v) {
        long[] s = v.stream().mapToLong(Long::longValue).sorted().toArray();
        return s[(s.length - 1) / 2];
    }
}

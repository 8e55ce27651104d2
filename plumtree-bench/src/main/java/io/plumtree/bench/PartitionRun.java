package io.plumtree.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.plumtree.bench.BroadcastRun.log;
import static io.plumtree.bench.BroadcastRun.sleepUntil;

/**
 * The partition scenario (plumtree, {@code lan}): once every node holds every node alive, the nodes are cut in two
 * halves (each node's injected faults cut the other half's addresses) for {@code --seconds}; node 0 and node n/2
 * each publish {@code --per-side} broadcasts spread over the cut. Then the cut heals, and the run measures how long
 * until every node holds all n alive and until every node has delivered every broadcast, and counts duplicates.
 */
final class PartitionRun {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    /** Longest wait for the heal to complete. */
    private static final Duration HEAL_TIMEOUT = Duration.ofSeconds(120);

    private final BenchArgs args;

    PartitionRun(BenchArgs args) {
        this.args = args;
    }

    JsonLine run() throws Exception {
        int n = args.nodes();
        int half = n / 2;
        int total = 2 * args.perSide();
        try (NodeGroup group = new NodeGroup(args, total + 1024)) {
            log("%d plumtree nodes started; joining", n);
            group.join();
            group.awaitAllAliveStrict(Duration.ofSeconds(60));
            Thread.sleep(args.warmup() * 1000L);
            List<String> left = group.addresses.subList(0, half);
            List<String> right = group.addresses.subList(half, n);
            long cutAt = System.nanoTime();
            for (ChildJvm c : group.nodes) {
                c.ask("CUT " + String.join(",", c.index() < half ? right : left), "CUT", REPLY_TIMEOUT);
            }
            log("cut %d / %d for %d s; nodes 0 and %d publish %d each during the cut", half, n - half, args.seconds(),
                    half, args.perSide());
            // spread over the cut from 1 s in until 5 s before its end
            double rate = args.perSide() / Math.max(1.0, args.seconds() - 6.0);
            sleepUntil(cutAt + 1_000_000_000L);
            group.nodes.get(0).ask("BURST " + args.perSide() + " " + rate + " 0", "PUBLISHING", REPLY_TIMEOUT);
            group.nodes.get(half).ask("BURST " + args.perSide() + " " + rate + " " + args.perSide(), "PUBLISHING",
                    REPLY_TIMEOUT);
            long healAt = cutAt + args.seconds() * 1_000_000_000L;
            while (System.nanoTime() - healAt < 0) {
                sleepUntil(Math.min(healAt, System.nanoTime() + 10_000_000_000L));
                log("cut for %.0f s: %s", (System.nanoTime() - cutAt) / 1e9, progress(group));
            }
            for (ChildJvm c : group.nodes) {
                c.send("HEAL");
            }
            healAt = System.nanoTime();
            for (ChildJvm c : group.nodes) {
                c.await("HEALED", REPLY_TIMEOUT);
            }
            log("healed");
            double membershipS = -1;
            double deliveredS = -1;
            long deadline = healAt + HEAL_TIMEOUT.toNanos();
            long least = 0;
            long duplicates = 0;
            while (System.nanoTime() - deadline < 0 && (membershipS < 0 || deliveredS < 0)) {
                long now = System.nanoTime();
                if (membershipS < 0 && allAlive(group)) {
                    membershipS = (now - healAt) / 1e9;
                    log("every node holds all %d alive %.2f s after the heal", n, membershipS);
                }
                least = Long.MAX_VALUE;
                duplicates = 0;
                for (ChildJvm c : group.nodes) {
                    String[] d = c.ask("DELIVERED", "DELIVERED", REPLY_TIMEOUT).split(" ");
                    least = Math.min(least, Long.parseLong(d[0]));
                    duplicates += Long.parseLong(d[1]);
                }
                if (deliveredS < 0 && least >= total) {
                    deliveredS = (now - healAt) / 1e9;
                    log("every node has all %d broadcasts %.2f s after the heal", total, deliveredS);
                }
                Thread.sleep(50);
            }
            Thread.sleep(2_000); // late duplicates would show now
            duplicates = 0;
            least = Long.MAX_VALUE;
            for (ChildJvm c : group.nodes) {
                String[] d = c.ask("DELIVERED", "DELIVERED", REPLY_TIMEOUT).split(" ");
                least = Math.min(least, Long.parseLong(d[0]));
                duplicates += Long.parseLong(d[1]);
            }
            List<String> stats = new ArrayList<>();
            for (ChildJvm c : group.nodes) {
                String s = c.ask("STATS", "STATS", REPLY_TIMEOUT);
                stats.add(s);
                log("node %d stats: %s", c.index(), s);
            }
            long failedEvents = 0;
            for (ChildJvm c : group.nodes) {
                failedEvents += c.events("FAILED").size();
            }
            return new JsonLine().add("scenario", "partition").add("impl", "plumtree").add("nodes", n)
                    .add("preset", "lan").add("cut_s", args.seconds()).add("per_side", args.perSide())
                    .add("membership_s", membershipS, 2).add("delivered_s", deliveredS, 2)
                    .add("delivered_min", least).add("expected", total).add("duplicates", duplicates)
                    .add("failed_events", failedEvents);
        }
    }

    private static boolean allAlive(NodeGroup group) {
        for (ChildJvm c : group.nodes) {
            if (Integer.parseInt(c.ask("MEMBERS", "MEMBERS", REPLY_TIMEOUT)) != group.nodes.size()) {
                return false;
            }
        }
        return true;
    }

    private static String progress(NodeGroup group) {
        StringBuilder b = new StringBuilder("alive/delivered:");
        for (ChildJvm c : group.nodes) {
            b.append(' ').append(c.ask("MEMBERS", "MEMBERS", REPLY_TIMEOUT)).append('/')
                    .append(c.ask("DELIVERED", "DELIVERED", REPLY_TIMEOUT).split(" ")[0]);
        }
        return b.toString();
    }
}

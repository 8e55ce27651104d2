package io.plumtree.bench;

import java.time.Duration;

import static io.plumtree.bench.BroadcastRun.log;
import static io.plumtree.bench.BroadcastRun.sleepUntil;

/**
 * The loss scenario (plumtree, {@code lan}): once every node holds every node alive, every node loses {@code --loss}
 * of the datagrams and frames it sends (injected faults), and node 0 publishes at {@code --rate} for
 * {@code --seconds}. The run then allows the grace period (at least 30 s) for the last broadcasts, and reports
 * whether every node delivered every broadcast exactly once and how many members were declared failed (all are live).
 */
final class LossRun {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final BenchArgs args;

    LossRun(BenchArgs args) {
        this.args = args;
    }

    JsonLine run() throws Exception {
        int n = args.nodes();
        int capacity = (int) (args.rate() * args.seconds() * 1.1) + 1024;
        try (NodeGroup group = new NodeGroup(args, capacity)) {
            log("%d plumtree nodes started; joining", n);
            group.join();
            group.awaitAllAliveStrict(Duration.ofSeconds(60));
            Thread.sleep(args.warmup() * 1000L);
            for (ChildJvm c : group.nodes) {
                c.ask("LOSS " + args.loss(), "LOSS", REPLY_TIMEOUT);
            }
            long start = System.nanoTime();
            long end = start + args.seconds() * 1_000_000_000L;
            group.nodes.get(0).ask("PUBLISH " + args.rate() + " " + end + " " + args.payload(), "PUBLISHING",
                    REPLY_TIMEOUT);
            log("every node loses %.0f %% of what it sends; node 0 publishes %.1f/s for %d s", args.loss() * 100,
                    args.rate(), args.seconds());
            while (System.nanoTime() - end < 0) {
                sleepUntil(Math.min(end, System.nanoTime() + 15_000_000_000L));
                log("%.0f s: delivered %s; members declared failed so far %d", (System.nanoTime() - start) / 1e9,
                        delivered(group), failedEvents(group));
            }
            String[] pub = awaitPublished(group.nodes.get(0)).split(" ");
            long published = Long.parseLong(pub[0]);
            long grace = Math.max(30, args.grace());
            long deadline = System.nanoTime() + grace * 1_000_000_000L;
            long least;
            long incompleteNodes;
            long duplicates;
            double lastDeliveredS;
            while (true) {
                least = Long.MAX_VALUE;
                incompleteNodes = 0;
                duplicates = 0;
                for (ChildJvm c : group.nodes) {
                    String[] d = c.ask("DELIVERED", "DELIVERED", REPLY_TIMEOUT).split(" ");
                    long got = Long.parseLong(d[0]);
                    least = Math.min(least, got);
                    incompleteNodes += got < published ? 1 : 0;
                    duplicates += Long.parseLong(d[1]);
                }
                lastDeliveredS = (System.nanoTime() - end) / 1e9;
                if (least >= published || System.nanoTime() - deadline > 0) {
                    break;
                }
                Thread.sleep(100);
            }
            long failed = failedEvents(group);
            for (ChildJvm c : group.nodes) {
                log("node %d stats: %s", c.index(), c.ask("STATS", "STATS", REPLY_TIMEOUT));
            }
            log("published %d; the slowest node has %d (%.1f s after publishing stopped); %d members declared failed",
                    published, least, lastDeliveredS, failed);
            return new JsonLine().add("scenario", "loss").add("impl", "plumtree").add("nodes", n).add("preset", "lan")
                    .add("loss", args.loss(), 3).add("seconds", args.seconds()).add("rate", args.rate(), 1)
                    .add("published", published).add("delivered_min", least).add("incomplete_nodes", incompleteNodes)
                    .add("all_delivered_s_after_end", least >= published ? lastDeliveredS : -1, 2)
                    .add("duplicates", duplicates).add("failed_events", failed);
        }
    }

    private static String delivered(NodeGroup group) {
        StringBuilder b = new StringBuilder();
        for (ChildJvm c : group.nodes) {
            b.append(b.length() == 0 ? "" : " ").append(c.ask("DELIVERED", "DELIVERED", REPLY_TIMEOUT).split(" ")[0]);
        }
        return b.toString();
    }

    private static long failedEvents(NodeGroup group) {
        long sum = 0;
        for (ChildJvm c : group.nodes) {
            sum += c.events("FAILED").size();
        }
        return sum;
    }

    private static String awaitPublished(ChildJvm node) throws InterruptedException {
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (node.events("PUBLISHED").isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("node " + node.index() + " never reported PUBLISHED");
            }
            Thread.sleep(20);
        }
        return node.events("PUBLISHED").get(0);
    }
}

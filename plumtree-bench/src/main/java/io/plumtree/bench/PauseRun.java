package io.plumtree.bench;

import java.time.Duration;
import java.util.List;

import static io.plumtree.bench.BroadcastRun.log;

/**
 * The pause scenario (plumtree, {@code lan}): once every node holds every node alive, the last node's JVM is stopped
 * with {@code SIGSTOP} for {@code --short-pause} seconds (less than the suspicion timeout), resumed with
 * {@code SIGCONT}, and watched for 15 s: no member should be declared failed. Then it is stopped for
 * {@code --long-pause} seconds (longer than the longest suspicion timeout): every other node should declare it
 * failed; after {@code SIGCONT} it should be alive at every node again.
 */
final class PauseRun {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);
    /** How long the cluster is watched after the short pause. */
    private static final long WATCH_NANOS = 15_000_000_000L;

    private final BenchArgs args;

    PauseRun(BenchArgs args) {
        this.args = args;
    }

    JsonLine run() throws Exception {
        int n = args.nodes();
        try (NodeGroup group = new NodeGroup(args, 1024)) {
            log("%d plumtree nodes started; joining", n);
            group.join();
            group.awaitAllAliveStrict(Duration.ofSeconds(60));
            Thread.sleep(args.warmup() * 1000L);
            ChildJvm victim = group.nodes.get(n - 1);
            String name = "n" + (n - 1);
            List<ChildJvm> others = group.nodes.subList(0, n - 1);

            victim.signal("STOP");
            Thread.sleep((long) (args.shortPause() * 1000));
            victim.signal("CONT");
            log("%s stopped for %.1f s and resumed; watching for %d s", name, args.shortPause(), WATCH_NANOS / 1_000_000_000);
            Thread.sleep(WATCH_NANOS / 1_000_000);
            long shortFailed = failedEvents(group);
            boolean allAliveAfterShort = allHoldAlive(others, n);
            log("after the short pause: %d failure events, all alive everywhere: %s", shortFailed, allAliveAfterShort);

            long stopAt = System.nanoTime();
            victim.signal("STOP");
            log("%s stopped for %.1f s", name, args.longPause());
            double declaredAll = -1;
            double declaredFirst = -1;
            long contAt = stopAt + (long) (args.longPause() * 1e9);
            while (System.nanoTime() - contAt < 0) {
                long now = System.nanoTime();
                int declared = 0;
                for (ChildJvm c : others) {
                    declared += c.events("FAILED").stream().anyMatch(e -> e.startsWith(name + " ")) ? 1 : 0;
                }
                if (declared > 0 && declaredFirst < 0) {
                    declaredFirst = (now - stopAt) / 1e9;
                }
                if (declared == others.size() && declaredAll < 0) {
                    declaredAll = (now - stopAt) / 1e9;
                    log("every other node declared %s failed %.2f s after SIGSTOP (first %.2f s)", name, declaredAll,
                            declaredFirst);
                }
                Thread.sleep(20);
            }
            victim.signal("CONT");
            long resumed = System.nanoTime();
            log("%s resumed", name);
            double rejoined = -1;
            long deadline = resumed + 60_000_000_000L;
            while (System.nanoTime() - deadline < 0) {
                if (allHoldAlive(group.nodes, n)) {
                    rejoined = (System.nanoTime() - resumed) / 1e9;
                    log("%s alive at every node %.2f s after SIGCONT", name, rejoined);
                    break;
                }
                Thread.sleep(50);
            }
            for (ChildJvm c : group.nodes) {
                log("node %d stats: %s", c.index(), c.ask("STATS", "STATS", REPLY_TIMEOUT));
            }
            return new JsonLine().add("scenario", "pause").add("impl", "plumtree").add("nodes", n).add("preset", "lan")
                    .add("short_pause_s", args.shortPause(), 1).add("short_failed_events", shortFailed)
                    .add("short_all_alive_after", allAliveAfterShort ? 1 : 0)
                    .add("long_pause_s", args.longPause(), 1).add("long_declared_first_s", declaredFirst, 2)
                    .add("long_declared_all_s", declaredAll, 2).add("rejoined_all_s", rejoined, 2)
                    .add("failed_events_total", failedEvents(group));
        }
    }

    private static boolean allHoldAlive(List<ChildJvm> nodes, int n) {
        for (ChildJvm c : nodes) {
            if (Integer.parseInt(c.ask("MEMBERS", "MEMBERS", REPLY_TIMEOUT)) != n) {
                return false;
            }
        }
        return true;
    }

    private static long failedEvents(NodeGroup group) {
        long sum = 0;
        for (ChildJvm c : group.nodes) {
            sum += c.events("FAILED").size();
        }
        return sum;
    }
}

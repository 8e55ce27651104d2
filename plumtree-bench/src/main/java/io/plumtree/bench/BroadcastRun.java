package io.plumtree.bench;

import io.plumtree.bench.node.VmTimes;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The broadcast scenario: node 0 publishes for warm-up plus window; the window's deliveries, latencies, CPU and heap
 * are measured; then every node's record is joined into the figures. The soak scenario is the same with the last
 * node's listener slowed and every node dropping deliveries over its backlog bound: the figures are then over the
 * other, healthy nodes, and the slow node's backlog and drops are reported beside them.
 */
final class BroadcastRun {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final BenchArgs args;

    BroadcastRun(BenchArgs args) {
        this.args = args;
    }

    JsonLine run() throws Exception {
        // a rated run's record is allocated up front, so the heap it measures does not grow; a full-speed run's grows
        // a chunk at a time from the first message, so the JIT has seen it grow long before the window
        int capacity = args.rate() > 0 ? (int) Math.min(Integer.MAX_VALUE - 8L,
                (long) (args.rate() * (args.warmup() + args.seconds()) * 1.05) + 1024) : 0;
        try (NodeGroup group = new NodeGroup(args, capacity)) {
            log("%d %s nodes started; joining", args.nodes(), args.impl());
            long joinStart = System.nanoTime();
            group.join();
            group.awaitAllAlive(Duration.ofSeconds(60));
            double joinS = (System.nanoTime() - joinStart) / 1e9;
            log("all %d nodes see each other after %.2f s; publishing %s for %d + %d s", args.nodes(), joinS,
                    args.rate() > 0 ? "at " + args.rate() + "/s" : "at full speed", args.warmup(), args.seconds());

            ChildJvm publisher = group.nodes.get(0);
            long start = System.nanoTime();
            long windowStart = start + args.warmup() * 1_000_000_000L;
            long windowEnd = windowStart + args.seconds() * 1_000_000_000L;
            publisher.ask("PUBLISH " + args.rate() + " " + windowEnd + " " + args.payload(), "PUBLISHING",
                    REPLY_TIMEOUT);

            // Heap samples call System.gc() in every node, a pause: the warm-up one is taken before the window, and
            // inside the window only in runs of 60 s and more (heap runs), at 1 min and 1 s before the end, both while
            // publishing; shorter runs sample the end after the window.
            // A monitored node answers counter queries now and then (a metrics scrape): the bench queries every node
            // every 5 s of the warm-up too, so the query at the window's start is not a loop's first command since
            // the join. A path a loop has never taken is compiled as a trap; taking it in the window threw the loop's
            // compiled code away and left it recompiling for the next 10 s (seen in JFR, 2026-11-27).
            long warmEnd = windowStart - Math.min(2_000_000_000L, args.warmup() * 500_000_000L);
            while (System.nanoTime() - warmEnd < 0) {
                sleepUntil(Math.min(System.nanoTime() + 5_000_000_000L, warmEnd));
                statsOf(group);
            }
            double[] heapWarm = group.heapMiB();
            log("warm-up nearly done; heap after GC %s MiB", Arrays.toString(round(heapWarm)));
            sleepUntil(windowStart);
            double cpuStart = group.cpuSeconds();
            VmTimes[] vmStart = group.vmTimes();
            String[] statsStart = statsOf(group);
            boolean soak = args.scenario().equals("soak");
            ChildJvm slow = soak ? group.nodes.get(args.nodes() - 1) : null;
            long slowBacklogMax = 0;
            double[] heapMinute = null;
            double[] heapEnd = null;
            boolean longRun = args.seconds() >= 60;
            long nextHeap = longRun ? windowStart + 60_000_000_000L : Long.MAX_VALUE;
            while (System.nanoTime() - windowEnd < 0) {
                long wake = Math.min(System.nanoTime() + 5_000_000_000L, windowEnd);
                if (heapEnd == null && nextHeap != Long.MAX_VALUE) {
                    wake = Math.min(wake, nextHeap);
                }
                sleepUntil(wake);
                if (heapEnd == null && System.nanoTime() - nextHeap >= 0) {
                    if (heapMinute == null) {
                        heapMinute = group.heapMiB();
                        log("1 min into the window: heap after GC %s MiB", Arrays.toString(round(heapMinute)));
                        nextHeap = windowEnd - 1_000_000_000L;
                    } else {
                        heapEnd = group.heapMiB();
                        log("1 s before the end: heap after GC %s MiB", Arrays.toString(round(heapEnd)));
                    }
                }
                log("%s", progress(group));
                if (slow != null) {
                    long backlog = stat(slow, "delivery_backlog");
                    slowBacklogMax = Math.max(slowBacklogMax, backlog);
                    log("slow node %d: backlog %d, dropped %d", slow.index(), backlog, stat(slow, "deliveries_dropped"));
                }
            }
            double cpuWindow = group.cpuSeconds() - cpuStart;
            VmTimes[] vmEnd = group.vmTimes();
            String[] statsEnd = statsOf(group);
            if (heapEnd == null) {
                heapEnd = group.heapMiB();
                log("window done; heap after GC %s MiB", Arrays.toString(round(heapEnd)));
            }

            String[] pub = awaitEvent(publisher, "PUBLISHED").split(" ");
            long published = Long.parseLong(pub[0]);
            long failures = Long.parseLong(pub[1]);
            List<ChildJvm> measured = soak ? group.nodes.subList(0, args.nodes() - 1) : group.nodes;
            long duplicates = drain(measured, published);
            String[] stats = statsOf(group);
            for (int i = 0; i < stats.length; i++) {
                log("node %d stats: %s", i, stats[i]);
            }
            for (int i = 0; i < stats.length; i++) {
                log("node %d counters in the window: %s", i, CounterIncreases.between(statsStart[i], statsEnd[i]));
            }
            VmTimes[] vmWindow = new VmTimes[vmEnd.length];
            for (int i = 0; i < vmEnd.length; i++) {
                vmWindow[i] = vmEnd[i].since(vmStart[i]);
            }
            log("in the window, JIT compilation ms by node: %s; GC ms by node: %s",
                    Arrays.toString(Arrays.stream(vmWindow).mapToLong(VmTimes::compilationMillis).toArray()),
                    Arrays.toString(Arrays.stream(vmWindow).mapToLong(VmTimes::gcMillis).toArray()));
            double cpuTotal = group.cpuSeconds();

            Path dir = Files.createTempDirectory("plumtree-bench");
            for (ChildJvm n : group.nodes) {
                n.ask("REPORT " + dir, "REPORTED", REPLY_TIMEOUT);
            }
            List<int[]> latencies = new ArrayList<>();
            long[] publishNanos = null;
            for (int i = 0; i < args.nodes(); i++) {
                Path f = dir.resolve("node-" + i + ".bin");
                try (InputStream in = Files.newInputStream(f)) {
                    DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
                    latencies.add(readInts(d));
                    long[] p = readLongs(d);
                    if (i == 0) {
                        publishNanos = p;
                    }
                }
                Files.delete(f);
            }
            Files.delete(dir);
            LatencyTable t = LatencyTable.of(latencies.subList(0, measured.size()), publishNanos, windowStart,
                    windowEnd);
            log("median latency at each node, ms: %s", Arrays.toString(medianPerNode(latencies)));

            JsonLine json = new JsonLine().add("scenario", args.scenario()).add("impl", args.impl())
                    .add("nodes", args.nodes()).add("payload", args.payload()).add("seconds", args.seconds())
                    .add("rate", args.rate(), 1).add("warmup", args.warmup())
                    .add("delivered_per_s", t.deliveredInWindow() / (double) args.seconds(), 1)
                    .add("published_per_s", t.publishedInWindow() / (double) args.seconds(), 1);
            if (t.lastLatencyNanos().length > 0) {
                Percentiles p = new Percentiles(t.lastLatencyNanos());
                json.add("p50_ms", p.at(50) / 1e6, 3).add("p90_ms", p.at(90) / 1e6, 3)
                        .add("p99_ms", p.at(99) / 1e6, 3).add("max_ms", p.max() / 1e6, 3);
            }
            json.add("cpu_s", cpuWindow, 2).add("cpu_total_s", cpuTotal, 2)
                    .add("jit_window_s", Arrays.stream(vmWindow).mapToLong(VmTimes::compilationMillis)
                            .map(ms -> Math.max(0, ms)).sum() / 1e3, 2)
                    .add("gc_window_s", Arrays.stream(vmWindow).mapToLong(VmTimes::gcMillis).sum() / 1e3, 2)
                    .add("published", published).add("publish_failures", failures)
                    .add("incomplete", t.incomplete()).add("duplicates", duplicates)
                    .add("heap_after_warmup_mb", round(heapWarm), 1);
            if (heapMinute != null) {
                json.add("heap_1min_mb", round(heapMinute), 1);
            }
            json.add("heap_end_mb", round(heapEnd), 1);
            if (heapMinute != null) {
                double worst = 0;
                for (int i = 0; i < measured.size(); i++) {
                    worst = Math.max(worst, Math.abs(heapEnd[i] / heapMinute[i] - 1));
                }
                json.add("heap_change_max", worst, 3);
            }
            if (slow != null) {
                String[] d = slow.ask("DELIVERED", "DELIVERED", REPLY_TIMEOUT).split(" ");
                long backlogEnd = stat(slow, "delivery_backlog");
                json.add("slow_listener_ms", args.slowListenerMs()).add("backlog_bound", args.backlog() > 0
                                ? args.backlog() : io.plumtree.engine.ClusterConfig.builder().build().maxDeliveryBacklog())
                        .add("slow_delivered", Long.parseLong(d[0])).add("slow_dropped", stat(slow, "deliveries_dropped"))
                        .add("slow_backlog_max", Math.max(slowBacklogMax, backlogEnd))
                        .add("slow_backlog_end", backlogEnd)
                        .add("median_ms_per_node", medianPerNode(latencies), 1);
            }
            json.add("join_s", joinS, 2).add("node0_stats", stats[0]);
            return json;
        }
    }

    /** Every node's STATS line, by index. */
    private String[] statsOf(NodeGroup group) {
        String[] stats = new String[group.nodes.size()];
        for (ChildJvm n : group.nodes) {
            stats[n.index()] = n.ask("STATS", "STATS", REPLY_TIMEOUT);
        }
        return stats;
    }

    /** One counter of a node's STATS line, or -1. */
    private static long stat(ChildJvm node, String key) {
        for (String kv : node.ask("STATS", "STATS", REPLY_TIMEOUT).split(" ")) {
            if (kv.startsWith(key + "=")) {
                return Long.parseLong(kv.substring(key.length() + 1));
            }
        }
        return -1;
    }

    /** Waits until the nodes delivered what was published, or the grace period ends; returns duplicates seen. */
    private long drain(List<ChildJvm> nodes, long published) throws InterruptedException {
        long deadline = System.nanoTime() + args.grace() * 1_000_000_000L;
        while (true) {
            long duplicates = 0;
            long least = Long.MAX_VALUE;
            for (ChildJvm n : nodes) {
                String[] d = n.ask("DELIVERED", "DELIVERED", REPLY_TIMEOUT).split(" ");
                least = Math.min(least, Long.parseLong(d[0]));
                duplicates += Long.parseLong(d[1]);
            }
            if (least >= published || System.nanoTime() - deadline > 0) {
                if (least < published) {
                    log("after %d s of grace the slowest node has %d of %d", args.grace(), least, published);
                }
                return duplicates;
            }
            Thread.sleep(100);
        }
    }

    private static String progress(NodeGroup group) {
        StringBuilder b = new StringBuilder("delivered so far:");
        for (ChildJvm n : group.nodes) {
            b.append(' ').append(n.ask("DELIVERED", "DELIVERED", REPLY_TIMEOUT).split(" ")[0]);
        }
        return b.toString();
    }

    private static String awaitEvent(ChildJvm node, String word) throws InterruptedException {
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        while (node.events(word).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("node " + node.index() + " never reported " + word);
            }
            Thread.sleep(20);
        }
        return node.events(word).get(0);
    }

    /** Each node's median latency over what it delivered, in ms. */
    private static double[] medianPerNode(List<int[]> latencies) {
        double[] m = new double[latencies.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = LatencyTable.medianMillis(latencies.get(i));
        }
        return m;
    }

    private static int[] readInts(DataInputStream d) throws IOException {
        int[] a = new int[d.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = d.readInt();
        }
        return a;
    }

    private static long[] readLongs(DataInputStream d) throws IOException {
        long[] a = new long[d.readInt()];
        for (int i = 0; i < a.length; i++) {
            a[i] = d.readLong();
        }
        return a;
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 10) / 10.0;
        }
        return r;
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    static void log(String format, Object... values) {
        System.err.printf("plumtree-bench: " + format + "%n", values);
    }
}

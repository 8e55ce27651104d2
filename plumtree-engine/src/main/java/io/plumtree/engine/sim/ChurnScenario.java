package io.plumtree.engine.sim;

import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.broadcast.PlumtreeOutput;
import io.plumtree.engine.membership.SwimConfig;
import io.plumtree.engine.membership.SwimOutput;
import io.plumtree.engine.node.Frame;
import io.plumtree.engine.node.NodeInput;
import io.plumtree.engine.node.NodeOutput;

import java.util.BitSet;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The churn scenario: whole nodes join through node 0, broadcast a warm-up that ends at the crash, then a share of
 * them crashes at once while the survivors keep broadcasting. Reports the broadcast figures (reliability over the
 * broadcasts sent from 5 s after the crash, to the survivors) and how long the survivors' membership takes to agree.
 */
public final class ChurnScenario {

    private static final long SECOND = 1_000_000_000L;

    /** Broadcasts sent this long after the crash count for reliability. */
    private static final long GRACE_NANOS = 5 * SECOND;

    /** The run goes on this long after the last broadcast, and at least this long after the crash. */
    private static final long DRAIN_NANOS = 60 * SECOND;

    private final ChurnSettings settings;
    private final Consumer<String> progress;

    /**
     * @param settings what to run
     * @param progress receives human-readable progress lines
     */
    public ChurnScenario(ChurnSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs the scenario and measures it. */
    public ChurnResult run() {
        long wallStart = System.nanoTime();
        ChurnSettings s = settings;
        int n = s.nodes();
        SplittableRandom random = new SplittableRandom(s.seed());
        ConfigOverrides.Both configs = SimCluster.configs(s.preset(), s.lifeguard(), s.overrides());
        SwimConfig swim = configs.swim();
        PlumtreeConfig plumtree = configs.plumtree();
        int[] order = SimCluster.shuffledNonSeeds(n, random);
        long crashAt = Math.round(s.crashAtS() * SECOND);
        long interval = Math.round(1e9 / s.rate());
        int total = s.warmup() + s.broadcasts();
        long firstBroadcast = crashAt - (long) s.warmup() * interval;
        long lastBroadcast = firstBroadcast + (long) (total - 1) * interval;

        MembershipTracker tracker = new MembershipTracker(n, SimCluster.indexOfNames(n));
        BroadcastMeasure measure = new BroadcastMeasure(n, total, s.warmup(), crashAt);
        ClusterObserver observer = new ClusterObserver() {
            @Override
            public void packetSent(int from, int to, NodeOutput.SendPacket packet, long bytes, long now) {
                tracker.packetSent(from, to, packet, bytes, now);
            }

            @Override
            public void frameSent(int from, int to, NodeOutput.SendFrame frame, long bytes, long now) {
                tracker.frameSent(from, to, frame, bytes, now);
                if (frame.frame() instanceof Frame.Broadcast b) {
                    measure.sent(from, to, b.message(), now);
                }
            }

            @Override
            public void delivered(int node, PlumtreeOutput.Deliver delivery, long now) {
                measure.delivered(node, delivery, now);
            }

            @Override
            public void membershipChanged(int node, SwimOutput.MemberEvent event, long now) {
                tracker.membershipChanged(node, event, now);
            }
        };
        progress.accept("starting " + n + " nodes; " + Math.round(s.crashFraction() * n) + " crash at "
                + s.crashAtS() + " s");
        SimCluster cluster = new SimCluster(n, s.network(), swim, plumtree, random, observer);
        int crashCount = (int) Math.round(s.crashFraction() * n);
        for (int k = 0; k < crashCount; k++) {
            tracker.kill(order[k], crashAt);
            cluster.crash(order[k], crashAt);
        }
        int[] senders = new int[s.senders()];
        for (int k = 0; k < senders.length; k++) {
            senders[k] = order[order.length - 1 - k];
        }
        byte[] payload = new byte[s.payloadBytes()];
        random.nextBytes(payload);
        for (int k = 0; k < total; k++) {
            cluster.sim.schedule(senders[k % senders.length], new NodeInput.Broadcast(payload),
                    firstBroadcast + k * interval);
        }
        cluster.startAndJoin(random, Math.round(s.joinSpreadS() * SECOND));

        long end = Math.max(lastBroadcast, crashAt) + DRAIN_NANOS;
        long[] lastReport = {System.nanoTime()};
        LongConsumer report = t -> {
            long wall = System.nanoTime();
            if (wall - lastReport[0] >= 5 * SECOND) {
                lastReport[0] = wall;
                progress.accept(String.format("virtual %.1f s of %.1f, %d events, %d/%d broadcasts sent",
                        t / 1e9, end / 1e9, cluster.sim.eventsHandled(), measure.published, total));
            }
        };
        // Run in steps around the crash, reporting the survivors' awareness scores at each (progress output only).
        for (long at = crashAt - SECOND; at <= crashAt + AWARENESS_REPORT_NANOS && at < end;
             at += AWARENESS_SAMPLE_NANOS) {
            if (cluster.sim.run(at, report)) {
                break;
            }
            progress.accept(awarenessLine(cluster, at, crashAt));
        }
        cluster.sim.run(end, report);

        BitSet alive = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (!cluster.sim.isCrashed(i)) {
                alive.set(i);
            }
        }
        int firstCounted = (int) Math.min(total, s.warmup() + (GRACE_NANOS + interval - 1) / interval);
        return new ChurnResult(s, measure.figures(alive, firstCounted), measure.payloadMsgs, measure.ihaveMsgs,
                measure.graftMsgs, measure.pruneMsgs, measure.digestMsgs, crashCount, measure.duplicateDeliveries,
                tracker.joinConvergedAt < 0 ? -1 : tracker.joinConvergedAt / 1e9,
                tracker.survivorsConvergedAt < 0 ? -1 : (tracker.survivorsConvergedAt - crashAt) / 1e9,
                cluster.sim.now() / 1e9, (System.nanoTime() - wallStart) / 1e9);
    }

    /** How long after the crash the survivors' awareness scores are reported, and how often. */
    private static final long AWARENESS_REPORT_NANOS = 40 * SECOND;
    private static final long AWARENESS_SAMPLE_NANOS = 2 * SECOND;

    /** One progress line: the live nodes' Lifeguard awareness scores (what scales their probing) at time {@code t}. */
    private static String awarenessLine(SimCluster cluster, long t, long crashAt) {
        int[] counts = new int[16];
        long sum = 0;
        int live = 0;
        int max = 0;
        for (int i = 0; i < cluster.size(); i++) {
            if (cluster.sim.isCrashed(i)) {
                continue;
            }
            int a = cluster.core(i).membership().awareness();
            counts[Math.min(a, counts.length - 1)]++;
            sum += a;
            max = Math.max(max, a);
            live++;
        }
        StringBuilder b = new StringBuilder(String.format("awareness at crash %+.0f s: mean %.2f, max %d; by score",
                (t - crashAt) / 1e9, live == 0 ? 0.0 : (double) sum / live, max));
        for (int k = 0; k <= max && k < counts.length; k++) {
            b.append(' ').append(k).append(':').append(counts[k]);
        }
        return b.toString();
    }
}

package io.plumtree.engine.sim;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.broadcast.PlumtreeInput;

import java.util.BitSet;
import java.util.HashMap;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The broadcast scenario: {@code warmup + broadcasts} payloads published in turn by {@code senders} nodes at a fixed
 * rate over a static view, optionally with a share of the nodes crashing, measured for reliability, relative
 * message redundancy and last-delivery hop count as the Plumtree paper defines them (section 5.1).
 *
 * <p>Until SWIM membership feeds the cores, each node is told its peers once at the start: all of them in a random
 * order ({@code view = 0}) or a random subset. Crashed nodes are not reported down to anyone; the tree repairs itself
 * through IHAVE and GRAFT alone.
 */
public final class BroadcastScenario {

    /** Virtual time of the first broadcast: the cores are wired at time 0. */
    private static final long START_NANOS = 1_000_000_000L;

    /** Broadcasts sent this long after the crash count for reliability. */
    private static final long CRASH_GRACE_NANOS = 2_000_000_000L;

    /** The run stops this long after the last broadcast even if events remain (they cannot, but bound it). */
    private static final long DRAIN_NANOS = 300_000_000_000L;

    private final BroadcastSettings settings;
    private final PlumtreeConfig config;
    private final Consumer<String> progress;

    /**
     * @param settings what to run
     * @param progress receives human-readable progress lines (the CLI sends them to stderr)
     */
    public BroadcastScenario(BroadcastSettings settings, Consumer<String> progress) {
        this(settings, ConfigOverrides.apply(PlumtreeConfig.preset(settings.preset()), settings.overrides()), progress);
    }

    /**
     * @param settings what to run; its preset name is only reported
     * @param config   the Plumtree configuration of every node (flood mode is applied on top when asked)
     * @param progress receives human-readable progress lines
     */
    public BroadcastScenario(BroadcastSettings settings, PlumtreeConfig config, Consumer<String> progress) {
        this.settings = settings;
        this.config = config.toBuilder()
                .flood(config.flood() || settings.flood())
                .perOriginTrees(config.perOriginTrees() && !settings.sharedTree())
                .build();
        this.progress = progress;
    }

    /** Runs the scenario to the end and measures it. */
    public BroadcastResult run() {
        long wallStart = System.nanoTime();
        BroadcastSettings s = settings;
        int n = s.nodes();
        SplittableRandom random = new SplittableRandom(s.seed());
        SplittableRandom[] coreRandoms = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            coreRandoms[i] = random.split();
        }
        NodeId[] names = new NodeId[n];
        HashMap<NodeId, Integer> indexOf = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            names[i] = NodeId.of("n" + i);
            indexOf.put(names[i], i);
        }
        int total = s.warmup() + s.broadcasts();
        long interval = Math.round(1e9 / s.rate());
        long firstMeasured = START_NANOS + s.warmup() * interval;
        BroadcastMeasure measure = new BroadcastMeasure(n, total, s.warmup(), firstMeasured);
        Simulation<PlumtreeInput> sim = new Simulation<>(n, s.network(), random.nextLong(),
                i -> new PlumtreeSimNode(i, new Plumtree(names[i], config, coreRandoms[i]), indexOf,
                        measure));

        progress.accept("wiring " + n + " nodes, view " + (s.view() == 0 ? "all" : s.view()));
        wire(sim, names, random);

        int[] order = permutation(n, random);
        int[] senders = new int[s.senders()];
        System.arraycopy(order, 0, senders, 0, senders.length);
        byte[] payload = new byte[s.payloadBytes()];
        random.nextBytes(payload);
        for (int k = 0; k < total; k++) {
            sim.schedule(senders[k % senders.length], new PlumtreeInput.Broadcast(payload), START_NANOS + k * interval);
        }
        long lastBroadcast = START_NANOS + (total - 1) * interval;

        int crashCount = (int) Math.round(s.crashFraction() * n);
        long crashAt = s.crashAt() != null ? s.crashAt().toNanos() : firstMeasured;
        for (int k = 0; k < crashCount; k++) {
            sim.crash(order[n - 1 - k], crashAt);
        }
        long countFrom = crashCount > 0 ? crashAt + CRASH_GRACE_NANOS : firstMeasured;

        long progressEvery = 5_000_000_000L;
        long[] lastReport = {System.nanoTime()};
        sim.run(lastBroadcast + DRAIN_NANOS, t -> {
            long wall = System.nanoTime();
            if (wall - lastReport[0] >= progressEvery) {
                lastReport[0] = wall;
                progress.accept(String.format("virtual %.1f s, %d events, %d queued, %d/%d broadcasts sent",
                        t / 1e9, sim.eventsHandled(), sim.pending(), measure.published, total));
            }
        });

        BitSet aliveNodes = new BitSet(n);
        for (int i = 0; i < n; i++) {
            if (!sim.isCrashed(i)) {
                aliveNodes.set(i);
            }
        }
        int firstCounted = (int) Math.max(s.warmup(), Math.min(total, ceilDiv(countFrom - START_NANOS, interval)));
        BroadcastMeasure.Figures f = measure.figures(aliveNodes, firstCounted);
        return new BroadcastResult(s, f.reliability(), f.rmr(), f.ldhMax(), f.ldhMean(), f.p50LastMs(), f.p99LastMs(),
                measure.payloadMsgs, measure.ihaveMsgs, measure.graftMsgs, measure.pruneMsgs, measure.digestMsgs, crashCount, f.counted(),
                measure.duplicateDeliveries, sim.eventsHandled(), sim.now() / 1e9,
                (System.nanoTime() - wallStart) / 1e9);
    }

    private static long ceilDiv(long a, long b) {
        return a <= 0 ? 0 : (a + b - 1) / b;
    }

    /** Tells each node its peers: all others in a random order, or a random subset of the view size. */
    private void wire(Simulation<PlumtreeInput> sim, NodeId[] names, SplittableRandom random) {
        int n = sim.size();
        int view = settings.view();
        int[] peers = new int[n];
        PlumtreeInput.NeighborUp[] up = new PlumtreeInput.NeighborUp[n];
        for (int i = 0; i < n; i++) {
            peers[i] = i;
            up[i] = new PlumtreeInput.NeighborUp(names[i]);
        }
        for (int i = 0; i < n; i++) {
            int want = view == 0 ? n - 1 : view;
            // Partial Fisher-Yates over all nodes but i: the first `want` slots are a uniform random choice.
            int chosen = 0;
            for (int k = 0; chosen < want; k++) {
                int j = k + random.nextInt(n - k);
                int tmp = peers[k];
                peers[k] = peers[j];
                peers[j] = tmp;
                if (peers[k] != i) {
                    sim.inject(i, up[peers[k]]);
                    chosen++;
                }
            }
        }
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}

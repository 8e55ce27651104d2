package io.plumtree.engine.sim;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.state.Digest;
import io.plumtree.engine.state.NodeDigest;
import io.plumtree.engine.state.ReplicatedState;
import io.plumtree.engine.state.StateConfig;
import io.plumtree.engine.state.StateInput;
import io.plumtree.engine.state.StateMessage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The replicated state scenario: {@code nodes} state cores over a static, full membership (every node is told every
 * other one is up at the start, as the broadcast scenario's {@code --view all}), each writing its keys in turn at a
 * fixed rate from a random phase, measured for convergence time (write until every node holds it) and traffic.
 */
public final class StateScenario {

    private static final long SECOND = 1_000_000_000L;

    private final StateSettings settings;
    private final StateConfig config;
    private final Consumer<String> progress;

    /**
     * @param settings what to run
     * @param progress receives human-readable progress lines (the CLI sends them to stderr)
     */
    public StateScenario(StateSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.config = ConfigOverrides.apply(StateConfig.preset(settings.preset()), settings.overrides());
        this.progress = progress;
    }

    /** Runs the scenario to the end and measures it. */
    public StateResult run() {
        long wallStart = System.nanoTime();
        StateSettings s = settings;
        int n = s.nodes();
        SplittableRandom random = new SplittableRandom(s.seed());
        NodeId[] names = new NodeId[n];
        HashMap<NodeId, Integer> indexOf = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            names[i] = NodeId.of("n" + i);
            indexOf.put(names[i], i);
        }
        long writesUntil = Math.round(s.durationS() * SECOND);
        StateMeasure measure = new StateMeasure(n, Math.round(StateSettings.MEASURE_FROM_S * SECOND), writesUntil);
        StateLoopback wire = new StateLoopback();
        SplittableRandom[] coreRandoms = new SplittableRandom[n];
        for (int i = 0; i < n; i++) {
            coreRandoms[i] = random.split();
        }
        Simulation<StateInput> sim = new Simulation<>(n, s.network(), random.nextLong(),
                i -> new StateSimNode(i, new ReplicatedState(names[i], config, coreRandoms[i]), indexOf, wire,
                        measure));

        progress.accept("wiring " + n + " nodes, full view");
        StateInput.PeerUp[] up = new StateInput.PeerUp[n];
        for (int i = 0; i < n; i++) {
            up[i] = new StateInput.PeerUp(names[i]);
        }
        for (int i = 0; i < n; i++) {
            sim.inject(i, new StateInput.Subscribe(1, ""));
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sim.inject(i, up[j]);
                }
            }
            sim.inject(i, new StateInput.Start());
        }
        scheduleWrites(sim, random, writesUntil);

        long[] lastReport = {System.nanoTime()};
        long end = writesUntil + Math.round(StateSettings.DRAIN_S * SECOND);
        // One virtual second at a time, so a long run reports its progress at least every few seconds of wall time.
        long t = 0;
        while (t < writesUntil || t < end && measure.unconverged() > 0) {
            t += SECOND;
            sim.run(t, now -> { });
            report(sim, measure, t, lastReport);
        }

        double window = (writesUntil - StateSettings.MEASURE_FROM_S * SECOND) / 1e9;
        long resets = 0;
        for (int i = 0; i < n; i++) {
            resets += ((StateSimNode) sim.node(i)).core().stats().resets();
        }
        long digestBytes = fullDigestBytes(sim, names);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        return new StateResult(s, measure.quantileSeconds(0.5), measure.quantileSeconds(0.99), measure.maxSeconds(),
                measure.measuredWrites(), measure.unconverged(), measure.bytesInWindow() / window / n,
                measure.messagesInWindow() / window / n, digestBytes, resets, sim.eventsHandled(), sim.now() / 1e9,
                (System.nanoTime() - wallStart) / 1e9, heapMb);
    }

    /** Every node writes its keys in turn, {@code rate} times a second from a random phase, until the end. */
    private void scheduleWrites(Simulation<StateInput> sim, SplittableRandom random, long until) {
        StateSettings s = settings;
        long period = Math.round(SECOND / s.updatesPerNodePerS());
        long from = Math.round(StateSettings.WRITES_FROM_S * SECOND);
        String pad = "x".repeat(Math.max(0, s.valueBytes() - 8));
        String[] keys = new String[s.keysPerNode()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = "key-" + k;
        }
        for (int i = 0; i < sim.size(); i++) {
            long at = from + random.nextLong(period);
            for (int w = 0; at < until; w++, at += period) {
                String value = String.format("%08d", w) + pad;
                sim.schedule(i, new StateInput.Set(keys[w % keys.length], value.substring(0, s.valueBytes())), at);
            }
        }
    }

    private void report(Simulation<StateInput> sim, StateMeasure measure, long now, long[] lastReport) {
        long wall = System.nanoTime();
        if (wall - lastReport[0] >= 5 * SECOND) {
            lastReport[0] = wall;
            progress.accept(String.format("virtual %.1f s, %d events, %d queued, %d measured writes, %d unconverged",
                    now / 1e9, sim.eventsHandled(), sim.pending(), measure.measuredWrites(), measure.unconverged()));
        }
    }

    /** Bytes of a SYN carrying node 0's full digest: what chitchat must fit in one datagram. */
    private static long fullDigestBytes(Simulation<StateInput> sim, NodeId[] names) {
        ReplicatedState core = ((StateSimNode) sim.node(0)).core();
        List<NodeDigest> entries = new ArrayList<>(names.length);
        for (NodeId name : names) {
            if (core.holds(name)) {
                entries.add(new NodeDigest(name, core.maxVersion(name), 0));
            }
        }
        return new StateMessage.Syn(new Digest(entries)).encodedSize();
    }
}

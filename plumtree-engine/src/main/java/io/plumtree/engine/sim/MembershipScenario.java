package io.plumtree.engine.sim;

import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.membership.SwimConfig;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The membership scenario: all nodes start within {@code joinSpread} seconds and join through node 0; the 10 s before
 * the kill are the steady-state traffic window; then {@code kill} nodes crash at once. Optionally a share of the
 * nodes is slow (pauses of 2 to 5 s every 5 to 20 s) and datagrams are lost. Measures join convergence, detection
 * times and false positives (SWIM, Das et al. 2002; Lifeguard, Dadgar et al. 2017, section 5).
 */
public final class MembershipScenario {

    private static final long SECOND = 1_000_000_000L;

    /** Length of the steady-state traffic window before the kill. */
    private static final long WINDOW_NANOS = 10 * SECOND;

    private final MembershipSettings settings;
    private final Consumer<String> progress;

    /**
     * @param settings what to run
     * @param progress receives human-readable progress lines
     */
    public MembershipScenario(MembershipSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /** Runs the scenario and measures it. */
    public MembershipResult run() {
        long wallStart = System.nanoTime();
        MembershipSettings s = settings;
        int n = s.nodes();
        SplittableRandom random = new SplittableRandom(s.seed());
        ConfigOverrides.Both configs = SimCluster.configs(s.preset(), s.lifeguard(), s.overrides());
        SwimConfig swim = configs.swim();
        PlumtreeConfig plumtree = configs.plumtree();
        int[] order = SimCluster.shuffledNonSeeds(n, random);
        long killAt = Math.round(s.killAtS() * SECOND);
        long end = Math.round(s.durationS() * SECOND);
        MembershipTracker tracker = new MembershipTracker(n, SimCluster.indexOfNames(n));
        tracker.windowStart = killAt - WINDOW_NANOS;
        tracker.windowEnd = killAt;
        progress.accept("starting " + n + " nodes, lifeguard " + (s.lifeguard() ? "on" : "off"));
        SimCluster cluster = new SimCluster(n, s.network(), swim, plumtree, random, tracker);
        for (int k = 0; k < s.kill(); k++) {
            tracker.kill(order[k], killAt);
            cluster.crash(order[k], killAt);
        }
        int slowCount = (int) Math.round(s.slowFraction() * n);
        for (int k = 0; k < slowCount; k++) {
            int node = order[order.length - 1 - k];
            tracker.slow.set(node);
            long t = Math.round((5 + random.nextDouble() * 10) * SECOND);
            while (t < end) {
                long pause = Math.round((2 + random.nextDouble() * 3) * SECOND);
                cluster.sim.pause(node, t, pause);
                t += pause + Math.round((5 + random.nextDouble() * 15) * SECOND);
            }
        }
        cluster.startAndJoin(random, Math.round(s.joinSpreadS() * SECOND));

        long[] lastReport = {System.nanoTime()};
        cluster.sim.run(end, t -> {
            long wall = System.nanoTime();
            if (wall - lastReport[0] >= 5 * SECOND) {
                lastReport[0] = wall;
                progress.accept(String.format("virtual %.1f s of %.0f, %d events, %d of %d views complete",
                        t / 1e9, s.durationS(), cluster.sim.eventsHandled(), tracker.fullViews(), n));
            }
        });
        double windowS = WINDOW_NANOS / 1e9;
        return new MembershipResult(s,
                seconds(tracker.joinConvergedAt, 0),
                s.kill() == 0 ? -1 : seconds(tracker.firstSuspectAt, killAt),
                s.kill() == 0 ? -1 : seconds(tracker.deadAllAt, killAt),
                tracker.falsePositives, tracker.falsePositivesSlow,
                tracker.windowMessages / windowS / n, tracker.windowBytes / windowS / n,
                cluster.sim.now() / 1e9, (System.nanoTime() - wallStart) / 1e9);
    }

    private static double seconds(long at, long from) {
        return at < 0 ? -1 : (at - from) / 1e9;
    }
}

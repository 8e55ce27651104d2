package io.plumtree.engine.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Command line of the simulator, run by {@code bin/plumtree-sim}. Progress goes to stderr; the last stdout line is
 * one JSON object with the results. Exit status 2 for bad flags.
 */
public final class SimulatorMain {

    private static final Set<String> BROADCAST_FLAGS = Set.of("--scenario", "--nodes", "--broadcasts", "--senders",
            "--warmup", "--rate", "--payload", "--latency-ms", "--loss", "--crash", "--crash-at", "--view",
            "--preset", "--mode", "--trees", "--set", "--seed");

    private static final Set<String> CHURN_FLAGS = Set.of("--scenario", "--nodes", "--preset", "--crash",
            "--crash-at", "--broadcasts", "--senders", "--warmup", "--rate", "--payload", "--latency-ms", "--loss",
            "--lifeguard", "--join-spread", "--set", "--seed");

    private static final Set<String> MEMBERSHIP_FLAGS = Set.of("--scenario", "--nodes", "--preset", "--duration",
            "--kill", "--kill-at", "--latency-ms", "--loss", "--slow", "--lifeguard", "--join-spread", "--set", "--seed");

    private static final Set<String> STATE_FLAGS = Set.of("--scenario", "--nodes", "--updates-per-node-per-s",
            "--keys-per-node", "--value-bytes", "--duration", "--latency-ms", "--loss", "--preset", "--set", "--seed");

    private SimulatorMain() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the command line.
     *
     * @return the exit status
     */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(usage());
            return 0;
        }
        String json;
        Consumer<String> progress = line -> err.println("plumtree-sim: " + line);
        try {
            Map<String, String> flags = parse(args);
            String scenario = flags.getOrDefault("--scenario", "broadcast");
            switch (scenario) {
                case "broadcast" -> {
                    check(flags, BROADCAST_FLAGS, scenario);
                    BroadcastSettings settings = broadcastSettings(flags);
                    err.println("plumtree-sim: scenario broadcast, seed " + settings.seed());
                    BroadcastResult r = new BroadcastScenario(settings, progress).run();
                    err.printf("plumtree-sim: done in %.1f s wall, %.1f s virtual, %d events%n", r.wallSeconds(),
                            r.simSeconds(), r.events());
                    json = r.toJson();
                }
                case "membership" -> {
                    check(flags, MEMBERSHIP_FLAGS, scenario);
                    MembershipSettings settings = membershipSettings(flags);
                    err.println("plumtree-sim: scenario membership, seed " + settings.seed());
                    MembershipResult r = new MembershipScenario(settings, progress).run();
                    err.printf("plumtree-sim: done in %.1f s wall, %.1f s virtual%n", r.wallSeconds(),
                            r.simSeconds());
                    json = r.toJson();
                }
                case "churn" -> {
                    check(flags, CHURN_FLAGS, scenario);
                    ChurnSettings settings = churnSettings(flags);
                    err.println("plumtree-sim: scenario churn, seed " + settings.seed());
                    ChurnResult r = new ChurnScenario(settings, progress).run();
                    err.printf("plumtree-sim: done in %.1f s wall, %.1f s virtual%n", r.wallSeconds(),
                            r.simSeconds());
                    json = r.toJson();
                }
                case "state" -> {
                    check(flags, STATE_FLAGS, scenario);
                    StateSettings settings = stateSettings(flags);
                    err.println("plumtree-sim: scenario state, seed " + settings.seed());
                    StateResult r = new StateScenario(settings, progress).run();
                    err.printf("plumtree-sim: done in %.1f s wall, %.1f s virtual, %d events%n", r.wallSeconds(),
                            r.simSeconds(), r.events());
                    json = r.toJson();
                }
                default -> throw new IllegalArgumentException(
                        "unknown --scenario '" + scenario + "'; available: broadcast, membership, churn, state");
            }
        } catch (IllegalArgumentException e) {
            err.println("plumtree-sim: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        out.println(json);
        out.flush();
        return 0;
    }

    private static void check(Map<String, String> flags, Set<String> allowed, String scenario) {
        for (String key : flags.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("flag " + key + " does not apply to --scenario " + scenario);
            }
        }
    }

    static String usage() {
        return """
                usage: bin/plumtree-sim --scenario broadcast [--nodes N] [--broadcasts B] [--senders S] [--warmup W]
                         [--rate PER_SECOND] [--payload BYTES] [--latency-ms MIN-MAX] [--loss P] [--crash FRACTION]
                         [--crash-at SECONDS] [--view all|K] [--preset lan|wan|local|largeCluster]
                         [--mode plumtree|flood] [--trees per-origin|shared] [--seed N]
                         [--set name=value,...]  (any PlumtreeConfig setting, e.g. optimizationThreshold=0)
                       bin/plumtree-sim --scenario membership [--nodes N] [--preset lan|wan|local] [--duration SECONDS]
                         [--kill K] [--kill-at SECONDS] [--latency-ms MIN-MAX] [--loss P] [--slow FRACTION]
                         [--lifeguard on|off] [--join-spread SECONDS] [--set name=value,...] [--seed N]
                       bin/plumtree-sim --scenario churn [--nodes N] [--preset NAME] [--crash FRACTION]
                         [--crash-at SECONDS] [--broadcasts B] [--senders S] [--warmup W] [--rate PER_SECOND]
                         [--payload BYTES] [--latency-ms MIN-MAX] [--loss P] [--lifeguard on|off]
                         [--join-spread SECONDS] [--set name=value,...] [--seed N]
                       bin/plumtree-sim --scenario state [--nodes N] [--updates-per-node-per-s R] [--keys-per-node K]
                         [--value-bytes B] [--duration SECONDS] [--latency-ms MIN-MAX] [--loss P]
                         [--preset lan|wan|local] [--set name=value,...] [--seed N]
                       --set takes any PlumtreeConfig or (membership, churn) SwimConfig setting, e.g. joinSyncDelay=0,
                         or (state) StateConfig setting, e.g. fanout=2""";
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String key;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                key = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (a.startsWith("--") && i + 1 < args.length) {
                key = a;
                value = args[++i];
            } else {
                throw new IllegalArgumentException("expected --flag value, got '" + a + "'");
            }
            if (!BROADCAST_FLAGS.contains(key) && !MEMBERSHIP_FLAGS.contains(key) && !CHURN_FLAGS.contains(key)
                    && !STATE_FLAGS.contains(key)) {
                throw new IllegalArgumentException("unknown flag " + key);
            }
            flags.put(key, value);
        }
        return flags;
    }

    static MembershipSettings membershipSettings(Map<String, String> f) {
        MembershipSettings d = MembershipSettings.defaults();
        String preset = clusterPreset(f, d.preset());
        return new MembershipSettings(
                intFlag(f, "--nodes", d.nodes()),
                preset,
                doubleFlag(f, "--duration", d.durationS()),
                intFlag(f, "--kill", d.kill()),
                doubleFlag(f, "--kill-at", d.killAtS()),
                network(f, d.network()),
                doubleFlag(f, "--slow", d.slowFraction()),
                lifeguard(f),
                doubleFlag(f, "--join-spread", d.joinSpreadS()),
                overrides(f, preset),
                f.containsKey("--seed") ? parseLong("--seed", f.get("--seed")) : d.seed());
    }

    static StateSettings stateSettings(Map<String, String> f) {
        StateSettings d = StateSettings.defaults();
        String preset = f.getOrDefault("--preset", d.preset());
        String overrides = f.getOrDefault("--set", "");
        ConfigOverrides.apply(io.plumtree.engine.state.StateConfig.preset(preset), overrides);
        return new StateSettings(
                intFlag(f, "--nodes", d.nodes()),
                doubleFlag(f, "--updates-per-node-per-s", d.updatesPerNodePerS()),
                intFlag(f, "--keys-per-node", d.keysPerNode()),
                intFlag(f, "--value-bytes", d.valueBytes()),
                doubleFlag(f, "--duration", d.durationS()),
                network(f, d.network()),
                preset,
                overrides,
                f.containsKey("--seed") ? parseLong("--seed", f.get("--seed")) : d.seed());
    }

    /** The --preset of a whole-node scenario, checked against both protocols' presets. */
    private static String clusterPreset(Map<String, String> f, String fallback) {
        String preset = f.getOrDefault("--preset", fallback);
        SimCluster.swimPreset(preset);
        io.plumtree.engine.broadcast.PlumtreeConfig.preset(preset);
        return preset;
    }

    private static boolean lifeguard(Map<String, String> f) {
        String lifeguard = f.getOrDefault("--lifeguard", "on");
        if (!lifeguard.equals("on") && !lifeguard.equals("off")) {
            throw new IllegalArgumentException("--lifeguard must be on or off, got '" + lifeguard + "'");
        }
        return lifeguard.equals("on");
    }

    /** The --set value, checked against the presets so a bad one fails before the run. */
    private static String overrides(Map<String, String> f, String preset) {
        String spec = f.getOrDefault("--set", "");
        ConfigOverrides.apply(io.plumtree.engine.broadcast.PlumtreeConfig.preset(preset),
                SimCluster.swimPreset(preset), spec);
        return spec;
    }

    static ChurnSettings churnSettings(Map<String, String> f) {
        ChurnSettings d = ChurnSettings.defaults();
        String preset = clusterPreset(f, d.preset());
        return new ChurnSettings(
                intFlag(f, "--nodes", d.nodes()),
                preset,
                doubleFlag(f, "--crash", d.crashFraction()),
                doubleFlag(f, "--crash-at", d.crashAtS()),
                intFlag(f, "--broadcasts", d.broadcasts()),
                intFlag(f, "--senders", d.senders()),
                intFlag(f, "--warmup", d.warmup()),
                doubleFlag(f, "--rate", d.rate()),
                intFlag(f, "--payload", d.payloadBytes()),
                network(f, d.network()),
                lifeguard(f),
                doubleFlag(f, "--join-spread", d.joinSpreadS()),
                overrides(f, preset),
                f.containsKey("--seed") ? parseLong("--seed", f.get("--seed")) : d.seed());
    }

    private static NetworkOptions network(Map<String, String> f, NetworkOptions network) {
        if (f.containsKey("--latency-ms")) {
            String[] range = f.get("--latency-ms").split("-", 2);
            long min = parseLong("--latency-ms", range[0]);
            long max = range.length > 1 ? parseLong("--latency-ms", range[1]) : min;
            network = network.withLatency(Duration.ofMillis(min), Duration.ofMillis(max));
        }
        if (f.containsKey("--loss")) {
            network = network.withLoss(parseDouble("--loss", f.get("--loss")));
        }
        return network;
    }

    private static double doubleFlag(Map<String, String> f, String name, double fallback) {
        return f.containsKey(name) ? parseDouble(name, f.get(name)) : fallback;
    }

    static BroadcastSettings broadcastSettings(Map<String, String> f) {
        BroadcastSettings d = BroadcastSettings.defaults();
        NetworkOptions network = network(f, d.network());
        String view = f.getOrDefault("--view", "all");
        String mode = f.getOrDefault("--mode", "plumtree");
        if (!mode.equals("plumtree") && !mode.equals("flood")) {
            throw new IllegalArgumentException("--mode must be plumtree or flood, got '" + mode + "'");
        }
        String trees = f.getOrDefault("--trees", "per-origin");
        if (!trees.equals("per-origin") && !trees.equals("shared")) {
            throw new IllegalArgumentException("--trees must be per-origin or shared, got '" + trees + "'");
        }
        String preset = f.getOrDefault("--preset", d.preset());
        String overrides = f.getOrDefault("--set", "");
        ConfigOverrides.apply(io.plumtree.engine.broadcast.PlumtreeConfig.preset(preset), overrides);
        return new BroadcastSettings(
                intFlag(f, "--nodes", d.nodes()),
                intFlag(f, "--broadcasts", d.broadcasts()),
                intFlag(f, "--senders", d.senders()),
                intFlag(f, "--warmup", d.warmup()),
                f.containsKey("--rate") ? parseDouble("--rate", f.get("--rate")) : d.rate(),
                intFlag(f, "--payload", d.payloadBytes()),
                network,
                f.containsKey("--crash") ? parseDouble("--crash", f.get("--crash")) : 0,
                f.containsKey("--crash-at")
                        ? Duration.ofMillis(Math.round(parseDouble("--crash-at", f.get("--crash-at")) * 1000))
                        : null,
                view.equals("all") ? 0 : (int) parseLong("--view", view),
                preset,
                mode.equals("flood"),
                trees.equals("shared"),
                overrides,
                f.containsKey("--seed") ? parseLong("--seed", f.get("--seed")) : d.seed());
    }

    private static int intFlag(Map<String, String> f, String name, int fallback) {
        if (!f.containsKey(name)) {
            return fallback;
        }
        long v = parseLong(name, f.get(name));
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new IllegalArgumentException(name + " is out of range: " + v);
        }
        return (int) v;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects an integer, got '" + value + "'");
        }
    }

    private static double parseDouble(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " expects a number, got '" + value + "'");
        }
    }
}

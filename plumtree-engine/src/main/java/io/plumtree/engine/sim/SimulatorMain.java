package io.plumtree.engine.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command line of the simulator, run by {@code bin/plumtree-sim}. Progress goes to stderr; the last stdout line is
 * one JSON object with the results. Exit status 2 for bad flags.
 */
public final class SimulatorMain {

    private static final Set<String> BROADCAST_FLAGS = Set.of("--scenario", "--nodes", "--broadcasts", "--senders",
            "--warmup", "--rate", "--payload", "--latency-ms", "--loss", "--crash", "--crash-at", "--view",
            "--preset", "--mode", "--trees", "--set", "--seed");

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
        Map<String, String> flags;
        BroadcastSettings settings;
        try {
            flags = parse(args);
            String scenario = flags.getOrDefault("--scenario", "broadcast");
            if (!scenario.equals("broadcast")) {
                throw new IllegalArgumentException("unknown --scenario '" + scenario + "'; available: broadcast");
            }
            settings = broadcastSettings(flags);
        } catch (IllegalArgumentException e) {
            err.println("plumtree-sim: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        err.println("plumtree-sim: scenario broadcast, seed " + settings.seed());
        BroadcastResult result = new BroadcastScenario(settings, line -> err.println("plumtree-sim: " + line)).run();
        err.printf("plumtree-sim: done in %.1f s wall, %.1f s virtual, %d events%n", result.wallSeconds(),
                result.simSeconds(), result.events());
        out.println(result.toJson());
        out.flush();
        return 0;
    }

    static String usage() {
        return """
                usage: bin/plumtree-sim --scenario broadcast [--nodes N] [--broadcasts B] [--senders S] [--warmup W]
                         [--rate PER_SECOND] [--payload BYTES] [--latency-ms MIN-MAX] [--loss P] [--crash FRACTION]
                         [--crash-at SECONDS] [--view all|K] [--preset lan|wan|local|largeCluster]
                         [--mode plumtree|flood] [--trees per-origin|shared] [--seed N]
                         [--set name=value,...]  (any PlumtreeConfig setting, e.g. optimizationThreshold=0)""";
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
            if (!BROADCAST_FLAGS.contains(key)) {
                throw new IllegalArgumentException("unknown flag " + key);
            }
            flags.put(key, value);
        }
        return flags;
    }

    static BroadcastSettings broadcastSettings(Map<String, String> f) {
        BroadcastSettings d = BroadcastSettings.defaults();
        NetworkOptions network = d.network();
        if (f.containsKey("--latency-ms")) {
            String[] range = f.get("--latency-ms").split("-", 2);
            long min = parseLong("--latency-ms", range[0]);
            long max = range.length > 1 ? parseLong("--latency-ms", range[1]) : min;
            network = network.withLatency(Duration.ofMillis(min), Duration.ofMillis(max));
        }
        if (f.containsKey("--loss")) {
            network = network.withLoss(parseDouble("--loss", f.get("--loss")));
        }
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

package io.plumtree.bench;

import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.sim.ConfigOverrides;

import java.util.List;
import java.util.Locale;

/**
 * The command line of {@code bin/plumtree-bench}.
 *
 * @param scenario  {@code broadcast} (throughput and latency) or {@code membership} (join, steady traffic, removal)
 * @param impl      {@code plumtree}, {@code jgroups} or {@code raw}
 * @param nodes     node JVMs to start
 * @param payload   bytes per broadcast (at least {@value Payload#HEADER_BYTES}: sequence and publish time)
 * @param seconds   broadcast: the measured window; membership: the steady-traffic window
 * @param rate      broadcasts per second from the publisher; 0 for full speed (it waits whenever the
 *                  implementation pushes back)
 * @param warmup    broadcast: seconds of publishing before the window; membership: seconds to let the join settle
 *                  before the traffic window
 * @param grace     seconds allowed, after publishing stops, for the last messages to reach every node
 * @param nodeJvm   options of each node JVM, space separated
 * @param loss      loss scenario: fraction of every node's datagrams and frames lost
 * @param slowListenerMs soak scenario: milliseconds the last node's listener sleeps per delivery
 * @param backlog   soak scenario: every node's {@code maxDeliveryBacklog}; 0 for the engine's default
 * @param perSide   partition scenario: broadcasts published on each side during the cut
 * @param shortPause pause scenario: seconds of the pause shorter than the suspicion timeout
 * @param longPause pause scenario: seconds of the pause longer than it
 * @param set       plumtree nodes: Plumtree settings over the {@code lan} preset, {@code name=value,...}; empty for none
 */
public record BenchArgs(String scenario, String impl, int nodes, int payload, int seconds, double rate, int warmup,
                        int grace, String nodeJvm, double loss, int slowListenerMs, int backlog, int perSide,
                        double shortPause, double longPause, String set) {

    /**
     * Seconds of publishing before a broadcast window by default: after 5 s the C2 compiler was still the largest user
     * of CPU in every node during the 20 s window (docs/benchmarks.md), so the window measured compilation as much as
     * the implementation; after 30 s, with ten node JVMs at full speed on two cores, the nodes still spent 9–15 s
     * compiling inside a 20 s window ({@code jit_window_s}, plumtree and JGroups alike); after 60 s plumtree's nodes
     * spent 2–7 s (docs/benchmarks.md, twelfth sitting).
     */
    public static final int BROADCAST_WARMUP_S = 60;

    /**
     * Seconds a rated run goes on warming up after its nodes' message logs first fill: the first time a log forgets
     * its oldest entry ({@code seenMaxEntries} deliveries after the start, 65.5 s at 1,000/s with {@code lan}), C2 throws
     * away every node's compiled receive path at once and compiles it again. With the window at 60–80 s, two runs at
     * 1,000/s spent 13.5 and 17.0 s compiling in it and their p99 was 7.9 and 8.7 ms; with 90 s, 2.6 and 2.9 s and
     * 2.0 and 2.5 ms (docs/benchmarks.md, thirteenth sitting).
     */
    public static final int AFTER_FIRST_EVICTION_S = 25;
    /** Longest default warm-up a low rate stretches to (a run at 1,000/s warms up 91 s). */
    public static final int MAX_BROADCAST_WARMUP_S = 180;

    /** What {@code --help} prints. */
    public static final String HELP = """
            bin/plumtree-bench: one JVM per node on 127.0.0.1; progress on stderr; the last stdout line is one JSON object.

              --scenario broadcast|membership|partition|loss|pause|soak   [broadcast]
              --impl plumtree|jgroups|raw       [plumtree]  (membership: plumtree only)
              --nodes N                         [3]         node JVMs
              --payload BYTES                   [1024]      broadcast size (>= 16: sequence and publish time)
              --seconds S                       [20]        broadcast: measured window; membership: traffic window
                                                            (membership default 60)
              --rate R                          [0]         broadcasts/s from node 0; 0 = full speed with
                                                            back-pressure (plumtree: broadcastTimeout; jgroups:
                                                            blocking send; raw: a bounded queue)
              --warmup S                        [60]        broadcast: publishing before the window (long
                                                            enough for the JIT compilers to finish, in every
                                                            implementation; a rated run also until 25 s after
                                                            the message log first fills: 91 s at 1,000/s, at
                                                            most 180); other scenarios: settling after join
                                                            (membership 20, the rest 5)
              --grace S                         [10]        after publishing stops, time for the last messages
              --node-jvm "OPTS"                 [-Xmx1g -XX:+UseParallelGC]  options of every node JVM;
                                                            {index} becomes the node's index, e.g. to profile:
                                                            "-Xmx1g -XX:StartFlightRecording=filename=/tmp/n{index}.jfr"
              --set "NAME=V,..."                []          plumtree nodes: Plumtree settings over the lan preset,
                                                            e.g. "maxEagerPeers=3" or "maxInFlight=0" (no window)
              --loss P                          [0.2]       loss: fraction of every node's datagrams and frames lost
              --per-side N                      [100]       partition: broadcasts published on each side in the cut
              --short-pause S                   [2]         pause: a SIGSTOP shorter than the suspicion timeout
              --long-pause S                    [30]        pause: one longer than it (lan, n = 10: 4-24 s)
              --slow-listener-ms M              [1]         soak: the last node's listener sleeps M ms per delivery
              --backlog N                       [0]         soak: maxDeliveryBacklog of every node (0: engine default,
                                                            100,000); soak nodes drop what overflows it (counted)
              --help

            partition (plumtree, lan, nodes cut in halves for --seconds, default 60, by injected faults; node 0 and
              node n/2 each publish --per-side broadcasts spread over the cut; caches outlive the cut): keys
              membership_s (heal until every node holds all n alive), delivered_s (heal until every node has every
              broadcast), delivered_min, duplicates, failed_events.
            loss (plumtree, lan, every node loses --loss of what it sends for --seconds, default 300; node 0
              publishes at --rate, default 20): keys published, delivered_min, incomplete_nodes, duplicates,
              failed_events (members declared failed, all of them live).
            pause (plumtree, lan): SIGSTOP of the last node for --short-pause s, then for --long-pause s: keys
              short_failed_events (0 expected), long_declared_all_s (stop until every other node declared it
              failed), rejoined_all_s (SIGCONT until every other node holds it alive again).
            soak: the broadcast scenario with every node dropping deliveries over --backlog (DeliveryOverflow.DROP)
              and the last node's listener slowed by --slow-listener-ms; latency, incomplete and heap figures are
              over the other (healthy) nodes; keys add slow_delivered, slow_dropped, slow_backlog_end,
              slow_backlog_max, healthy_delivered_per_s, healthy_median_ms per node.

            broadcast keys: delivered_per_s (messages whose last node got them inside the window, per second),
              p50_ms/p90_ms/p99_ms/max_ms (publish to delivery at the last node, messages published in the window),
              incomplete (published in the window, missing at some node at the end), duplicates, published,
              cpu_s (CPU of all node JVMs inside the window), cpu_total_s, heap_*_mb (per node: used heap after
              System.gc() after the warm-up, 60 s into the window when it is that long, and at the end).
            membership keys: join_s (first join request until every node sees all alive), bytes_per_node_per_s
              (membership message bytes, envelopes excluded, push-pull included), wire_bytes_per_node_per_s
              (datagram and frame bytes, envelopes included), removed_all_s (kill -9 of the last node until every
              other node has it failed), first_removed_s.
            """;

    /** Default options of node JVMs. */
    public static final String DEFAULT_NODE_JVM = "-Xmx1g -XX:+UseParallelGC";

    /** Validates the values. */
    public BenchArgs {
        if (!List.of("broadcast", "membership", "partition", "loss", "pause", "soak").contains(scenario)) {
            throw new IllegalArgumentException("--scenario must be broadcast, membership, partition, loss, pause or "
                    + "soak, got " + scenario);
        }
        if (!List.of("broadcast", "soak").contains(scenario) && !impl.equals("plumtree")) {
            throw new IllegalArgumentException("--scenario " + scenario + " runs plumtree only");
        }
        if (!(loss >= 0 && loss < 1) || slowListenerMs < 0 || backlog < 0 || perSide < 1 || shortPause <= 0
                || longPause <= 0) {
            throw new IllegalArgumentException("--loss must be in [0, 1), --slow-listener-ms and --backlog not "
                    + "negative, --per-side and the pauses positive");
        }
        if (!List.of("plumtree", "jgroups", "raw").contains(impl)) {
            throw new IllegalArgumentException("--impl must be plumtree, jgroups or raw, got " + impl);
        }
        if (nodes < 2) {
            throw new IllegalArgumentException("--nodes must be at least 2, got " + nodes);
        }
        if (payload < Payload.HEADER_BYTES) {
            throw new IllegalArgumentException("--payload must be at least " + Payload.HEADER_BYTES + ", got "
                    + payload);
        }
        if (seconds < 1 || warmup < 0 || grace < 0) {
            throw new IllegalArgumentException("--seconds must be positive, --warmup and --grace not negative");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("--rate must not be negative, got " + rate);
        }
        if (!set.isEmpty() && !impl.equals("plumtree")) {
            throw new IllegalArgumentException("--set applies to plumtree nodes only");
        }
        ConfigOverrides.apply(PlumtreeConfig.lan(), set); // a bad name or value fails here, not in ten node JVMs
    }

    /**
     * Parses {@code args}.
     *
     * @return the arguments, or null when {@code --help} was asked for
     * @throws IllegalArgumentException naming the bad flag or value
     */
    public static BenchArgs parse(String... args) {
        String scenario = "broadcast";
        String impl = "plumtree";
        int nodes = 3;
        int payload = 1024;
        Integer seconds = null;
        double rate = 0;
        Integer warmup = null;
        int grace = 10;
        String nodeJvm = DEFAULT_NODE_JVM;
        double loss = 0.2;
        int slowListenerMs = 1;
        int backlog = 0;
        int perSide = 100;
        double shortPause = 2;
        double longPause = 30;
        Double rateGiven = null;
        String set = "";
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String v = args[++i];
            switch (flag) {
                case "--scenario" -> scenario = v.toLowerCase(Locale.ROOT);
                case "--impl" -> impl = v.toLowerCase(Locale.ROOT);
                case "--nodes" -> nodes = integer(flag, v);
                case "--payload" -> payload = integer(flag, v);
                case "--seconds" -> seconds = integer(flag, v);
                case "--rate" -> rateGiven = number(flag, v);
                case "--loss" -> loss = number(flag, v);
                case "--slow-listener-ms" -> slowListenerMs = integer(flag, v);
                case "--backlog" -> backlog = integer(flag, v);
                case "--per-side" -> perSide = integer(flag, v);
                case "--short-pause" -> shortPause = number(flag, v);
                case "--long-pause" -> longPause = number(flag, v);
                case "--warmup" -> warmup = integer(flag, v);
                case "--grace" -> grace = integer(flag, v);
                case "--node-jvm" -> nodeJvm = v;
                case "--set" -> set = v;
                default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
            }
        }
        boolean membership = scenario.equals("membership");
        int defaultSeconds = switch (scenario) {
            case "membership", "partition" -> 60;
            case "loss" -> 300;
            default -> 20;
        };
        rate = rateGiven != null ? rateGiven : scenario.equals("loss") ? 20 : 0;
        return new BenchArgs(scenario, impl, nodes, payload, seconds != null ? seconds : defaultSeconds, rate,
                warmup != null ? warmup : membership ? 20 : scenario.equals("broadcast") ? broadcastWarmup(rate) : 5,
                grace, nodeJvm, loss, slowListenerMs, backlog, perSide,
                shortPause, longPause, set);
    }

    /**
     * The default warm-up of a broadcast run at {@code rate} messages a second (0: full speed): {@value
     * #BROADCAST_WARMUP_S} s, and for a rated run at least until {@value #AFTER_FIRST_EVICTION_S} s after the nodes'
     * message logs first fill ({@code seenMaxEntries} of the {@code lan} preset the nodes run), at most {@value
     * #MAX_BROADCAST_WARMUP_S} s. At full speed the logs fill within the first second.
     */
    static int broadcastWarmup(double rate) {
        if (rate <= 0) {
            return BROADCAST_WARMUP_S;
        }
        double firstEviction = PlumtreeConfig.lan().seenMaxEntries() / rate;
        return (int) Math.min(MAX_BROADCAST_WARMUP_S,
                Math.max(BROADCAST_WARMUP_S, Math.ceil(firstEviction + AFTER_FIRST_EVICTION_S)));
    }

    private static int integer(String flag, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, got " + v);
        }
    }

    private static double number(String flag, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a number, got " + v);
        }
    }
}

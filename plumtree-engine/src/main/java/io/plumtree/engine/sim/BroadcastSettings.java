package io.plumtree.engine.sim;

import java.time.Duration;

/**
 * The parameters of a {@link BroadcastScenario} run, one per {@code bin/plumtree-sim} flag.
 *
 * @param nodes        cluster size ({@code --nodes})
 * @param broadcasts   measured broadcasts ({@code --broadcasts})
 * @param senders      distinct nodes that publish, in turn ({@code --senders})
 * @param warmup       broadcasts sent before measuring, to let the tree form ({@code --warmup})
 * @param rate         broadcasts per second, cluster-wide ({@code --rate})
 * @param payloadBytes size of each payload ({@code --payload})
 * @param network      latency range and loss ({@code --latency-ms}, {@code --loss})
 * @param crashFraction share of the nodes (never senders) that crash ({@code --crash})
 * @param crashAt      when they crash; {@code null} means right after the warm-up ({@code --crash-at})
 * @param view         peers each node is told about: 0 for all of them, else that many random ones ({@code --view})
 * @param preset       Plumtree preset name ({@code --preset})
 * @param flood        the flood baseline instead of Plumtree ({@code --mode flood})
 * @param sharedTree   one tree shared by all origins instead of one per origin ({@code --trees shared}), for
 *                     comparison with the paper's setting
 * @param overrides    Plumtree settings changed from the preset, as {@code name=value,...} ({@code --set}); empty
 *                     for none
 * @param seed         seed of every random choice ({@code --seed})
 */
public record BroadcastSettings(
        int nodes,
        int broadcasts,
        int senders,
        int warmup,
        double rate,
        int payloadBytes,
        NetworkOptions network,
        double crashFraction,
        Duration crashAt,
        int view,
        String preset,
        boolean flood,
        boolean sharedTree,
        String overrides,
        long seed) {

    /** Validates the values, naming the flag at fault. */
    public BroadcastSettings {
        require(nodes >= 2, "--nodes must be at least 2, got " + nodes);
        require(broadcasts >= 1, "--broadcasts must be at least 1, got " + broadcasts);
        require(senders >= 1 && senders <= nodes, "--senders must be between 1 and --nodes, got " + senders);
        require(warmup >= 0, "--warmup must not be negative, got " + warmup);
        require(rate > 0, "--rate must be positive, got " + rate);
        require(payloadBytes >= 0, "--payload must not be negative, got " + payloadBytes);
        require(crashFraction >= 0 && crashFraction < 1, "--crash must be in [0, 1), got " + crashFraction);
        require(crashFraction * nodes <= nodes - senders,
                "--crash " + crashFraction + " would crash senders; lower it or --senders");
        require(view >= 0 && view < nodes, "--view must be 'all' or between 1 and nodes - 1, got " + view);
        require(network != null, "network options missing");
        require(preset != null, "--preset missing");
        require(overrides != null, "overrides missing");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults of {@code bin/plumtree-sim --scenario broadcast}. */
    public static BroadcastSettings defaults() {
        return new BroadcastSettings(100, 100, 10, 20, 10, 1024, NetworkOptions.lan(), 0, null, 0, "lan",
                false, false, "", 1);
    }
}

package io.plumtree.engine.sim;

/**
 * The parameters of a {@link ChurnScenario} run, one per {@code bin/plumtree-sim --scenario churn} flag.
 *
 * @param nodes         cluster size ({@code --nodes})
 * @param preset        membership and broadcast preset ({@code --preset})
 * @param crashFraction share of the nodes crashed at once, never the seed or a sender ({@code --crash})
 * @param crashAtS      when ({@code --crash-at}); the warm-up broadcasts end then
 * @param broadcasts    measured broadcasts, sent after the crash ({@code --broadcasts})
 * @param senders       publishing nodes, taking turns ({@code --senders})
 * @param warmup        broadcasts before the crash ({@code --warmup})
 * @param rate          broadcasts per second ({@code --rate})
 * @param payloadBytes  payload size ({@code --payload})
 * @param network       latency range and loss ({@code --latency-ms}, {@code --loss})
 * @param lifeguard     Lifeguard on or off ({@code --lifeguard})
 * @param joinSpreadS   nodes start within this many seconds ({@code --join-spread})
 * @param overrides    settings changed from the presets, {@code name=value,...}, SWIM or Plumtree ones ({@code --set})
 * @param seed          seed of every random choice ({@code --seed})
 */
public record ChurnSettings(
        int nodes,
        String preset,
        double crashFraction,
        double crashAtS,
        int broadcasts,
        int senders,
        int warmup,
        double rate,
        int payloadBytes,
        NetworkOptions network,
        boolean lifeguard,
        double joinSpreadS,
        String overrides,
        long seed) {

    /** Validates the values, naming the flag at fault. */
    public ChurnSettings {
        require(nodes >= 3, "--nodes must be at least 3, got " + nodes);
        require(crashFraction >= 0 && crashFraction < 1, "--crash must be in [0, 1), got " + crashFraction);
        require(senders >= 1 && Math.round(crashFraction * nodes) + senders < nodes,
                "--senders and --crash leave no room: " + senders + " senders, " + crashFraction + " crashed");
        require(broadcasts >= 1, "--broadcasts must be at least 1, got " + broadcasts);
        require(warmup >= 0, "--warmup must not be negative, got " + warmup);
        require(rate > 0, "--rate must be positive, got " + rate);
        require(payloadBytes >= 0, "--payload must not be negative, got " + payloadBytes);
        require(crashAtS > joinSpreadS + warmup / rate,
                "--crash-at must leave time to join and send the warm-up broadcasts, got " + crashAtS);
        require(network != null && preset != null && overrides != null, "network, preset and overrides are required");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults of {@code bin/plumtree-sim --scenario churn}. */
    public static ChurnSettings defaults() {
        return new ChurnSettings(100, "lan", 0.3, 30, 100, 10, 20, 10, 1024, NetworkOptions.lan(), true, 1, "", 1);
    }
}

package io.plumtree.engine.sim;

/**
 * The parameters of a {@link MembershipScenario} run, one per {@code bin/plumtree-sim --scenario membership} flag.
 *
 * @param nodes        cluster size ({@code --nodes})
 * @param preset       membership and broadcast preset ({@code --preset})
 * @param durationS    simulated seconds ({@code --duration})
 * @param kill         nodes crashed at once ({@code --kill}), never the seed node
 * @param killAtS      when ({@code --kill-at}); the 10 s before it are the steady-state traffic window
 * @param network      latency range and loss ({@code --latency-ms}, {@code --loss})
 * @param slowFraction share of the nodes that pause for 2 to 5 s now and then ({@code --slow})
 * @param lifeguard    Lifeguard's three extensions on or off ({@code --lifeguard})
 * @param joinSpreadS  nodes start at random times within this many seconds ({@code --join-spread})
 * @param overrides    settings changed from the presets, {@code name=value,...}, SWIM or Plumtree ones ({@code --set})
 * @param seed         seed of every random choice ({@code --seed})
 */
public record MembershipSettings(
        int nodes,
        String preset,
        double durationS,
        int kill,
        double killAtS,
        NetworkOptions network,
        double slowFraction,
        boolean lifeguard,
        double joinSpreadS,
        String overrides,
        long seed) {

    /** Validates the values, naming the flag at fault. */
    public MembershipSettings {
        require(nodes >= 2, "--nodes must be at least 2, got " + nodes);
        require(durationS > 0, "--duration must be positive, got " + durationS);
        require(kill >= 0 && kill < nodes - 1, "--kill must be between 0 and nodes - 2, got " + kill);
        require(killAtS >= 10 && killAtS < durationS,
                "--kill-at must be at least 10 (the traffic window before it) and before --duration, got " + killAtS);
        require(slowFraction >= 0 && slowFraction < 1, "--slow must be in [0, 1), got " + slowFraction);
        require(Math.round(slowFraction * nodes) + kill < nodes - 1, "--slow and --kill leave no healthy node");
        require(joinSpreadS >= 0, "--join-spread must not be negative, got " + joinSpreadS);
        require(network != null && preset != null && overrides != null, "network, preset and overrides are required");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults of {@code bin/plumtree-sim --scenario membership}. */
    public static MembershipSettings defaults() {
        return new MembershipSettings(100, "lan", 60, 0, 30, NetworkOptions.lan(), 0, true, 1, "", 1);
    }
}

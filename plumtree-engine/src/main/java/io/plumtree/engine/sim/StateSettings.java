package io.plumtree.engine.sim;

/**
 * The parameters of a {@link StateScenario} run, one per {@code bin/plumtree-sim --scenario state} flag.
 *
 * @param nodes             cluster size ({@code --nodes})
 * @param updatesPerNodePerS writes each node makes per second, at a random phase ({@code --updates-per-node-per-s})
 * @param keysPerNode       keys each node writes, in turn ({@code --keys-per-node})
 * @param valueBytes        bytes of each value written ({@code --value-bytes})
 * @param durationS         writes go on until this many simulated seconds; writes from {@link #MEASURE_FROM_S} on
 *                          are measured, then the run goes on until they converged (at most
 *                          {@link #DRAIN_S} more seconds) ({@code --duration})
 * @param network           latency range and loss ({@code --latency-ms}, {@code --loss})
 * @param preset            replicated state preset ({@code --preset})
 * @param overrides         state settings changed from the preset, {@code name=value,...} ({@code --set})
 * @param seed              seed of every random choice ({@code --seed})
 */
public record StateSettings(
        int nodes,
        double updatesPerNodePerS,
        int keysPerNode,
        int valueBytes,
        double durationS,
        NetworkOptions network,
        String preset,
        String overrides,
        long seed) {

    /** Writes start this many simulated seconds in, once the first exchanges have run. */
    public static final double WRITES_FROM_S = 1;

    /** Writes from this many simulated seconds on are measured, and traffic is counted from here. */
    public static final double MEASURE_FROM_S = 5;

    /** Most simulated seconds the run goes on after {@code durationS} for measured writes to converge. */
    public static final double DRAIN_S = 60;

    /** Validates the values, naming the flag at fault. */
    public StateSettings {
        require(nodes >= 2, "--nodes must be at least 2, got " + nodes);
        require(updatesPerNodePerS > 0 && updatesPerNodePerS <= 1000,
                "--updates-per-node-per-s must be in (0, 1000], got " + updatesPerNodePerS);
        require(keysPerNode >= 1, "--keys-per-node must be at least 1, got " + keysPerNode);
        require(valueBytes >= 1 && valueBytes <= 65_536, "--value-bytes must be in [1, 65536], got " + valueBytes);
        require(durationS > MEASURE_FROM_S, "--duration must be above " + MEASURE_FROM_S + ", got " + durationS);
        require(network != null && preset != null && overrides != null, "network, preset and overrides are required");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults of {@code bin/plumtree-sim --scenario state}. */
    public static StateSettings defaults() {
        return new StateSettings(100, 1, 1, 16, 30, NetworkOptions.lan(), "lan", "", 1);
    }
}

package io.plumtree.engine.sim;

/**
 * The measured outcome of a {@link StateScenario} run; {@link #toJson()} is the last stdout line of
 * {@code bin/plumtree-sim --scenario state}.
 *
 * @param settings          what was run
 * @param p50ConvergeS      median time from a measured write until every node holds that version (or a later one)
 *                          of its writer, in seconds; null in JSON if it falls among unconverged writes
 * @param p99ConvergeS      the 99th percentile of the same
 * @param maxConvergeS      the largest of the same; null in JSON if any measured write did not converge
 * @param measuredWrites    writes made in the measurement window
 * @param unconverged       measured writes some node still lacked at the end
 * @param bytesPerNodePerS  bytes of state frames sent per node per second in the measurement window (length prefix,
 *                          envelope, sender and message: what a real stream would carry, before TCP/IP headers)
 * @param messagesPerNodePerS state messages sent per node per second in the window
 * @param digestBytes       encoded bytes of one full digest at the end of the run (a SYN's message)
 * @param resets            node states reset over the run, all nodes together
 * @param events            events the simulation handled
 * @param simSeconds        virtual time at the end
 * @param wallSeconds       real time the run took
 * @param heapUsedMb        heap in use at the end, after a garbage collection, in MiB (the nodes' views included)
 */
public record StateResult(
        StateSettings settings,
        double p50ConvergeS,
        double p99ConvergeS,
        double maxConvergeS,
        long measuredWrites,
        long unconverged,
        double bytesPerNodePerS,
        double messagesPerNodePerS,
        long digestBytes,
        long resets,
        long events,
        double simSeconds,
        double wallSeconds,
        long heapUsedMb) {

    /** The report as one JSON object. With {@code withWallClock} false it is identical for identical seeds. */
    public String toJson(boolean withWallClock) {
        StateSettings s = settings;
        JsonObject j = new JsonObject()
                .put("scenario", "state")
                .put("preset", s.preset())
                .put("set", s.overrides())
                .put("seed", s.seed())
                .put("nodes", s.nodes())
                .put("updates_per_node_per_s", s.updatesPerNodePerS())
                .put("keys_per_node", s.keysPerNode())
                .put("value_bytes", s.valueBytes())
                .put("duration_s", s.durationS())
                .put("p50_converge_s", p50ConvergeS)
                .put("p99_converge_s", p99ConvergeS)
                .put("max_converge_s", maxConvergeS)
                .put("measured_writes", measuredWrites)
                .put("unconverged", unconverged)
                .put("bytes_per_node_per_s", bytesPerNodePerS)
                .put("messages_per_node_per_s", messagesPerNodePerS)
                .put("digest_bytes", digestBytes)
                .put("resets", resets)
                .put("events", events)
                .put("sim_seconds", simSeconds);
        if (withWallClock) {
            j.put("wall_seconds", wallSeconds);
            j.put("heap_used_mb", heapUsedMb);
        }
        return j.toString();
    }

    /** The full report, wall clock included. */
    public String toJson() {
        return toJson(true);
    }
}

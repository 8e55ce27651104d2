package io.plumtree.engine.sim;

/**
 * The measured outcome of a {@link MembershipScenario} run; {@link #toJson()} is the last stdout line of
 * {@code bin/plumtree-sim --scenario membership}. Times are -1 when the event never happened within the run.
 *
 * @param settings           what was run
 * @param joinConvergenceS   from the first start until every node sees every other alive
 * @param firstDetectS       from the kill until the first member suspects a killed node
 * @param deadAllS           from the kill until every live member has declared every killed node failed
 * @param falsePositives     failure declarations about members that were alive and not slow
 * @param falsePositivesSlow failure declarations about slow (pausing) members that were alive
 * @param msgsPerNodePerS    datagrams and frames sent per node per second in the 10 s before the kill
 * @param bytesPerNodePerS   their bytes on the wire (envelope and length prefix included) per node per second
 * @param simSeconds         virtual time at the end
 * @param wallSeconds        real time the run took
 */
public record MembershipResult(
        MembershipSettings settings,
        double joinConvergenceS,
        double firstDetectS,
        double deadAllS,
        long falsePositives,
        long falsePositivesSlow,
        double msgsPerNodePerS,
        double bytesPerNodePerS,
        double simSeconds,
        double wallSeconds) {

    /** The report as one JSON object; without the wall clock it is identical for identical seeds. */
    public String toJson(boolean withWallClock) {
        MembershipSettings s = settings;
        JsonObject j = new JsonObject()
                .put("scenario", "membership")
                .put("preset", s.preset())
                .put("lifeguard", s.lifeguard() ? "on" : "off")
                .put("set", s.overrides())
                .put("seed", s.seed())
                .put("nodes", s.nodes())
                .put("kill", s.kill())
                .put("slow", s.slowFraction())
                .put("loss", s.network().loss())
                .put("join_convergence_s", joinConvergenceS)
                .put("first_detect_s", firstDetectS)
                .put("dead_all_s", deadAllS)
                .put("false_positives", falsePositives)
                .put("false_positives_slow", falsePositivesSlow)
                .put("msgs_per_node_per_s", msgsPerNodePerS)
                .put("bytes_per_node_per_s", bytesPerNodePerS)
                .put("sim_seconds", simSeconds);
        if (withWallClock) {
            j.put("wall_seconds", wallSeconds);
        }
        return j.toString();
    }

    /** The full report. */
    public String toJson() {
        return toJson(true);
    }
}

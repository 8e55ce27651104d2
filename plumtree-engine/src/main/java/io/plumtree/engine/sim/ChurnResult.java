package io.plumtree.engine.sim;

/**
 * The measured outcome of a {@link ChurnScenario} run; {@link #toJson()} is the last stdout line of
 * {@code bin/plumtree-sim --scenario churn}.
 *
 * @param settings             what was run
 * @param figures              reliability (broadcasts sent from 5 s after the crash, over the survivors), RMR and
 *                             LDH over the measured broadcasts
 * @param payloadMsgs          payload messages sent from the first measured broadcast on
 * @param ihaveMsgs            IHAVE messages sent from then on
 * @param graftMsgs            GRAFT messages sent from then on
 * @param pruneMsgs            PRUNE messages sent from then on
 * @param digestMsgs          DIGEST messages sent from then on
 * @param crashed              nodes crashed
 * @param duplicateDeliveries  deliveries of a message a node had already delivered (must be 0)
 * @param joinConvergenceS     from the first start until every node saw every other alive; -1 if never
 * @param membershipConvergedS from the crash until every survivor saw exactly the survivors alive; -1 if never
 * @param simSeconds           virtual time at the end
 * @param wallSeconds          real time the run took
 */
public record ChurnResult(
        ChurnSettings settings,
        BroadcastMeasure.Figures figures,
        long payloadMsgs,
        long ihaveMsgs,
        long graftMsgs,
        long pruneMsgs,
        long digestMsgs,
        int crashed,
        long duplicateDeliveries,
        double joinConvergenceS,
        double membershipConvergedS,
        double simSeconds,
        double wallSeconds) {

    /** The report as one JSON object; without the wall clock it is identical for identical seeds. */
    public String toJson(boolean withWallClock) {
        ChurnSettings s = settings;
        JsonObject j = new JsonObject()
                .put("scenario", "churn")
                .put("preset", s.preset())
                .put("lifeguard", s.lifeguard() ? "on" : "off")
                .put("set", s.overrides())
                .put("seed", s.seed())
                .put("nodes", s.nodes())
                .put("broadcasts", s.broadcasts())
                .put("reliability", figures.reliability())
                .put("rmr", figures.rmr())
                .put("ldh_max", figures.ldhMax())
                .put("ldh_mean", figures.ldhMean())
                .put("p50_last_ms", figures.p50LastMs())
                .put("p99_last_ms", figures.p99LastMs())
                .put("payload_msgs", payloadMsgs)
                .put("ihave_msgs", ihaveMsgs)
                .put("graft_msgs", graftMsgs)
                .put("prune_msgs", pruneMsgs)
                .put("digest_msgs", digestMsgs)
                .put("crashed", crashed)
                .put("counted_broadcasts", figures.counted())
                .put("duplicate_deliveries", duplicateDeliveries)
                .put("join_convergence_s", joinConvergenceS)
                .put("membership_converged_s", membershipConvergedS)
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

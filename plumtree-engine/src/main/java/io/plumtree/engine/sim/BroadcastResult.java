package io.plumtree.engine.sim;

/**
 * The measured outcome of a {@link BroadcastScenario} run; {@link #toJson()} is the last stdout line of
 * {@code bin/plumtree-sim --scenario broadcast}.
 *
 * @param settings        what was run
 * @param reliability     delivered fraction of (measured message, node alive at the end) pairs; with crashes, only
 *                        broadcasts sent from 2 s after the crash count, over the survivors
 * @param rmr             relative message redundancy, the paper's m / (n - 1) - 1 over the measured broadcasts
 *                        (m payload messages sent for them, n nodes that delivered them)
 * @param ldhMax          largest last-delivery hop count over the measured broadcasts
 * @param ldhMean         mean last-delivery hop count over the measured broadcasts
 * @param p50LastMs       median time from publication to the last delivery, in simulated milliseconds
 * @param p99LastMs       99th percentile of the same
 * @param payloadMsgs     payload (GOSSIP) messages sent from the first measured broadcast on
 * @param ihaveMsgs       IHAVE messages sent from the first measured broadcast on
 * @param graftMsgs       GRAFT messages sent from the first measured broadcast on
 * @param pruneMsgs       PRUNE messages sent from the first measured broadcast on
 * @param digestMsgs      DIGEST messages sent from the first measured broadcast on
 * @param crashed         nodes that crashed
 * @param countedBroadcasts measured broadcasts that count for reliability
 * @param duplicateDeliveries deliveries of a message a node had already delivered (must be 0)
 * @param events          events the simulation handled
 * @param simSeconds      virtual time at the end
 * @param wallSeconds     real time the run took
 */
public record BroadcastResult(
        BroadcastSettings settings,
        double reliability,
        double rmr,
        int ldhMax,
        double ldhMean,
        long p50LastMs,
        long p99LastMs,
        long payloadMsgs,
        long ihaveMsgs,
        long graftMsgs,
        long pruneMsgs,
        long digestMsgs,
        int crashed,
        int countedBroadcasts,
        long duplicateDeliveries,
        long events,
        double simSeconds,
        double wallSeconds) {

    /** The report as one JSON object. With {@code withWallClock} false it is identical for identical seeds. */
    public String toJson(boolean withWallClock) {
        BroadcastSettings s = settings;
        JsonObject j = new JsonObject()
                .put("scenario", "broadcast")
                .put("mode", s.flood() ? "flood" : "plumtree")
                .put("preset", s.preset())
                .put("trees", s.sharedTree() ? "shared" : "per-origin")
                .put("set", s.overrides())
                .put("seed", s.seed())
                .put("nodes", s.nodes())
                .put("broadcasts", s.broadcasts())
                .put("senders", s.senders())
                .put("warmup", s.warmup())
                .put("view", s.view() == 0 ? "all" : Integer.toString(s.view()))
                .put("reliability", reliability)
                .put("rmr", rmr)
                .put("ldh_max", ldhMax)
                .put("ldh_mean", ldhMean)
                .put("p50_last_ms", p50LastMs)
                .put("p99_last_ms", p99LastMs)
                .put("payload_msgs", payloadMsgs)
                .put("ihave_msgs", ihaveMsgs)
                .put("graft_msgs", graftMsgs)
                .put("prune_msgs", pruneMsgs)
                .put("digest_msgs", digestMsgs)
                .put("crashed", crashed)
                .put("counted_broadcasts", countedBroadcasts)
                .put("duplicate_deliveries", duplicateDeliveries)
                .put("events", events)
                .put("sim_seconds", simSeconds);
        if (withWallClock) {
            j.put("wall_seconds", wallSeconds);
        }
        return j.toString();
    }

    /** The full report, wall clock included. */
    public String toJson() {
        return toJson(true);
    }
}

package io.plumtree.engine.state;

/**
 * Counters of a replicated state core since it started.
 *
 * @param exchangesStarted  SYNs sent
 * @param synsAnswered      SYNs received and answered with a SYN-ACK
 * @param entriesApplied    remote entries applied to this node's view
 * @param resets            node states reset because a peer had collected tombstones this copy had not seen
 * @param gaps              node deltas ignored because they started above this copy's version (a stale answer)
 * @param ignored           node deltas about nodes that are not live members here (unknown, dead, or this node)
 * @param rejected          remote entries refused for exceeding the key, value or key-count limits
 * @param tombstonesCollected tombstones collected after their grace
 * @param nodesDropped      node states dropped: left members, and failed ones past their grace
 */
public record StateStats(long exchangesStarted, long synsAnswered, long entriesApplied, long resets, long gaps,
                         long ignored, long rejected, long tombstonesCollected, long nodesDropped) {
}

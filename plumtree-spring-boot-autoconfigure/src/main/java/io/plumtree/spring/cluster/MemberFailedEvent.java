package io.plumtree.spring.cluster;

import io.plumtree.engine.ClusterMember;

/**
 * A member was declared failed: it stopped answering probes and did not refute the suspicion in time.
 *
 * @param member the member after the change, as this node sees it
 */
public record MemberFailedEvent(ClusterMember member) implements ClusterMembershipEvent {
}

package io.plumtree.spring.cluster;

import io.plumtree.engine.ClusterMember;

/**
 * A member left the cluster gracefully (it shut down and announced it).
 *
 * @param member the member after the change, as this node sees it
 */
public record MemberLeftEvent(ClusterMember member) implements ClusterMembershipEvent {
}

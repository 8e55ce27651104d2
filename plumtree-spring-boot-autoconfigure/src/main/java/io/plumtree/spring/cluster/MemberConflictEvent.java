package io.plumtree.spring.cluster;

import io.plumtree.engine.ClusterMember;

/**
 * Another live member claims this member's name at another address; reported once, not flapped. Two instances were
 * given the same {@code plumtree.node-name}.
 *
 * @param member the member after the change, as this node sees it
 */
public record MemberConflictEvent(ClusterMember member) implements ClusterMembershipEvent {
}

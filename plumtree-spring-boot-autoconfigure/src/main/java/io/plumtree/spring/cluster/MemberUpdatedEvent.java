package io.plumtree.spring.cluster;

import io.plumtree.engine.ClusterMember;

/**
 * A member's address or metadata changed.
 *
 * @param member the member after the change, as this node sees it
 */
public record MemberUpdatedEvent(ClusterMember member) implements ClusterMembershipEvent {
}

package io.plumtree.spring.cluster;

import io.plumtree.engine.ClusterMember;

/**
 * A member became known and alive: published to the application context when this node learns of it (members that
 * were already there when this node joined included).
 *
 * @param member the member after the change, as this node sees it
 */
public record MemberJoinedEvent(ClusterMember member) implements ClusterMembershipEvent {
}

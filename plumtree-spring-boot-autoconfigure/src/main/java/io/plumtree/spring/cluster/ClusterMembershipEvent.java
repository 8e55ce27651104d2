package io.plumtree.spring.cluster;

import io.plumtree.engine.ClusterMember;
import io.plumtree.engine.MembershipEvent;

/**
 * A change of cluster membership, published to the application context, so that
 * {@code @EventListener void on(MemberLeftEvent e)} (or {@code on(ClusterMembershipEvent e)} for all of them) sees
 * it. Published on the node's delivery thread, in the order the node saw the changes.
 */
public sealed interface ClusterMembershipEvent
        permits MemberJoinedEvent, MemberLeftEvent, MemberFailedEvent, MemberUpdatedEvent, MemberConflictEvent {

    /** The member after the change. */
    ClusterMember member();

    /** The application event for an engine membership event. */
    static ClusterMembershipEvent of(MembershipEvent event) {
        ClusterMember m = event.member();
        return switch (event.kind()) {
            case JOINED -> new MemberJoinedEvent(m);
            case LEFT -> new MemberLeftEvent(m);
            case FAILED -> new MemberFailedEvent(m);
            case UPDATED -> new MemberUpdatedEvent(m);
            case CONFLICT -> new MemberConflictEvent(m);
        };
    }
}

package io.plumtree.engine;

/**
 * Receives a {@link ClusterNode}'s membership changes, in the order the node saw them, on its delivery executor. An
 * exception thrown here is logged and does not stop later events.
 */
@FunctionalInterface
public interface MembershipListener {

    /** One change. */
    void onMembershipEvent(MembershipEvent event);
}

package io.plumtree.engine;

import java.util.Objects;

/**
 * A change of membership, as this node saw it.
 *
 * @param kind   what happened
 * @param member the member after the change
 */
public record MembershipEvent(Kind kind, ClusterMember member) {

    /** What happened to a member. */
    public enum Kind {
        /** It became known and alive. */
        JOINED,
        /** Its address or metadata changed. */
        UPDATED,
        /** It was declared failed. */
        FAILED,
        /** It left gracefully. */
        LEFT,
        /** Another live member claims its name at another address; reported once, not flapped. */
        CONFLICT
    }

    /** Validates the fields. */
    public MembershipEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(member, "member");
    }
}

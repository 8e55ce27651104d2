package io.plumtree.engine.membership;

/** Where a member stands in the SWIM life cycle (memberlist's {@code NodeStateType}). */
public enum MemberState {
    /** Answers probes, or was heard from more recently than any accusation. */
    ALIVE,
    /** Missed a probe; will be declared dead when its suspicion timer expires unless it refutes. */
    SUSPECT,
    /** Declared failed by the cluster. */
    DEAD,
    /** Announced its own departure (a dead message from itself). */
    LEFT;

    /** Whether the member no longer takes part: {@link #DEAD} or {@link #LEFT}. */
    public boolean deadOrLeft() {
        return this == DEAD || this == LEFT;
    }
}

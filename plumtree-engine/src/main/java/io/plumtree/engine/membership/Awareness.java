package io.plumtree.engine.membership;

/**
 * Lifeguard's local health awareness (memberlist {@code awareness.go}): a score from 0 (healthy) to
 * {@code max - 1} that rises when this node's own probes fail or it has to refute accusations, and falls with every
 * successful probe. A node that is slow itself (starved CPU, overloaded network) thus probes less often and waits
 * longer before suspecting others, instead of accusing healthy members.
 */
final class Awareness {

    /** Exclusive upper bound of the score ({@link SwimConfig#awarenessMaxMultiplier()}). */
    private final int max;

    /** Whether the score moves at all; off, it stays 0 (SWIM without Lifeguard). */
    private final boolean enabled;

    /** The current score; 0 is healthy. */
    private int score;

    Awareness(int max, boolean enabled) {
        this.max = max;
        this.enabled = enabled;
    }

    /** Moves the score by {@code delta}, clamped; no-op when disabled. */
    void apply(int delta) {
        if (enabled) {
            score = SwimMath.applyAwarenessDelta(score, delta, max);
        }
    }

    /** The current score. */
    int score() {
        return score;
    }

    /** A probe interval or timeout stretched by the score. */
    long scale(long nanos) {
        return SwimMath.scaleByAwareness(nanos, score);
    }
}

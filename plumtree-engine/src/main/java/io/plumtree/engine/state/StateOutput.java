package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;

import java.util.Objects;

/** What a replicated state core asks its driver to do, in the order it must be done. */
public sealed interface StateOutput {

    /**
     * Send a message to a peer over the reliable, ordered stream to it.
     *
     * @param to      the peer
     * @param message the message
     */
    record Send(NodeId to, StateMessage message) implements StateOutput {
        /** Validates the fields. */
        public Send {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Call {@link ReplicatedState#handle} with {@link StateInput.TimerFired} for this key after the delay.
     *
     * @param delayNanos how long from the {@code now} of the call that asked for it
     * @param timer      the key to hand back
     */
    record ScheduleTimer(long delayNanos, StateTimer timer) implements StateOutput {
        /** Validates the fields. */
        public ScheduleTimer {
            Objects.requireNonNull(timer, "timer");
            if (delayNanos < 0) {
                throw new IllegalArgumentException("delay must not be negative, got " + delayNanos);
            }
        }
    }

    /**
     * A key of some node changed in this node's view, and subscription {@code subscription} asked for its prefix.
     * One event per matching subscription. A key whose state was dropped (its node left, or stayed dead past the
     * grace) or reset away changes to {@code null}.
     *
     * @param subscription the subscription's id
     * @param node         the node that owns the key
     * @param key          the key
     * @param oldValue     the value before, or {@code null} if the key was absent or deleted
     * @param newValue     the value now, or {@code null} if the key is now deleted or gone
     * @param version      the owner's version of the write that made the change (of the dropped entry for a drop)
     */
    record KeyChanged(int subscription, NodeId node, String key, String oldValue, String newValue, long version)
            implements StateOutput {
        /** Validates the fields. */
        public KeyChanged {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(key, "key");
        }
    }
}

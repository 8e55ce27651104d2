package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;

import java.util.Objects;

/** What a Plumtree core asks its driver to do, in the order it must be done. */
public sealed interface PlumtreeOutput {

    /**
     * Send a message to a peer over the reliable, ordered link to it.
     *
     * @param to      the peer
     * @param message the message
     */
    record Send(NodeId to, PlumtreeMessage message) implements PlumtreeOutput {
        /** Validates the fields. */
        public Send {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Hand a message to the application. Happens exactly once per message per node, the origin included (with
     * zero hops).
     *
     * @param id      the message
     * @param hops    links it crossed to get here
     * @param payload the application's bytes
     */
    record Deliver(MessageId id, int hops, byte[] payload) implements PlumtreeOutput {
        /** Validates the fields. */
        public Deliver {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * Call {@link Plumtree#handle} with {@link PlumtreeInput.TimerFired} for this key after the delay.
     *
     * @param delayNanos how long from the {@code now} of the call that asked for it
     * @param timer      the key to hand back
     */
    record ScheduleTimer(long delayNanos, PlumtreeTimer timer) implements PlumtreeOutput {
        /** Validates the fields. */
        public ScheduleTimer {
            Objects.requireNonNull(timer, "timer");
            if (delayNanos < 0) {
                throw new IllegalArgumentException("delay must not be negative, got " + delayNanos);
            }
        }
    }
}

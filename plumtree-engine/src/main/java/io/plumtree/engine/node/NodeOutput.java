package io.plumtree.engine.node;

import io.plumtree.engine.broadcast.PlumtreeOutput;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.membership.SwimOutput;
import io.plumtree.engine.state.StateOutput;

import java.util.List;
import java.util.Objects;

/** What a node asks its driver to do, in the order it must be done. */
public sealed interface NodeOutput {

    /**
     * Send one datagram.
     *
     * @param toAddress where
     * @param messages  the messages it holds, within the packet budget
     */
    record SendPacket(String toAddress, List<SwimMessage> messages) implements NodeOutput {
        /** Validates the fields. */
        public SendPacket {
            Objects.requireNonNull(toAddress, "toAddress");
            Objects.requireNonNull(messages, "messages");
        }
    }

    /**
     * Send one frame over the reliable stream to an address (opened on demand).
     *
     * @param toAddress where
     * @param frame     what
     */
    record SendFrame(String toAddress, Frame frame) implements NodeOutput {
        /** Validates the fields. */
        public SendFrame {
            Objects.requireNonNull(toAddress, "toAddress");
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * Resolve the seeds of the last join again, off the node's thread if that may block, and hand what they resolve to
     * back in {@link NodeInput.SeedsResolved} (see {@link io.plumtree.engine.membership.SwimOutput.ResolveSeeds}).
     */
    record ResolveSeeds() implements NodeOutput {
    }

    /**
     * Hand {@link NodeInput.TimerFired} back after the delay.
     *
     * @param delayNanos the delay
     * @param timer      the key
     */
    record ScheduleTimer(long delayNanos, NodeTimer timer) implements NodeOutput {
        /** Validates the fields. */
        public ScheduleTimer {
            Objects.requireNonNull(timer, "timer");
        }
    }

    /**
     * A broadcast to hand to the application (exactly once per message).
     *
     * @param delivery the message, its origin, id and hops
     */
    record Delivered(PlumtreeOutput.Deliver delivery) implements NodeOutput {
        /** Validates the field. */
        public Delivered {
            Objects.requireNonNull(delivery, "delivery");
        }
    }

    /**
     * A membership change to report to the application.
     *
     * @param event what changed
     */
    record MembershipChanged(SwimOutput.MemberEvent event) implements NodeOutput {
        /** Validates the field. */
        public MembershipChanged {
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * A replicated-state key changed, for a subscription.
     *
     * @param change the subscription, node, key, old and new value (null: absent)
     */
    record StateChanged(StateOutput.KeyChanged change) implements NodeOutput {
        /** Validates the field. */
        public StateChanged {
            Objects.requireNonNull(change, "change");
        }
    }
}

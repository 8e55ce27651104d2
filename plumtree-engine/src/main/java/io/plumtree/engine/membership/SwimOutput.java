package io.plumtree.engine.membership;

import java.util.List;
import java.util.Objects;

/** What a SWIM core asks its driver to do, in the order it must be done. */
public sealed interface SwimOutput {

    /**
     * Send one datagram (unreliable). The sum of the messages' {@link SwimMessage#encodedSize()} never exceeds
     * {@link SwimConfig#packetBudget()}: piggybacked updates fill only the room left. (The one exception is a
     * single ping or indirect ping that is larger than the budget on its own, which takes names and addresses near
     * their 255-character limits in multi-byte UTF-8; it is sent alone.)
     *
     * @param toAddress where to
     * @param messages  the messages, to be encoded as one compound datagram in this order
     */
    record SendPacket(String toAddress, List<SwimMessage> messages) implements SwimOutput {
        /** Validates and copies. */
        public SendPacket {
            Objects.requireNonNull(toAddress, "toAddress");
            messages = List.copyOf(messages);
        }

        /** Sum of the messages' encoded sizes. */
        public int encodedSize() {
            int size = 0;
            for (SwimMessage m : messages) {
                size += m.encodedSize();
            }
            return size;
        }
    }

    /**
     * Send one message over the reliable, ordered stream to an address.
     *
     * @param toAddress where to
     * @param message   the message
     */
    record SendStream(String toAddress, SwimMessage message) implements SwimOutput {
        /** Validates the fields. */
        public SendStream {
            Objects.requireNonNull(toAddress, "toAddress");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Resolve the seeds of the last join again (a DNS name may point elsewhere by now; the core does no I/O) and hand
     * every address they resolve to back in {@link SwimInput.SeedsResolved}. Asked for by the reconnect of
     * {@link SwimConfig#reconnectInterval()}; a driver that cannot resolve hands back the addresses of the last join.
     */
    record ResolveSeeds() implements SwimOutput {
    }

    /**
     * Call {@link Swim#handle} with {@link SwimInput.TimerFired} for this key after the delay.
     *
     * @param delayNanos how long from the {@code now} of the call that asked for it
     * @param timer      the key to hand back
     */
    record ScheduleTimer(long delayNanos, SwimTimer timer) implements SwimOutput {
        /** Validates the fields. */
        public ScheduleTimer {
            Objects.requireNonNull(timer, "timer");
            if (delayNanos < 0) {
                throw new IllegalArgumentException("delay must not be negative, got " + delayNanos);
            }
        }
    }

    /**
     * A change in membership for the application. Never about this node itself, except {@link Kind#CONFLICT}.
     *
     * @param kind   what happened
     * @param member the member as it is now; for {@link Kind#CONFLICT}, the rejected claim (same name, other
     *               address)
     */
    record MemberEvent(Kind kind, Member member) implements SwimOutput {
        /** Validates the fields. */
        public MemberEvent {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(member, "member");
        }

        /** Kinds of membership change. */
        public enum Kind {
            /** A member became alive for the first time, or again after it was dead or left. */
            JOINED,
            /** An alive member changed its metadata. */
            UPDATED,
            /** A member was declared dead after its suspicion expired (or others declared it). */
            FAILED,
            /** A member left gracefully. */
            LEFT,
            /** A second live member claims a known name at another address; the known one is kept. */
            CONFLICT
        }
    }
}

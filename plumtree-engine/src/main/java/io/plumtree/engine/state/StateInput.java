package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;

import java.time.Duration;
import java.util.Objects;

/** Everything that can happen to a replicated state core: the inputs of {@link ReplicatedState#handle}. */
public sealed interface StateInput {

    /** Start gossiping: the core schedules its first exchange round. Handle it once, before anything else. */
    record Start() implements StateInput {
    }

    /**
     * The application sets one of this node's keys; the write takes the node's next version.
     *
     * @param key   the key, at most {@link StateConfig#maxKeyBytes()} bytes of UTF-8
     * @param value the value, at most {@link StateConfig#maxValueBytes()} bytes of UTF-8
     * @param ttl   how long the key lives before this node deletes it, or {@code null} (or zero) for no limit
     */
    record Set(String key, String value, Duration ttl) implements StateInput {
        /** Validates the fields. */
        public Set {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (ttl != null && ttl.isNegative()) {
                throw new IllegalArgumentException("ttl must not be negative, got " + ttl);
            }
        }

        /** A key without a time to live. */
        public Set(String key, String value) {
            this(key, value, null);
        }
    }

    /**
     * The application deletes one of this node's keys: it becomes a tombstone at the node's next version. Nothing
     * happens if the key is absent or already deleted.
     *
     * @param key the key
     */
    record Delete(String key) implements StateInput {
        /** Validates the field. */
        public Delete {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * Report changes of keys starting with {@code prefix}, of every node this one included, as
     * {@link StateOutput.KeyChanged} with this subscription's id. Replaces an earlier subscription with the same id.
     *
     * @param id     the caller's id for the subscription
     * @param prefix the key prefix; empty for every key
     */
    record Subscribe(int id, String prefix) implements StateInput {
        /** Validates the field. */
        public Subscribe {
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /**
     * Stop reporting for subscription {@code id}; nothing happens if there is none.
     *
     * @param id the subscription's id
     */
    record Unsubscribe(int id) implements StateInput {
    }

    /**
     * Membership reports a live member (joined, or back from failure): its state is replicated from now on.
     *
     * @param peer the member
     */
    record PeerUp(NodeId peer) implements StateInput {
        /** Validates the field. */
        public PeerUp {
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * Membership reports a member failed: its state is frozen and dropped after {@link StateConfig#deadNodeGrace()}
     * unless it comes back up first.
     *
     * @param peer the member
     */
    record PeerDown(NodeId peer) implements StateInput {
        /** Validates the field. */
        public PeerDown {
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * Membership reports a member left gracefully: its state is dropped at once.
     *
     * @param peer the member
     */
    record PeerLeft(NodeId peer) implements StateInput {
        /** Validates the field. */
        public PeerLeft {
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * A message arrived from a peer over the reliable stream.
     *
     * @param from    the peer that sent it
     * @param message what it sent
     */
    record Received(NodeId from, StateMessage message) implements StateInput {
        /** Validates the fields. */
        public Received {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A timer the core asked for with {@link StateOutput.ScheduleTimer} has fired.
     *
     * @param timer the timer's key, as scheduled
     */
    record TimerFired(StateTimer timer) implements StateInput {
        /** Validates the field. */
        public TimerFired {
            Objects.requireNonNull(timer, "timer");
        }
    }
}

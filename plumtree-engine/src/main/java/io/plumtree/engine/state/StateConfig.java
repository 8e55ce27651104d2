package io.plumtree.engine.state;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the replicated state core. Start from a preset ({@link #lan()}, {@link #wan()}, {@link #local()}) and
 * override single values with {@link #toBuilder()}.
 *
 * @param gossipInterval   how often a node starts exchanges (SYN) with random live peers; the first round comes at a
 *                         random point within the first interval, so the nodes of a cluster do not tick together
 * @param fanout           live peers a node starts an exchange with every interval (chitchat's gossip count)
 * @param maxDeltaBytes    most encoded bytes of the delta in one SYN-ACK or ACK; what does not fit follows on later
 *                         rounds. Must hold the largest single entry with its node's header, or that entry could
 *                         never be sent
 * @param tombstoneGrace   how long a deleted key's tombstone is kept (from when this node learned of it) before it is
 *                         collected; a peer that has not caught up by then is reset instead (chitchat's
 *                         {@code marked_for_deletion_grace_period})
 * @param deadNodeGrace    how long the state of a member that membership reports failed is kept, frozen, before it
 *                         is dropped; a member that comes back within it keeps its state (chitchat's
 *                         {@code dead_node_grace_period}). Members that leave gracefully are dropped at once
 * @param maxKeyBytes      longest key, in UTF-8 bytes; longer local writes are refused, longer remote ones ignored
 * @param maxValueBytes    longest value, in UTF-8 bytes; same rule
 * @param maxKeysPerNode   most keys (tombstones included) one node's state may hold; a local write of a new key
 *                         beyond it is refused, remote entries beyond it are ignored and counted
 * @param maxSubscriptions most key-prefix subscriptions at once
 */
public record StateConfig(
        Duration gossipInterval,
        int fanout,
        int maxDeltaBytes,
        Duration tombstoneGrace,
        Duration deadNodeGrace,
        int maxKeyBytes,
        int maxValueBytes,
        int maxKeysPerNode,
        int maxSubscriptions) {

    /**
     * Encoded bytes of one node's header in a delta, at the longest node name: name (2 + 765), three versions (24)
     * and the entry count (4).
     */
    static final int MAX_NODE_DELTA_HEADER_BYTES = 2 + 765 + 24 + 4;

    /** Bytes of a delta besides its node deltas: the node count. */
    static final int DELTA_OVERHEAD_BYTES = 4;

    /** Checks every bound, so a bad value fails at configuration time with the name of the setting. */
    public StateConfig {
        positive("gossipInterval", gossipInterval);
        positive("fanout", fanout);
        positive("tombstoneGrace", tombstoneGrace);
        positive("deadNodeGrace", deadNodeGrace);
        positive("maxKeyBytes", maxKeyBytes);
        if (maxKeyBytes > 65_535) {
            throw new IllegalArgumentException("maxKeyBytes must be at most 65535 (a 2-byte length), got "
                    + maxKeyBytes);
        }
        positive("maxValueBytes", maxValueBytes);
        positive("maxKeysPerNode", maxKeysPerNode);
        positive("maxSubscriptions", maxSubscriptions);
        long largestEntry = (long) DELTA_OVERHEAD_BYTES + MAX_NODE_DELTA_HEADER_BYTES
                + VersionedValue.encodedSize(maxKeyBytes, maxValueBytes);
        if (maxDeltaBytes < largestEntry) {
            throw new IllegalArgumentException("maxDeltaBytes must hold the largest entry (maxKeyBytes "
                    + maxKeyBytes + ", maxValueBytes " + maxValueBytes + ") with its node's header: at least "
                    + largestEntry + ", got " + maxDeltaBytes);
        }
    }

    /**
     * A data-centre network: an exchange with 3 random peers every 500 ms, deltas of up to 256 KiB, tombstones and
     * dead members' state kept for an hour, keys up to 256 bytes, values up to 64 KiB.
     */
    public static StateConfig lan() {
        return new Builder().build();
    }

    /** Links with tens to hundreds of milliseconds of latency: an exchange every second. */
    public static StateConfig wan() {
        return new Builder().gossipInterval(Duration.ofSeconds(1)).build();
    }

    /** One machine or a test: exchanges every 100 ms, short graces. */
    public static StateConfig local() {
        return new Builder()
                .gossipInterval(Duration.ofMillis(100))
                .tombstoneGrace(Duration.ofSeconds(30))
                .deadNodeGrace(Duration.ofSeconds(30))
                .build();
    }

    /** Looks a preset up by name: {@code lan}, {@code wan}, {@code local}. */
    public static StateConfig preset(String name) {
        return switch (name) {
            case "lan" -> lan();
            case "wan" -> wan();
            case "local" -> local();
            default -> throw new IllegalArgumentException(
                    "unknown preset '" + name + "'; expected one of lan, wan, local");
        };
    }

    /** A builder holding this configuration's values, to override some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /** Mutable builder; starts from the {@code lan} values. */
    public static final class Builder {
        private Duration gossipInterval = Duration.ofMillis(500);
        private int fanout = 3;
        private int maxDeltaBytes = 256 * 1024;
        private Duration tombstoneGrace = Duration.ofHours(1);
        private Duration deadNodeGrace = Duration.ofHours(1);
        private int maxKeyBytes = 256;
        private int maxValueBytes = 64 * 1024;
        private int maxKeysPerNode = 4_096;
        private int maxSubscriptions = 1_024;

        /** Starts from the {@code lan} values. */
        public Builder() {
        }

        private Builder(StateConfig c) {
            gossipInterval = c.gossipInterval;
            fanout = c.fanout;
            maxDeltaBytes = c.maxDeltaBytes;
            tombstoneGrace = c.tombstoneGrace;
            deadNodeGrace = c.deadNodeGrace;
            maxKeyBytes = c.maxKeyBytes;
            maxValueBytes = c.maxValueBytes;
            maxKeysPerNode = c.maxKeysPerNode;
            maxSubscriptions = c.maxSubscriptions;
        }

        /** See {@link StateConfig#gossipInterval()}. */
        public Builder gossipInterval(Duration v) { gossipInterval = v; return this; }

        /** See {@link StateConfig#fanout()}. */
        public Builder fanout(int v) { fanout = v; return this; }

        /** See {@link StateConfig#maxDeltaBytes()}. */
        public Builder maxDeltaBytes(int v) { maxDeltaBytes = v; return this; }

        /** See {@link StateConfig#tombstoneGrace()}. */
        public Builder tombstoneGrace(Duration v) { tombstoneGrace = v; return this; }

        /** See {@link StateConfig#deadNodeGrace()}. */
        public Builder deadNodeGrace(Duration v) { deadNodeGrace = v; return this; }

        /** See {@link StateConfig#maxKeyBytes()}. */
        public Builder maxKeyBytes(int v) { maxKeyBytes = v; return this; }

        /** See {@link StateConfig#maxValueBytes()}. */
        public Builder maxValueBytes(int v) { maxValueBytes = v; return this; }

        /** See {@link StateConfig#maxKeysPerNode()}. */
        public Builder maxKeysPerNode(int v) { maxKeysPerNode = v; return this; }

        /** See {@link StateConfig#maxSubscriptions()}. */
        public Builder maxSubscriptions(int v) { maxSubscriptions = v; return this; }

        /** Validates and builds. */
        public StateConfig build() {
            return new StateConfig(gossipInterval, fanout, maxDeltaBytes, tombstoneGrace, deadNodeGrace,
                    maxKeyBytes, maxValueBytes, maxKeysPerNode, maxSubscriptions);
        }
    }
}

package io.plumtree.engine.membership;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the SWIM core, named and valued as in HashiCorp memberlist. Start from a preset ({@link #lan()},
 * {@link #wan()}, {@link #local()}) and override single values with {@link #toBuilder()}.
 *
 * @param probeInterval           time between probes of successive members (scaled by the awareness score)
 * @param probeTimeout            how long a direct ping may go unanswered before indirect probes (scaled by the
 *                                awareness score); at most {@code probeInterval}
 * @param suspicionMult           multiplier of the shortest suspicion timeout:
 *                                {@code mult * max(1, log10(n)) * probeInterval}; {@code mult - 2} confirmations
 *                                bring a dynamic suspicion down to it
 * @param suspicionMaxTimeoutMult the longest suspicion timeout (no confirmations) as a multiple of the shortest
 * @param gossipInterval          time between dedicated gossip packets
 * @param gossipNodes             members each gossip round sends to
 * @param retransmitMult          an update is piggybacked {@code retransmitMult * ceil(log10(n + 1))} times
 * @param pushPullInterval        time between full state exchanges with one random member (scaled up beyond 32
 *                                members)
 * @param joinSyncDelay           a joined node push-pulls with its seeds once more after a random time between
 *                                this and twice this, so members that joined at about the same time see each
 *                                other without waiting for gossip to carry every one of them (not in memberlist,
 *                                whose first periodic push-pull comes within the scaled interval); zero turns it off
 * @param indirectChecks          members asked to probe a target that missed its direct ping
 * @param awarenessMaxMultiplier  the awareness score stays below it, so intervals stretch at most this many times
 * @param gossipToTheDeadTime     how long dead or left members keep receiving gossip (so a healed partition
 *                                re-merges) and stay in the member list before they are forgotten
 * @param reconnectInterval       while members failed less than {@code reconnectTimeout} ago, every this often a
 *                                node push-pulls, with probability {@code min(1, failed / alive)} (so the cluster
 *                                as a whole makes about one attempt per failed member per interval, as Serf's
 *                                reconnect does), with the next of them in turn at its last address, or, every second
 *                                attempt when it joined through seeds, with the seeds, resolved again: so both sides
 *                                of a partition longer than {@code gossipToTheDeadTime} find each other when it
 *                                heals, and a member restarted at a new address behind a seed name is found (not in
 *                                memberlist; Serf's {@code reconnect_interval}); zero turns it off
 * @param reconnectTimeout        how long after a member failed it is still tried by the reconnect above; a member
 *                                that comes back alive or leaves stops being tried at once
 * @param deadNodeReclaimTime     after how long a dead or left name may come back at another address with any
 *                                incarnation; zero means it may come back once its incarnation is superseded
 * @param packetBudget            most bytes of messages in one datagram (sum of {@code encodedSize()})
 * @param maxMetadataBytes        most bytes of metadata a member may advertise
 * @param maxQueuedUpdates        bound of the piggyback queue; beyond it the most transmitted updates are dropped
 * @param awarenessEnabled        Lifeguard local health awareness (scaled probes, nacks)
 * @param dynamicSuspicion        Lifeguard dynamic suspicion timeouts that shrink with confirmations; off, a
 *                                suspicion lasts the shortest timeout
 * @param buddySystem             Lifeguard buddy system: a suspect is told it is suspected with each ping
 * @param repairStragglers        repairs members that missed a death or a refutation (not in memberlist, where
 *                                only the periodic push-pull does): a member that holds X dead or left answers a
 *                                datagram carrying older news of X (a suspicion, or an alive message of no newer
 *                                incarnation at the same address) with X's death, straight to the sender; a member
 *                                that holds X alive at a newer incarnation (X may be itself) answers an older
 *                                suspicion or death of X with X's alive message, straight to the sender; and a
 *                                member whose suspicion of X is still running after the shortest suspicion timeout,
 *                                for want of confirmations, gossips it once more, so that whoever already holds X
 *                                dead answers
 */
public record SwimConfig(
        Duration probeInterval,
        Duration probeTimeout,
        int suspicionMult,
        int suspicionMaxTimeoutMult,
        Duration gossipInterval,
        int gossipNodes,
        int retransmitMult,
        Duration pushPullInterval,
        Duration joinSyncDelay,
        int indirectChecks,
        int awarenessMaxMultiplier,
        Duration gossipToTheDeadTime,
        Duration reconnectInterval,
        Duration reconnectTimeout,
        Duration deadNodeReclaimTime,
        int packetBudget,
        int maxMetadataBytes,
        int maxQueuedUpdates,
        boolean awarenessEnabled,
        boolean dynamicSuspicion,
        boolean buddySystem,
        boolean repairStragglers) {

    /** Smallest packet budget accepted: room for a ping and a few updates. */
    public static final int MIN_PACKET_BUDGET = 256;

    /** Bytes of a packet budget kept free of metadata, for the rest of an alive message (names, address). */
    public static final int ALIVE_OVERHEAD_RESERVE = 128;

    /** Checks every bound, so a bad value fails at configuration time with the name of the setting. */
    public SwimConfig {
        positive("probeInterval", probeInterval);
        positive("probeTimeout", probeTimeout);
        if (probeTimeout.compareTo(probeInterval) > 0) {
            throw new IllegalArgumentException("probeTimeout (" + probeTimeout
                    + ") must not exceed probeInterval (" + probeInterval + ")");
        }
        positive("suspicionMult", suspicionMult);
        positive("suspicionMaxTimeoutMult", suspicionMaxTimeoutMult);
        positive("gossipInterval", gossipInterval);
        positive("gossipNodes", gossipNodes);
        positive("retransmitMult", retransmitMult);
        positive("pushPullInterval", pushPullInterval);
        Objects.requireNonNull(joinSyncDelay, "joinSyncDelay");
        if (joinSyncDelay.isNegative()) {
            throw new IllegalArgumentException("joinSyncDelay must not be negative, got " + joinSyncDelay);
        }
        notNegative("indirectChecks", indirectChecks);
        positive("awarenessMaxMultiplier", awarenessMaxMultiplier);
        positive("gossipToTheDeadTime", gossipToTheDeadTime);
        Objects.requireNonNull(reconnectInterval, "reconnectInterval");
        if (reconnectInterval.isNegative()) {
            throw new IllegalArgumentException("reconnectInterval must not be negative, got " + reconnectInterval);
        }
        positive("reconnectTimeout", reconnectTimeout);
        Objects.requireNonNull(deadNodeReclaimTime, "deadNodeReclaimTime");
        if (deadNodeReclaimTime.isNegative()) {
            throw new IllegalArgumentException("deadNodeReclaimTime must not be negative, got " + deadNodeReclaimTime);
        }
        if (packetBudget < MIN_PACKET_BUDGET) {
            throw new IllegalArgumentException(
                    "packetBudget must be at least " + MIN_PACKET_BUDGET + " bytes, got " + packetBudget);
        }
        notNegative("maxMetadataBytes", maxMetadataBytes);
        if (maxMetadataBytes > packetBudget - ALIVE_OVERHEAD_RESERVE) {
            throw new IllegalArgumentException("maxMetadataBytes (" + maxMetadataBytes + ") must leave "
                    + ALIVE_OVERHEAD_RESERVE + " bytes of packetBudget (" + packetBudget
                    + ") for the rest of an alive message");
        }
        positive("maxQueuedUpdates", maxQueuedUpdates);
    }

    /** Whether all three parts of Lifeguard are on. */
    public boolean lifeguard() {
        return awarenessEnabled && dynamicSuspicion && buddySystem;
    }

    /** A data-centre network: memberlist's DefaultLANConfig. */
    public static SwimConfig lan() {
        return new Builder().build();
    }

    /** Links with tens to hundreds of milliseconds of latency: memberlist's DefaultWANConfig. */
    public static SwimConfig wan() {
        return new Builder()
                .probeInterval(Duration.ofSeconds(5))
                .probeTimeout(Duration.ofSeconds(3))
                .suspicionMult(6)
                .gossipInterval(Duration.ofMillis(500))
                .gossipNodes(4)
                .retransmitMult(4)
                .pushPullInterval(Duration.ofSeconds(60))
                .joinSyncDelay(Duration.ofSeconds(10))
                .gossipToTheDeadTime(Duration.ofSeconds(60))
                .reconnectInterval(Duration.ofSeconds(10))
                .reconnectTimeout(Duration.ofMinutes(30))
                .build();
    }

    /** One machine or a test: memberlist's DefaultLocalConfig. */
    public static SwimConfig local() {
        return new Builder()
                .probeInterval(Duration.ofSeconds(1))
                .probeTimeout(Duration.ofMillis(200))
                .suspicionMult(3)
                .gossipInterval(Duration.ofMillis(100))
                .pushPullInterval(Duration.ofSeconds(15))
                .joinSyncDelay(Duration.ofSeconds(1))
                .gossipToTheDeadTime(Duration.ofSeconds(15))
                .reconnectInterval(Duration.ofSeconds(1))
                .reconnectTimeout(Duration.ofMinutes(2))
                .build();
    }

    /** Looks a preset up by name: {@code lan}, {@code wan}, {@code local}. */
    public static SwimConfig preset(String name) {
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

    private static void notNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
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
        private Duration probeInterval = Duration.ofSeconds(1);
        private Duration probeTimeout = Duration.ofMillis(500);
        private int suspicionMult = 4;
        private int suspicionMaxTimeoutMult = 6;
        private Duration gossipInterval = Duration.ofMillis(200);
        private int gossipNodes = 3;
        private int retransmitMult = 4;
        private Duration pushPullInterval = Duration.ofSeconds(30);
        private Duration joinSyncDelay = Duration.ofSeconds(2);
        private int indirectChecks = 3;
        private int awarenessMaxMultiplier = 8;
        private Duration gossipToTheDeadTime = Duration.ofSeconds(30);
        private Duration reconnectInterval = Duration.ofSeconds(2);
        private Duration reconnectTimeout = Duration.ofMinutes(10);
        private Duration deadNodeReclaimTime = Duration.ZERO;
        private int packetBudget = 1_400;
        private int maxMetadataBytes = 512;
        private int maxQueuedUpdates = 1_024;
        private boolean awarenessEnabled = true;
        private boolean dynamicSuspicion = true;
        private boolean buddySystem = true;
        private boolean repairStragglers = true;

        /** Starts from the {@code lan} values. */
        public Builder() {
        }

        private Builder(SwimConfig c) {
            probeInterval = c.probeInterval;
            probeTimeout = c.probeTimeout;
            suspicionMult = c.suspicionMult;
            suspicionMaxTimeoutMult = c.suspicionMaxTimeoutMult;
            gossipInterval = c.gossipInterval;
            gossipNodes = c.gossipNodes;
            retransmitMult = c.retransmitMult;
            pushPullInterval = c.pushPullInterval;
            joinSyncDelay = c.joinSyncDelay;
            indirectChecks = c.indirectChecks;
            awarenessMaxMultiplier = c.awarenessMaxMultiplier;
            gossipToTheDeadTime = c.gossipToTheDeadTime;
            reconnectInterval = c.reconnectInterval;
            reconnectTimeout = c.reconnectTimeout;
            deadNodeReclaimTime = c.deadNodeReclaimTime;
            packetBudget = c.packetBudget;
            maxMetadataBytes = c.maxMetadataBytes;
            maxQueuedUpdates = c.maxQueuedUpdates;
            awarenessEnabled = c.awarenessEnabled;
            dynamicSuspicion = c.dynamicSuspicion;
            buddySystem = c.buddySystem;
            repairStragglers = c.repairStragglers;
        }

        /** See {@link SwimConfig#joinSyncDelay()}. */
        public Builder joinSyncDelay(Duration v) { joinSyncDelay = v; return this; }

        /** See {@link SwimConfig#probeInterval()}. */
        public Builder probeInterval(Duration v) { probeInterval = v; return this; }

        /** See {@link SwimConfig#probeTimeout()}. */
        public Builder probeTimeout(Duration v) { probeTimeout = v; return this; }

        /** See {@link SwimConfig#suspicionMult()}. */
        public Builder suspicionMult(int v) { suspicionMult = v; return this; }

        /** See {@link SwimConfig#suspicionMaxTimeoutMult()}. */
        public Builder suspicionMaxTimeoutMult(int v) { suspicionMaxTimeoutMult = v; return this; }

        /** See {@link SwimConfig#gossipInterval()}. */
        public Builder gossipInterval(Duration v) { gossipInterval = v; return this; }

        /** See {@link SwimConfig#gossipNodes()}. */
        public Builder gossipNodes(int v) { gossipNodes = v; return this; }

        /** See {@link SwimConfig#retransmitMult()}. */
        public Builder retransmitMult(int v) { retransmitMult = v; return this; }

        /** See {@link SwimConfig#pushPullInterval()}. */
        public Builder pushPullInterval(Duration v) { pushPullInterval = v; return this; }

        /** See {@link SwimConfig#indirectChecks()}. */
        public Builder indirectChecks(int v) { indirectChecks = v; return this; }

        /** See {@link SwimConfig#awarenessMaxMultiplier()}. */
        public Builder awarenessMaxMultiplier(int v) { awarenessMaxMultiplier = v; return this; }

        /** See {@link SwimConfig#gossipToTheDeadTime()}. */
        public Builder gossipToTheDeadTime(Duration v) { gossipToTheDeadTime = v; return this; }

        /** See {@link SwimConfig#reconnectInterval()}. */
        public Builder reconnectInterval(Duration v) { reconnectInterval = v; return this; }

        /** See {@link SwimConfig#reconnectTimeout()}. */
        public Builder reconnectTimeout(Duration v) { reconnectTimeout = v; return this; }

        /** See {@link SwimConfig#deadNodeReclaimTime()}. */
        public Builder deadNodeReclaimTime(Duration v) { deadNodeReclaimTime = v; return this; }

        /** See {@link SwimConfig#packetBudget()}. */
        public Builder packetBudget(int v) { packetBudget = v; return this; }

        /** See {@link SwimConfig#maxMetadataBytes()}. */
        public Builder maxMetadataBytes(int v) { maxMetadataBytes = v; return this; }

        /** See {@link SwimConfig#maxQueuedUpdates()}. */
        public Builder maxQueuedUpdates(int v) { maxQueuedUpdates = v; return this; }

        /** See {@link SwimConfig#awarenessEnabled()}. */
        public Builder awarenessEnabled(boolean v) { awarenessEnabled = v; return this; }

        /** See {@link SwimConfig#dynamicSuspicion()}. */
        public Builder dynamicSuspicion(boolean v) { dynamicSuspicion = v; return this; }

        /** See {@link SwimConfig#buddySystem()}. */
        public Builder buddySystem(boolean v) { buddySystem = v; return this; }

        /** See {@link SwimConfig#repairStragglers()}. */
        public Builder repairStragglers(boolean v) { repairStragglers = v; return this; }

        /** Turns all three parts of Lifeguard on or off together (plain SWIM when off, for comparison). */
        public Builder lifeguard(boolean v) {
            awarenessEnabled = v;
            dynamicSuspicion = v;
            buddySystem = v;
            return this;
        }

        /** Validates and builds. */
        public SwimConfig build() {
            return new SwimConfig(probeInterval, probeTimeout, suspicionMult, suspicionMaxTimeoutMult,
                    gossipInterval, gossipNodes, retransmitMult, pushPullInterval, joinSyncDelay, indirectChecks,
                    awarenessMaxMultiplier, gossipToTheDeadTime, reconnectInterval, reconnectTimeout,
                    deadNodeReclaimTime, packetBudget,
                    maxMetadataBytes, maxQueuedUpdates, awarenessEnabled, dynamicSuspicion, buddySystem,
                    repairStragglers);
        }
    }
}

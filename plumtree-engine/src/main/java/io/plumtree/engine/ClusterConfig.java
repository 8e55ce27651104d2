package io.plumtree.engine;

import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.membership.SwimConfig;
import io.plumtree.engine.net.HostPort;
import io.plumtree.engine.net.LinkFaults;
import io.plumtree.engine.state.StateConfig;
import io.plumtree.engine.wire.Keyring;
import io.plumtree.engine.wire.WireLimits;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Everything a {@link ClusterNode} needs: who it is, where it listens, how to find the cluster, and every protocol
 * tunable. Immutable; build one with {@link #builder()}, starting from the {@code lan} preset, and override single
 * values. Every value is checked when {@link Builder#build()} runs, so a bad one fails there with its name.
 */
public final class ClusterConfig {

    /** memberlist's default port, for UDP and TCP alike. */
    public static final int DEFAULT_PORT = 7946;

    /** This node's name, unique in the cluster. */
    private final NodeId nodeName;
    /** The cluster label on every packet and frame: traffic with another label is dropped and counted. */
    private final String clusterName;
    /** Interface to bind UDP and TCP to; {@code 0.0.0.0} for all. */
    private final String bindHost;
    /** Port for both UDP and TCP; 0 picks a free one. */
    private final int port;
    /** Host other members reach this node at, or null to derive it from the bind host. */
    private final String advertiseHost;
    /** Port other members reach this node at, or 0 for the bound port. */
    private final int advertisePort;
    /** Seeds, {@code host:port}; a DNS name is resolved at every join attempt and all its addresses are tried. */
    private final List<String> seeds;
    /** AES-GCM keys (16, 24 or 32 bytes), the first one the primary; empty for clear traffic. */
    private final List<byte[]> keys;
    /** This node's metadata, spread to every member. */
    private final byte[] metadata;
    /** Membership tunables. */
    private final SwimConfig membership;
    /** Broadcast tunables. */
    private final PlumtreeConfig broadcast;
    /** Sizes the codec writes and accepts. */
    private final WireLimits wireLimits;
    /** Bound on the bytes queued to one peer; beyond it eager pushes are dropped and the peer demoted to lazy. */
    private final long maxQueuedBytesPerPeer;
    /** Bound on the bytes queued to all peers; beyond it local broadcasts wait, then fail. */
    private final long maxQueuedBytes;
    /**
     * Bytes queued to one peer above which this node stops reading streams and holds local broadcasts back until that
     * queue is down to half of it, so a slow peer slows its upstream instead of overflowing its queue (which drops
     * eager pushes and leaves Plumtree to repair them). Kept well below what the link carries in a graft timeout, so
     * queueing delay does not look like a lost push.
     */
    private final long backPressureBytes;
    /** How long a broadcast may wait for queues to drain below {@link #maxQueuedBytes}; zero fails at once. */
    private final Duration broadcastTimeout;
    /**
     * Most broadcasts given to {@link ClusterNode#broadcast} and not yet handed to the network (their futures not
     * complete); a broadcast beyond it waits until half of them are done, up to {@link #broadcastTimeout}, then fails.
     */
    private final int maxPendingBroadcasts;
    /** How long a TCP connect may take. */
    private final Duration connectTimeout;
    /** First wait before connecting again to an address that failed; doubles on every failure. */
    private final Duration reconnectBackoff;
    /** Longest wait before connecting again. */
    private final Duration maxReconnectBackoff;
    /** A connection with no traffic either way for this long is closed (it is reopened on demand). */
    private final Duration idleTimeout;
    /** How long {@code join} keeps trying the seeds before it fails. */
    private final Duration joinTimeout;
    /** Pause between join attempts (each resolves the seeds again). */
    private final Duration joinRetryInterval;
    /** How long {@code leave} lets the announcement of leaving spread before it completes. */
    private final Duration leavePropagation;
    /** Where listeners run, or null for a thread of the node's own. */
    private final Executor deliveryExecutor;
    /** Most deliveries and events waiting for listeners; what happens beyond it is {@link #deliveryOverflow}. */
    private final int maxDeliveryBacklog;
    /** What the node does while {@link #maxDeliveryBacklog} deliveries wait: stop reading streams, or drop. */
    private final DeliveryOverflow deliveryOverflow;
    /** Faults injected into this node's outbound datagrams and frames (tests and demos); {@link LinkFaults#NONE}. */
    private final LinkFaults linkFaults;
    /**
     * Longest time a delivery waits for a missing predecessor from its origin, so listeners see each origin's
     * messages in the order it sent them; zero delivers as messages arrive.
     */
    private final Duration deliveryOrderWait;
    /** Replicated key-value state tunables, or null to run without replicated state. */
    private final StateConfig state;
    /** Whether {@link ClusterNode#start} rehearses a join in memory, in the background. */
    private final boolean joinRehearsal;

    private ClusterConfig(Builder b) {
        this.nodeName = b.nodeName != null ? b.nodeName : defaultName();
        this.clusterName = b.clusterName;
        this.bindHost = b.bindHost;
        this.port = b.port;
        this.advertiseHost = b.advertiseHost;
        this.advertisePort = b.advertisePort;
        this.seeds = List.copyOf(b.seeds);
        this.keys = b.keys.stream().map(byte[]::clone).toList();
        this.metadata = b.metadata.clone();
        this.membership = b.membership;
        this.broadcast = b.broadcast;
        this.wireLimits = b.wireLimits;
        this.maxQueuedBytesPerPeer = b.maxQueuedBytesPerPeer;
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.backPressureBytes = b.backPressureBytes;
        this.broadcastTimeout = b.broadcastTimeout;
        this.maxPendingBroadcasts = b.maxPendingBroadcasts;
        this.connectTimeout = b.connectTimeout;
        this.reconnectBackoff = b.reconnectBackoff;
        this.maxReconnectBackoff = b.maxReconnectBackoff;
        this.idleTimeout = b.idleTimeout;
        this.joinTimeout = b.joinTimeout;
        this.joinRetryInterval = b.joinRetryInterval;
        this.leavePropagation = b.leavePropagation;
        this.deliveryExecutor = b.deliveryExecutor;
        this.maxDeliveryBacklog = b.maxDeliveryBacklog;
        this.deliveryOverflow = Objects.requireNonNull(b.deliveryOverflow, "deliveryOverflow");
        this.linkFaults = Objects.requireNonNull(b.linkFaults, "linkFaults");
        this.deliveryOrderWait = b.deliveryOrderWait;
        this.state = b.state;
        this.joinRehearsal = b.joinRehearsal;
        validate();
    }

    private void validate() {
        if (clusterName.getBytes(StandardCharsets.UTF_8).length > WireLimits.MAX_LABEL_BYTES) {
            throw new IllegalArgumentException("clusterName must be at most " + WireLimits.MAX_LABEL_BYTES
                    + " bytes of UTF-8");
        }
        checkPort("port", port);
        checkPort("advertisePort", advertisePort);
        for (String seed : seeds) {
            HostPort.parse(seed);
        }
        if (!keys.isEmpty()) {
            Keyring.of(keys.toArray(byte[][]::new));
        }
        if (metadata.length > membership.maxMetadataBytes()) {
            throw new IllegalArgumentException("metadata is " + metadata.length + " bytes; membership.maxMetadataBytes is "
                    + membership.maxMetadataBytes());
        }
        if (broadcast.maxPayloadBytes() > wireLimits.maxPayloadBytes()) {
            throw new IllegalArgumentException("broadcast.maxPayloadBytes (" + broadcast.maxPayloadBytes()
                    + ") exceeds wireLimits.maxPayloadBytes (" + wireLimits.maxPayloadBytes() + ")");
        }
        long sealedBudget = membership.packetBudget() + 5L + clusterName.getBytes(StandardCharsets.UTF_8).length + 2
                + (keys.isEmpty() ? 0 : 28);
        if (sealedBudget > wireLimits.maxDatagramBytes()) {
            throw new IllegalArgumentException("membership.packetBudget (" + membership.packetBudget()
                    + ") plus the packet header for this cluster name" + (keys.isEmpty() ? "" : " and sealing")
                    + " is " + sealedBudget + " bytes, over wireLimits.maxDatagramBytes ("
                    + wireLimits.maxDatagramBytes() + "); shorten the cluster name or lower the packet budget");
        }
        if (maxQueuedBytesPerPeer < wireLimits.maxFrameBytes() + 4L) {
            throw new IllegalArgumentException("maxQueuedBytesPerPeer (" + maxQueuedBytesPerPeer
                    + ") must hold the largest frame (" + (wireLimits.maxFrameBytes() + 4L) + " bytes)");
        }
        if (maxQueuedBytes < maxQueuedBytesPerPeer) {
            throw new IllegalArgumentException("maxQueuedBytes (" + maxQueuedBytes
                    + ") must be at least maxQueuedBytesPerPeer (" + maxQueuedBytesPerPeer + ")");
        }
        if (backPressureBytes < 1 || backPressureBytes > maxQueuedBytesPerPeer) {
            throw new IllegalArgumentException("backPressureBytes (" + backPressureBytes
                    + ") must be positive and at most maxQueuedBytesPerPeer (" + maxQueuedBytesPerPeer + ")");
        }
        notNegative("broadcastTimeout", broadcastTimeout);
        if (maxPendingBroadcasts < 2) {
            throw new IllegalArgumentException("maxPendingBroadcasts (" + maxPendingBroadcasts + ") must be at least 2");
        }
        positive("connectTimeout", connectTimeout);
        positive("reconnectBackoff", reconnectBackoff);
        positive("maxReconnectBackoff", maxReconnectBackoff);
        if (maxReconnectBackoff.compareTo(reconnectBackoff) < 0) {
            throw new IllegalArgumentException("maxReconnectBackoff must be at least reconnectBackoff");
        }
        positive("idleTimeout", idleTimeout);
        positive("joinTimeout", joinTimeout);
        positive("joinRetryInterval", joinRetryInterval);
        notNegative("leavePropagation", leavePropagation);
        notNegative("deliveryOrderWait", deliveryOrderWait);
        if (maxDeliveryBacklog < 1) {
            throw new IllegalArgumentException("maxDeliveryBacklog must be positive, got " + maxDeliveryBacklog);
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, got " + port);
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
    }

    private static void notNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + d);
        }
    }

    /** The host name (a pod name in Kubernetes) and a random suffix, so two instances on one host differ. */
    private static NodeId defaultName() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        String name = host + "-" + HexFormat.of().formatHex(suffix);
        return new NodeId(name.length() > NodeId.MAX_LENGTH ? name.substring(name.length() - NodeId.MAX_LENGTH)
                : name);
    }

    /** A builder starting from the {@code lan} preset. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This node's name, unique in the cluster. */
    public NodeId nodeName() {
        return nodeName;
    }

    /** The cluster label carried by every packet and frame. */
    public String clusterName() {
        return clusterName;
    }

    /** Interface UDP and TCP bind to. */
    public String bindHost() {
        return bindHost;
    }

    /** Port for UDP and TCP; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** Host advertised to other members, or null to derive it from the bind host. */
    public String advertiseHost() {
        return advertiseHost;
    }

    /** Port advertised to other members, or 0 for the bound port. */
    public int advertisePort() {
        return advertisePort;
    }

    /** Seed addresses, {@code host:port}. */
    public List<String> seeds() {
        return seeds;
    }

    /** AES-GCM keys, primary first (copies); empty when traffic is clear. */
    public List<byte[]> keys() {
        return keys.stream().map(byte[]::clone).toList();
    }

    /** This node's metadata (a copy). */
    public byte[] metadata() {
        return metadata.clone();
    }

    /** Membership tunables. */
    public SwimConfig membership() {
        return membership;
    }

    /** Broadcast tunables. */
    public PlumtreeConfig broadcast() {
        return broadcast;
    }

    /** Codec limits. */
    public WireLimits wireLimits() {
        return wireLimits;
    }

    /** Bound on the bytes queued to one peer. */
    public long maxQueuedBytesPerPeer() {
        return maxQueuedBytesPerPeer;
    }

    /** Bound on the bytes queued to all peers, beyond which local broadcasts wait and then fail. */
    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /** Bytes queued to one peer above which stream reads pause and local broadcasts wait, until half drained. */
    public long backPressureBytes() {
        return backPressureBytes;
    }

    /** How long a broadcast may wait for the queues to drain; zero fails at once. */
    public Duration broadcastTimeout() {
        return broadcastTimeout;
    }

    /**
     * Most broadcasts pending (given to {@link ClusterNode#broadcast}, future not complete); beyond it a broadcast
     * blocks its caller until half of them are done, up to {@link #broadcastTimeout}, then fails.
     */
    public int maxPendingBroadcasts() {
        return maxPendingBroadcasts;
    }

    /** How long a TCP connect may take. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** First wait before reconnecting to an address that failed. */
    public Duration reconnectBackoff() {
        return reconnectBackoff;
    }

    /** Longest wait before reconnecting. */
    public Duration maxReconnectBackoff() {
        return maxReconnectBackoff;
    }

    /** Idle time after which a connection is closed. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long {@code join} keeps trying. */
    public Duration joinTimeout() {
        return joinTimeout;
    }

    /** Pause between join attempts. */
    public Duration joinRetryInterval() {
        return joinRetryInterval;
    }

    /** How long {@code leave} lets the announcement spread. */
    public Duration leavePropagation() {
        return leavePropagation;
    }

    /** Where listeners run, or null for a thread of the node's own. */
    public Executor deliveryExecutor() {
        return deliveryExecutor;
    }

    /** Most deliveries and events waiting for listeners; what happens beyond is {@link #deliveryOverflow()}. */
    public int maxDeliveryBacklog() {
        return maxDeliveryBacklog;
    }

    /** What the node does while {@link #maxDeliveryBacklog()} deliveries wait for listeners. */
    public DeliveryOverflow deliveryOverflow() {
        return deliveryOverflow;
    }

    /** Faults injected into this node's outbound datagrams and frames; {@link LinkFaults#NONE} unless testing. */
    public LinkFaults linkFaults() {
        return linkFaults;
    }

    /** Replicated key-value state tunables, or null when the node runs without replicated state. */
    public StateConfig state() {
        return state;
    }

    /** Longest wait for a missing predecessor before a delivery goes out of order; zero turns ordering off. */
    public Duration deliveryOrderWait() {
        return deliveryOrderWait;
    }

    /** Whether starting the node rehearses a join in memory, in the background (see {@link Builder#joinRehearsal}). */
    public boolean joinRehearsal() {
        return joinRehearsal;
    }

    @Override
    public String toString() {
        return "ClusterConfig[node=" + nodeName + ", cluster=" + clusterName + ", bind=" + bindHost + ":" + port
                + ", advertise=" + (advertiseHost == null ? "(derived)" : advertiseHost) + ":"
                + (advertisePort == 0 ? "(bound)" : advertisePort) + ", seeds=" + seeds + ", keys=" + keys.size()
                + ", metadata=" + metadata.length + " bytes]";
    }

    /** Mutable builder of a {@link ClusterConfig}; starts from the {@code lan} preset. */
    public static final class Builder {
        private NodeId nodeName;
        private String clusterName = "plumtree";
        private String bindHost = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private String advertiseHost;
        private int advertisePort;
        private List<String> seeds = new ArrayList<>();
        private List<byte[]> keys = new ArrayList<>();
        private byte[] metadata = new byte[0];
        private SwimConfig membership = SwimConfig.lan();
        private PlumtreeConfig broadcast = PlumtreeConfig.lan();
        private WireLimits wireLimits = WireLimits.defaults();
        private long maxQueuedBytesPerPeer = 16L << 20;
        private long maxQueuedBytes = 64L << 20;
        private long backPressureBytes = 1L << 20;
        private Duration broadcastTimeout = Duration.ZERO;
        private int maxPendingBroadcasts = 1024;
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration reconnectBackoff = Duration.ofMillis(100);
        private Duration maxReconnectBackoff = Duration.ofSeconds(5);
        private Duration idleTimeout = Duration.ofMinutes(2);
        private Duration joinTimeout = Duration.ofSeconds(10);
        private Duration joinRetryInterval = Duration.ofSeconds(1);
        private Duration leavePropagation = Duration.ofSeconds(1);
        private Executor deliveryExecutor;
        private int maxDeliveryBacklog = 100_000;
        private DeliveryOverflow deliveryOverflow = DeliveryOverflow.PAUSE_READS;
        private LinkFaults linkFaults = LinkFaults.NONE;
        private Duration deliveryOrderWait = Duration.ofSeconds(5);
        private StateConfig state;
        private boolean joinRehearsal = true;

        private Builder() {
        }

        private Builder(ClusterConfig c) {
            nodeName = c.nodeName;
            clusterName = c.clusterName;
            bindHost = c.bindHost;
            port = c.port;
            advertiseHost = c.advertiseHost;
            advertisePort = c.advertisePort;
            seeds = new ArrayList<>(c.seeds);
            keys = new ArrayList<>(c.keys);
            metadata = c.metadata;
            membership = c.membership;
            broadcast = c.broadcast;
            wireLimits = c.wireLimits;
            maxQueuedBytesPerPeer = c.maxQueuedBytesPerPeer;
            maxQueuedBytes = c.maxQueuedBytes;
            backPressureBytes = c.backPressureBytes;
            broadcastTimeout = c.broadcastTimeout;
            maxPendingBroadcasts = c.maxPendingBroadcasts;
            connectTimeout = c.connectTimeout;
            reconnectBackoff = c.reconnectBackoff;
            maxReconnectBackoff = c.maxReconnectBackoff;
            idleTimeout = c.idleTimeout;
            joinTimeout = c.joinTimeout;
            joinRetryInterval = c.joinRetryInterval;
            leavePropagation = c.leavePropagation;
            deliveryExecutor = c.deliveryExecutor;
            maxDeliveryBacklog = c.maxDeliveryBacklog;
            deliveryOverflow = c.deliveryOverflow;
            linkFaults = c.linkFaults;
            deliveryOrderWait = c.deliveryOrderWait;
            state = c.state;
            joinRehearsal = c.joinRehearsal;
        }

        /**
         * Sets the membership and broadcast tunables to a preset: {@code lan} (the default; memberlist's LAN values),
         * {@code wan} or {@code local} (one machine, tests).
         */
        public Builder preset(String name) {
            membership = SwimConfig.preset(name);
            broadcast = PlumtreeConfig.preset(name);
            return this;
        }

        /** This node's name; by default the host name and a random suffix. */
        public Builder nodeName(String v) {
            nodeName = new NodeId(v);
            return this;
        }

        /** The cluster label (default {@code plumtree}). */
        public Builder clusterName(String v) {
            clusterName = Objects.requireNonNull(v, "clusterName");
            return this;
        }

        /** Interface to bind to (default {@code 0.0.0.0}). */
        public Builder bindHost(String v) {
            bindHost = Objects.requireNonNull(v, "bindHost");
            return this;
        }

        /** Port for UDP and TCP (default {@value ClusterConfig#DEFAULT_PORT}; 0 picks a free one). */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /** Host other members reach this node at (default: the bind host, or this host's address when it is 0.0.0.0). */
        public Builder advertiseHost(String v) {
            advertiseHost = v;
            return this;
        }

        /** Port other members reach this node at (default: the bound port). */
        public Builder advertisePort(int v) {
            advertisePort = v;
            return this;
        }

        /** Seed addresses, {@code host:port} each. */
        public Builder seeds(List<String> v) {
            seeds = new ArrayList<>(Objects.requireNonNull(v, "seeds"));
            return this;
        }

        /** Seed addresses, {@code host:port} each. */
        public Builder seeds(String... v) {
            return seeds(List.of(v));
        }

        /** AES-GCM keys of 16, 24 or 32 bytes, primary first; none for clear traffic (the default). */
        public Builder keys(List<byte[]> v) {
            keys = new ArrayList<>(Objects.requireNonNull(v, "keys").stream().map(byte[]::clone).toList());
            return this;
        }

        /** This node's metadata (default empty), at most {@code membership.maxMetadataBytes}. */
        public Builder metadata(byte[] v) {
            metadata = Objects.requireNonNull(v, "metadata").clone();
            return this;
        }

        /** Membership tunables (default {@link SwimConfig#lan()}). */
        public Builder membership(SwimConfig v) {
            membership = Objects.requireNonNull(v, "membership");
            return this;
        }

        /** Broadcast tunables (default {@link PlumtreeConfig#lan()}). */
        public Builder broadcast(PlumtreeConfig v) {
            broadcast = Objects.requireNonNull(v, "broadcast");
            return this;
        }

        /** Codec limits (default {@link WireLimits#defaults()}). */
        public Builder wireLimits(WireLimits v) {
            wireLimits = Objects.requireNonNull(v, "wireLimits");
            return this;
        }

        /** Bytes queued to one peer before eager pushes to it are dropped (default 16 MiB). */
        public Builder maxQueuedBytesPerPeer(long v) {
            maxQueuedBytesPerPeer = v;
            return this;
        }

        /** Bytes queued to all peers before local broadcasts wait (default 64 MiB). */
        public Builder maxQueuedBytes(long v) {
            maxQueuedBytes = v;
            return this;
        }

        /**
         * Bytes queued to one peer above which this node stops reading streams and holds local broadcasts until the
         * queue is half drained (default 1 MiB; at most {@code maxQueuedBytesPerPeer}).
         */
        public Builder backPressureBytes(long v) {
            backPressureBytes = v;
            return this;
        }

        /** How long a broadcast may wait for the queues to drain (default 0: fail at once). */
        public Builder broadcastTimeout(Duration v) {
            broadcastTimeout = v;
            return this;
        }

        /**
         * Most broadcasts pending: given to {@link ClusterNode#broadcast} and not yet handed to the network (default
         * 1,024; at least 2). A broadcast beyond it blocks its caller until half of them are done, at most
         * {@code broadcastTimeout}, then fails with {@link ClusterOverloadedException}; so a publisher faster than the
         * network neither grows a queue without bound nor wakes up once per message.
         */
        public Builder maxPendingBroadcasts(int v) {
            maxPendingBroadcasts = v;
            return this;
        }

        /** How long a TCP connect may take (default 3 s). */
        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        /** First wait before reconnecting to an address that failed (default 100 ms, doubling). */
        public Builder reconnectBackoff(Duration v) {
            reconnectBackoff = v;
            return this;
        }

        /** Longest wait before reconnecting (default 5 s). */
        public Builder maxReconnectBackoff(Duration v) {
            maxReconnectBackoff = v;
            return this;
        }

        /** Idle time after which a connection is closed (default 2 min). */
        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        /** How long {@code join} keeps trying the seeds (default 10 s). */
        public Builder joinTimeout(Duration v) {
            joinTimeout = v;
            return this;
        }

        /** Pause between join attempts (default 1 s). */
        public Builder joinRetryInterval(Duration v) {
            joinRetryInterval = v;
            return this;
        }

        /** How long {@code leave} lets the announcement spread (default 1 s). */
        public Builder leavePropagation(Duration v) {
            leavePropagation = v;
            return this;
        }

        /** Where listeners run (default: a thread of the node's own). */
        public Builder deliveryExecutor(Executor v) {
            deliveryExecutor = v;
            return this;
        }

        /** Most deliveries waiting for listeners (default 100,000); see {@link #deliveryOverflow}. */
        public Builder maxDeliveryBacklog(int v) {
            maxDeliveryBacklog = v;
            return this;
        }

        /**
         * What the node does while {@code maxDeliveryBacklog} deliveries wait for listeners (default
         * {@link DeliveryOverflow#PAUSE_READS}: the node stops reading streams, and its peers' queues absorb the rest;
         * {@link DeliveryOverflow#DROP}: it keeps reading and drops deliveries, counted).
         */
        public Builder deliveryOverflow(DeliveryOverflow v) {
            deliveryOverflow = v;
            return this;
        }

        /** Faults to inject into this node's outbound datagrams and frames, for tests and demos (default none). */
        public Builder linkFaults(LinkFaults v) {
            linkFaults = v;
            return this;
        }

        /**
         * Longest time a delivery waits for a missing predecessor from its origin (default 5 s), so listeners see
         * each origin's messages in the order it sent them; {@link Duration#ZERO} delivers as messages arrive.
         */
        public Builder deliveryOrderWait(Duration v) {
            deliveryOrderWait = v;
            return this;
        }

        /**
         * Turns on the replicated key-value state with these tunables (for example {@link StateConfig#lan()}); null
         * (the default) runs without it.
         */
        public Builder state(StateConfig v) {
            state = v;
            return this;
        }

        /**
         * Whether {@link ClusterNode#start} rehearses a join once per JVM (default true): on a background thread,
         * three simulated nodes join and gossip for ten virtual seconds through the real node cores and wire codecs,
         * about 70 ms of CPU on a cold JVM. A cold JVM's first join otherwise loads, verifies and first interprets the
         * classes it needs while its peers wait for its answers; started with the node, the rehearsal has them ready
         * by the time the application joins (measurements in docs/runtime.md).
         */
        public Builder joinRehearsal(boolean v) {
            joinRehearsal = v;
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException naming the first bad value
         */
        public ClusterConfig build() {
            return new ClusterConfig(this);
        }
    }
}

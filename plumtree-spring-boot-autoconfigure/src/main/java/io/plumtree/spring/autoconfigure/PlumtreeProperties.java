package io.plumtree.spring.autoconfigure;

import io.plumtree.engine.DeliveryOverflow;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration of the plumtree cluster node, under {@code plumtree.*} in {@code application.yml}. The preset sets
 * the base value of every membership and broadcast tunable; any single value can be overridden.
 */
@ConfigurationProperties("plumtree")
public class PlumtreeProperties {

    /** Whether to start a cluster node at all; false turns every part of plumtree off. */
    private boolean enabled = true;

    /**
     * This node's name, unique in the cluster. Unset: the pod name in Kubernetes (stable for a StatefulSet),
     * otherwise the host name and the port, or the host name and a random suffix when the port is 0.
     */
    private String nodeName;

    /**
     * The cluster label on every packet and frame; traffic with another label is dropped. Unset:
     * spring.application.name, or 'plumtree'.
     */
    private String clusterName;

    /** Interface to bind UDP and TCP to; 0.0.0.0 for all. */
    private String bindAddress = "0.0.0.0";

    /** Port for both UDP and TCP (memberlist's default, as the engine's); 0 picks a free one. */
    private int port = 7946;

    /**
     * Host other members reach this node at; unset: the bind address, or this host's address when binding to all
     * interfaces.
     */
    private String advertiseAddress;

    /** Port other members reach this node at; 0: the bound port. */
    private int advertisePort;

    /**
     * Addresses of members to join through, host:port each; a DNS name (a Kubernetes headless service) is resolved
     * at every attempt and all its addresses are tried. Empty: this node starts a cluster of its own.
     */
    private List<String> seeds = new ArrayList<>();

    /**
     * Base values of every membership and broadcast tunable: lan (data centre), wan (high latency links), local (one
     * machine, tests) or large-cluster (lan, with a wider broadcast fanout for thousands of members).
     */
    private String preset = "lan";

    /**
     * AES-GCM keys, Base64 of 16, 24 or 32 bytes each, the first one used to seal; the others are accepted too, for
     * rotation. Empty: clear traffic.
     */
    private List<String> keys = new ArrayList<>();

    /**
     * This node's metadata, spread to every member and shown by the plumtree endpoint; at most
     * membership.max-metadata-bytes once encoded.
     */
    private Map<String, String> metadata = new LinkedHashMap<>();

    /**
     * On shutdown, how long the announcement of leaving may spread before the node closes, so the others record it
     * as left, not failed.
     */
    private Duration leavePropagation = Duration.ofSeconds(1);

    /** Joining. */
    private final Join join = new Join();

    /** TCP connections. */
    private final Connection connection = new Connection();

    /** Outbound queues. */
    private final Queue queue = new Queue();

    /** Delivery to the application. */
    private final Delivery delivery = new Delivery();

    /** The replicated key-value state every member advertises (see docs/state.md). */
    private final State state = new State();

    /** Membership tunables. */
    private final Membership membership = new Membership();

    /** Broadcast tunables. */
    private final Broadcast broadcast = new Broadcast();

    /** Codec limits. */
    private final Wire wire = new Wire();

    /** Events in and out. */
    private final Events events = new Events();

    /** Health contributor. */
    private final Health health = new Health();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getNodeName() {
        return nodeName;
    }

    public void setNodeName(String nodeName) {
        this.nodeName = nodeName;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getAdvertiseAddress() {
        return advertiseAddress;
    }

    public void setAdvertiseAddress(String advertiseAddress) {
        this.advertiseAddress = advertiseAddress;
    }

    public int getAdvertisePort() {
        return advertisePort;
    }

    public void setAdvertisePort(int advertisePort) {
        this.advertisePort = advertisePort;
    }

    public List<String> getSeeds() {
        return seeds;
    }

    public void setSeeds(List<String> seeds) {
        this.seeds = seeds;
    }

    public String getPreset() {
        return preset;
    }

    public void setPreset(String preset) {
        this.preset = preset;
    }

    public List<String> getKeys() {
        return keys;
    }

    public void setKeys(List<String> keys) {
        this.keys = keys;
    }

    public Map<String, String> getMetadata() {
        return metadata;
    }

    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    public Duration getLeavePropagation() {
        return leavePropagation;
    }

    public void setLeavePropagation(Duration leavePropagation) {
        this.leavePropagation = leavePropagation;
    }

    public Join getJoin() {
        return join;
    }

    public Connection getConnection() {
        return connection;
    }

    public Queue getQueue() {
        return queue;
    }

    public Delivery getDelivery() {
        return delivery;
    }

    public State getState() {
        return state;
    }

    public Membership getMembership() {
        return membership;
    }

    public Broadcast getBroadcast() {
        return broadcast;
    }

    public Wire getWire() {
        return wire;
    }

    public Events getEvents() {
        return events;
    }

    public Health getHealth() {
        return health;
    }

    /** How the node finds the cluster when the application starts. */
    public static class Join {

        /**
         * How long one join keeps trying the seeds before it counts as failed; the node then keeps running alone
         * and tries again in the background until a seed answers or the application stops.
         */
        private Duration timeout = Duration.ofSeconds(10);

        /** Pause between join attempts; every attempt resolves the seeds' DNS names again. */
        private Duration retryInterval = Duration.ofSeconds(1);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        public Duration getRetryInterval() {
            return retryInterval;
        }

        public void setRetryInterval(Duration retryInterval) {
            this.retryInterval = retryInterval;
        }
    }

    /** TCP connections between members (broadcast traffic and state sync). */
    public static class Connection {

        /** How long a TCP connect may take. */
        private Duration connectTimeout = Duration.ofSeconds(3);

        /** First wait before connecting again to an address that failed; doubles on every failure. */
        private Duration reconnectBackoff = Duration.ofMillis(100);

        /** Longest wait before connecting again. */
        private Duration maxReconnectBackoff = Duration.ofSeconds(5);

        /** A connection with no traffic either way for this long is closed; it is reopened on demand. */
        private Duration idleTimeout = Duration.ofMinutes(2);

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getReconnectBackoff() {
            return reconnectBackoff;
        }

        public void setReconnectBackoff(Duration reconnectBackoff) {
            this.reconnectBackoff = reconnectBackoff;
        }

        public Duration getMaxReconnectBackoff() {
            return maxReconnectBackoff;
        }

        public void setMaxReconnectBackoff(Duration maxReconnectBackoff) {
            this.maxReconnectBackoff = maxReconnectBackoff;
        }

        public Duration getIdleTimeout() {
            return idleTimeout;
        }

        public void setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
        }
    }

    /** Bounds on the bytes waiting to be sent. */
    public static class Queue {

        /**
         * Most bytes queued to one peer; beyond it eager pushes to that peer are dropped and the peer is demoted to
         * lazy (it grafts what it misses).
         */
        private DataSize maxBytesPerPeer = DataSize.ofMegabytes(16);

        /**
         * Most bytes queued to all peers together; beyond it local publishes wait (see broadcast-timeout) and then
         * fail.
         */
        private DataSize maxBytes = DataSize.ofMegabytes(64);

        /**
         * How long a publish may wait for the queues to drain below max-bytes before it fails with
         * ClusterOverloadedException; zero fails at once.
         */
        private Duration broadcastTimeout = Duration.ZERO;

        /**
         * Most publishes handed to the node and not yet sent (their futures not complete); beyond it a publish waits
         * until half of them are done (see broadcast-timeout; never longer) and then fails, so a publisher faster than
         * the network neither grows a queue without bound nor is woken once per message.
         */
        private int maxPendingBroadcasts = 1024;

        /**
         * Bytes queued to one peer beyond which this node stops reading from its peers and holds local publishes
         * until that queue is half drained (at most 2 s at a time), so a slow peer slows its upstream instead of
         * losing pushes; at most max-bytes-per-peer.
         */
        private DataSize backPressureBytes = DataSize.ofMegabytes(1);

        public DataSize getBackPressureBytes() {
            return backPressureBytes;
        }

        public void setBackPressureBytes(DataSize backPressureBytes) {
            this.backPressureBytes = backPressureBytes;
        }

        public DataSize getMaxBytesPerPeer() {
            return maxBytesPerPeer;
        }

        public void setMaxBytesPerPeer(DataSize maxBytesPerPeer) {
            this.maxBytesPerPeer = maxBytesPerPeer;
        }

        public DataSize getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(DataSize maxBytes) {
            this.maxBytes = maxBytes;
        }

        public int getMaxPendingBroadcasts() {
            return maxPendingBroadcasts;
        }

        public void setMaxPendingBroadcasts(int maxPendingBroadcasts) {
            this.maxPendingBroadcasts = maxPendingBroadcasts;
        }

        public Duration getBroadcastTimeout() {
            return broadcastTimeout;
        }

        public void setBroadcastTimeout(Duration broadcastTimeout) {
            this.broadcastTimeout = broadcastTimeout;
        }
    }

    /** Where delivered events and membership changes are handed to the application. */
    /** The replicated key-value state: this node's keys, which every member sees. */
    public static class State {

        /** Whether the node runs the replicated state (scuttlebutt gossip with a few members every 500 ms on lan). */
        private boolean enabled = true;

        /** Keys this node writes when it starts, for example {@code role: orders-api} or {@code version: 1.4.2}. */
        private Map<String, String> initial = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Map<String, String> getInitial() {
            return initial;
        }

        public void setInitial(Map<String, String> initial) {
            this.initial = initial;
        }
    }

    public static class Delivery {

        /**
         * Name of an Executor bean that runs the listeners (still one event of an origin at a time, in delivery
         * order); unset: a thread of the node's own.
         */
        private String executor;

        /**
         * Most deliveries and membership events waiting for the listeners; what happens beyond it is the overflow
         * setting.
         */
        private int maxBacklog = 100_000;

        /**
         * What the node does while max-backlog deliveries wait: pause-reads stops reading from its peers until half
         * have drained, so their queues, not this heap, absorb the load (a slow node slows its peers); drop keeps
         * reading and drops the deliveries that do not fit, counted in the plumtree.dropped meter (reason
         * delivery_overflow) and logged, so no other node is slowed.
         */
        private DeliveryOverflow overflow = DeliveryOverflow.PAUSE_READS;

        /**
         * Longest time a delivery waits for a missing earlier message of its origin, so listeners see each origin's
         * events in the order it published them; past it the event goes on and the missing one, if it comes, is
         * delivered late. 0 delivers events as they arrive.
         */
        private Duration orderWait = Duration.ofSeconds(5);

        public Duration getOrderWait() {
            return orderWait;
        }

        public void setOrderWait(Duration orderWait) {
            this.orderWait = orderWait;
        }

        public String getExecutor() {
            return executor;
        }

        public void setExecutor(String executor) {
            this.executor = executor;
        }

        public int getMaxBacklog() {
            return maxBacklog;
        }

        public void setMaxBacklog(int maxBacklog) {
            this.maxBacklog = maxBacklog;
        }

        public DeliveryOverflow getOverflow() {
            return overflow;
        }

        public void setOverflow(DeliveryOverflow overflow) {
            this.overflow = overflow;
        }
    }

    /**
     * SWIM membership and Lifeguard tunables, named as in HashiCorp memberlist. Each one left unset takes the
     * preset's value.
     */
    public static class Membership {

        /**
         * Time between probes of successive members, scaled by the awareness score. Preset lan 1s, wan 5s, local
         * 1s.
         */
        private Duration probeInterval;

        /**
         * How long a direct ping may go unanswered before indirect probes; at most probe-interval. Preset lan
         * 500ms, wan 3s, local 200ms.
         */
        private Duration probeTimeout;

        /**
         * Multiplier of the shortest suspicion timeout, suspicion-mult * max(1, log10(n)) * probe-interval. Preset
         * lan 4, wan 6, local 3.
         */
        private Integer suspicionMult;

        /** The longest suspicion timeout (no confirmations) as a multiple of the shortest. Preset 6. */
        private Integer suspicionMaxTimeoutMult;

        /** Time between dedicated gossip packets. Preset lan 200ms, wan 500ms, local 100ms. */
        private Duration gossipInterval;

        /** Members each gossip round sends to. Preset lan 3, wan 4, local 3. */
        private Integer gossipNodes;

        /** An update is piggybacked retransmit-mult * ceil(log10(n + 1)) times. Preset 4. */
        private Integer retransmitMult;

        /**
         * Time between full state exchanges with one random member, scaled up beyond 32 members. Preset lan 30s,
         * wan 60s, local 15s.
         */
        private Duration pushPullInterval;

        /**
         * A joined node push-pulls with its seeds once more after a random time between this and twice this, so
         * members that joined together see each other soon; zero turns it off. Preset lan 2s, wan 10s, local 1s.
         */
        private Duration joinSyncDelay;

        /** Members asked to probe a target that missed its direct ping. Preset 3. */
        private Integer indirectChecks;

        /** Lifeguard: the awareness score stays below it, so intervals stretch at most this many times. Preset 8. */
        private Integer awarenessMaxMultiplier;

        /**
         * How long dead or left members keep receiving gossip (so a healed partition re-merges) and stay in the
         * member list. Preset lan 30s, wan 60s, local 15s.
         */
        private Duration gossipToTheDeadTime;

        /**
         * While members failed lately, how often a member push-pulls with one of them or with the seeds (resolved
         * again), so both sides of a long partition find each other when it heals; zero turns it off. Preset lan 2s,
         * wan 10s, local 1s.
         */
        private Duration reconnectInterval;

        /** How long after a member failed it is still tried by the reconnect. Preset lan 10m, wan 30m, local 2m. */
        private Duration reconnectTimeout;

        /**
         * After how long a dead or left name may come back at another address with any incarnation; zero: once its
         * incarnation is superseded. Preset 0.
         */
        private Duration deadNodeReclaimTime;

        /** Most bytes of messages in one UDP datagram. Preset 1400B. */
        private DataSize packetBudget;

        /** Most bytes of metadata a member may advertise; must leave 128 bytes of packet-budget. Preset 512B. */
        private DataSize maxMetadataBytes;

        /**
         * Bound of the piggyback queue of membership updates; beyond it the most transmitted are dropped. Preset
         * 1024.
         */
        private Integer maxQueuedUpdates;

        /** Lifeguard local health awareness (probes stretch when this node is slow). Preset true. */
        private Boolean awarenessEnabled;

        /** Lifeguard dynamic suspicion timeouts that shrink with confirmations. Preset true. */
        private Boolean dynamicSuspicion;

        /** Lifeguard buddy system: a suspect is told it is suspected with each ping. Preset true. */
        private Boolean buddySystem;

        public Duration getProbeInterval() {
            return probeInterval;
        }

        public void setProbeInterval(Duration probeInterval) {
            this.probeInterval = probeInterval;
        }

        public Duration getProbeTimeout() {
            return probeTimeout;
        }

        public void setProbeTimeout(Duration probeTimeout) {
            this.probeTimeout = probeTimeout;
        }

        public Integer getSuspicionMult() {
            return suspicionMult;
        }

        public void setSuspicionMult(Integer suspicionMult) {
            this.suspicionMult = suspicionMult;
        }

        public Integer getSuspicionMaxTimeoutMult() {
            return suspicionMaxTimeoutMult;
        }

        public void setSuspicionMaxTimeoutMult(Integer suspicionMaxTimeoutMult) {
            this.suspicionMaxTimeoutMult = suspicionMaxTimeoutMult;
        }

        public Duration getGossipInterval() {
            return gossipInterval;
        }

        public void setGossipInterval(Duration gossipInterval) {
            this.gossipInterval = gossipInterval;
        }

        public Integer getGossipNodes() {
            return gossipNodes;
        }

        public void setGossipNodes(Integer gossipNodes) {
            this.gossipNodes = gossipNodes;
        }

        public Integer getRetransmitMult() {
            return retransmitMult;
        }

        public void setRetransmitMult(Integer retransmitMult) {
            this.retransmitMult = retransmitMult;
        }

        public Duration getPushPullInterval() {
            return pushPullInterval;
        }

        public void setPushPullInterval(Duration pushPullInterval) {
            this.pushPullInterval = pushPullInterval;
        }

        public Duration getJoinSyncDelay() {
            return joinSyncDelay;
        }

        public void setJoinSyncDelay(Duration joinSyncDelay) {
            this.joinSyncDelay = joinSyncDelay;
        }

        public Integer getIndirectChecks() {
            return indirectChecks;
        }

        public void setIndirectChecks(Integer indirectChecks) {
            this.indirectChecks = indirectChecks;
        }

        public Integer getAwarenessMaxMultiplier() {
            return awarenessMaxMultiplier;
        }

        public void setAwarenessMaxMultiplier(Integer awarenessMaxMultiplier) {
            this.awarenessMaxMultiplier = awarenessMaxMultiplier;
        }

        public Duration getGossipToTheDeadTime() {
            return gossipToTheDeadTime;
        }

        public void setGossipToTheDeadTime(Duration gossipToTheDeadTime) {
            this.gossipToTheDeadTime = gossipToTheDeadTime;
        }

        public Duration getReconnectInterval() {
            return reconnectInterval;
        }

        public void setReconnectInterval(Duration reconnectInterval) {
            this.reconnectInterval = reconnectInterval;
        }

        public Duration getReconnectTimeout() {
            return reconnectTimeout;
        }

        public void setReconnectTimeout(Duration reconnectTimeout) {
            this.reconnectTimeout = reconnectTimeout;
        }

        public Duration getDeadNodeReclaimTime() {
            return deadNodeReclaimTime;
        }

        public void setDeadNodeReclaimTime(Duration deadNodeReclaimTime) {
            this.deadNodeReclaimTime = deadNodeReclaimTime;
        }

        public DataSize getPacketBudget() {
            return packetBudget;
        }

        public void setPacketBudget(DataSize packetBudget) {
            this.packetBudget = packetBudget;
        }

        public DataSize getMaxMetadataBytes() {
            return maxMetadataBytes;
        }

        public void setMaxMetadataBytes(DataSize maxMetadataBytes) {
            this.maxMetadataBytes = maxMetadataBytes;
        }

        public Integer getMaxQueuedUpdates() {
            return maxQueuedUpdates;
        }

        public void setMaxQueuedUpdates(Integer maxQueuedUpdates) {
            this.maxQueuedUpdates = maxQueuedUpdates;
        }

        public Boolean getAwarenessEnabled() {
            return awarenessEnabled;
        }

        public void setAwarenessEnabled(Boolean awarenessEnabled) {
            this.awarenessEnabled = awarenessEnabled;
        }

        public Boolean getDynamicSuspicion() {
            return dynamicSuspicion;
        }

        public void setDynamicSuspicion(Boolean dynamicSuspicion) {
            this.dynamicSuspicion = dynamicSuspicion;
        }

        public Boolean getBuddySystem() {
            return buddySystem;
        }

        public void setBuddySystem(Boolean buddySystem) {
            this.buddySystem = buddySystem;
        }
    }

    /** Plumtree broadcast tunables. Each one left unset takes the preset's value. */
    public static class Broadcast {

        /**
         * Peers a node picks for eager push (full payloads) of other nodes' messages; the tree is then shaped by PRUNE
         * and GRAFT. Its own messages go to every neighbour, up to max-eager-peers. Preset 3.
         */
        private Integer eagerFanout;

        /** Peers a node picks for lazy push (IHAVE announcements). Preset 6. */
        private Integer lazyFanout;

        /** Hard bound on the eager set; a node's own messages go eager to this many neighbours at most. Preset 12. */
        private Integer maxEagerPeers;

        /** Hard bound on the lazy set. Preset 24. */
        private Integer maxLazyPeers;

        /** Most per-origin broadcast trees kept, least recently used first out. Preset 1024. */
        private Integer maxTrees;

        /**
         * Bound on the sample of known peers kept to refill the eager and lazy sets when a peer goes away. Preset
         * 64.
         */
        private Integer maxKnownPeers;

        /**
         * How long announcements wait to be batched into one IHAVE per lazy peer. Preset lan 100ms, wan 200ms,
         * local 20ms.
         */
        private Duration ihaveInterval;

        /**
         * Most announcement runs (consecutive messages of one origin) in one IHAVE, and most message ids in one
         * GRAFT. Preset 64.
         */
        private Integer ihaveBatchSize;

        /**
         * Most announcement runs queued between flushes (one run serves all the lazy peers of its tree); beyond it
         * the oldest run is dropped and its messages counted once per peer. Preset 1024.
         */
        private Integer maxPendingIhaves;

        /**
         * How long an announced message may stay missing before the first GRAFT; also the base of the retry
         * backoff. Preset lan 500ms, wan 2s, local 100ms.
         */
        private Duration graftTimeout;

        /** Ceiling of the exponential backoff between GRAFT retries. Preset lan 4s, wan 16s, local 1s. */
        private Duration graftMaxBackoff;

        /** Most GRAFTs sent for one missing message before it is given up and counted. Preset 5. */
        private Integer graftMaxRetries;

        /** Steady rate of GRAFTs a node sends to one peer (token bucket refill). Preset 100. */
        private Double graftRatePerSecond;

        /** GRAFTs a node may send to one peer at once (token bucket size). Preset 32. */
        private Integer graftBurst;

        /**
         * Hop advantage an IHAVE must show before the node swaps its tree parent for the announcer; 0 turns the
         * optimization off. Preset 3.
         */
        private Integer optimizationThreshold;

        /**
         * How long delivered payloads are kept to answer GRAFTs; a member cut off for less than this recovers every
         * message it missed. Preset 60s.
         */
        private Duration cacheTtl;

        /** Most payloads kept in the cache. Preset lan 16384, local 4096. */
        private Integer cacheMaxMessages;

        /** Most payload bytes kept in the cache. Preset 64MB. */
        private DataSize cacheMaxBytes;

        /**
         * How long a delivered message id is remembered so a late copy is not delivered again; at least cache-ttl.
         * Preset 120s.
         */
        private Duration seenTtl;

        /** Most message ids remembered. Preset lan 65536, local 16384. */
        private Integer seenMaxEntries;

        /**
         * Largest serialized event (envelope included) a node publishes; a larger one fails at the publish call.
         * Preset 1MB.
         */
        private DataSize maxPayloadBytes;

        /**
         * One broadcast tree per origin (the default), or one tree shared by all origins as in the paper. Preset
         * true.
         */
        private Boolean perOriginTrees;

        /**
         * How often a node sends one neighbour a digest of the events it delivered recently, so events lost on the
         * way (a partition, a dropped connection) are fetched again; 0 turns digests off. Preset lan 1s, wan 2s,
         * local 250ms.
         */
        private Duration digestInterval;

        /** How far back a digest reaches; at most cache-ttl. Preset 30s. */
        private Duration digestWindow;

        /**
         * Most of this node's own events not yet acknowledged by every live member: a publish waits (up to
         * broadcast-timeout) while the member furthest behind is this many events behind, so a fast publisher runs
         * at the pace of the slowest member instead of outrunning the caches; a larger value than
         * cache-max-messages counts as that; 0 turns the window off. Preset 8192 (4096 in force with local's 4096-event cache).
         */
        private Integer maxInFlight;

        /**
         * Whether a node's own events go eagerly to every neighbour (up to max-eager-peers), so that in clusters of
         * up to about a dozen nodes each event takes one hop; off, they start from the eager-fanout peers like every
         * other origin's, and relays share the copying. Preset true.
         */
        private Boolean originPushesToAll;

        public Boolean getOriginPushesToAll() {
            return originPushesToAll;
        }

        public void setOriginPushesToAll(Boolean originPushesToAll) {
            this.originPushesToAll = originPushesToAll;
        }

        /**
         * How long the in-flight window waits for a member that acknowledges nothing; then it stops waiting for it
         * until the member is back within half a window. Preset 10s (longer than the lan preset takes to declare a
         * crashed member failed).
         */
        private Duration laggardTimeout;

        public Integer getMaxInFlight() {
            return maxInFlight;
        }

        public void setMaxInFlight(Integer maxInFlight) {
            this.maxInFlight = maxInFlight;
        }

        public Duration getLaggardTimeout() {
            return laggardTimeout;
        }

        public void setLaggardTimeout(Duration laggardTimeout) {
            this.laggardTimeout = laggardTimeout;
        }

        public Duration getDigestInterval() {
            return digestInterval;
        }

        public void setDigestInterval(Duration digestInterval) {
            this.digestInterval = digestInterval;
        }

        public Duration getDigestWindow() {
            return digestWindow;
        }

        public void setDigestWindow(Duration digestWindow) {
            this.digestWindow = digestWindow;
        }

        public Integer getEagerFanout() {
            return eagerFanout;
        }

        public void setEagerFanout(Integer eagerFanout) {
            this.eagerFanout = eagerFanout;
        }

        public Integer getLazyFanout() {
            return lazyFanout;
        }

        public void setLazyFanout(Integer lazyFanout) {
            this.lazyFanout = lazyFanout;
        }

        public Integer getMaxEagerPeers() {
            return maxEagerPeers;
        }

        public void setMaxEagerPeers(Integer maxEagerPeers) {
            this.maxEagerPeers = maxEagerPeers;
        }

        public Integer getMaxLazyPeers() {
            return maxLazyPeers;
        }

        public void setMaxLazyPeers(Integer maxLazyPeers) {
            this.maxLazyPeers = maxLazyPeers;
        }

        public Integer getMaxTrees() {
            return maxTrees;
        }

        public void setMaxTrees(Integer maxTrees) {
            this.maxTrees = maxTrees;
        }

        public Integer getMaxKnownPeers() {
            return maxKnownPeers;
        }

        public void setMaxKnownPeers(Integer maxKnownPeers) {
            this.maxKnownPeers = maxKnownPeers;
        }

        public Duration getIhaveInterval() {
            return ihaveInterval;
        }

        public void setIhaveInterval(Duration ihaveInterval) {
            this.ihaveInterval = ihaveInterval;
        }

        public Integer getIhaveBatchSize() {
            return ihaveBatchSize;
        }

        public void setIhaveBatchSize(Integer ihaveBatchSize) {
            this.ihaveBatchSize = ihaveBatchSize;
        }

        public Integer getMaxPendingIhaves() {
            return maxPendingIhaves;
        }

        public void setMaxPendingIhaves(Integer maxPendingIhaves) {
            this.maxPendingIhaves = maxPendingIhaves;
        }

        public Duration getGraftTimeout() {
            return graftTimeout;
        }

        public void setGraftTimeout(Duration graftTimeout) {
            this.graftTimeout = graftTimeout;
        }

        public Duration getGraftMaxBackoff() {
            return graftMaxBackoff;
        }

        public void setGraftMaxBackoff(Duration graftMaxBackoff) {
            this.graftMaxBackoff = graftMaxBackoff;
        }

        public Integer getGraftMaxRetries() {
            return graftMaxRetries;
        }

        public void setGraftMaxRetries(Integer graftMaxRetries) {
            this.graftMaxRetries = graftMaxRetries;
        }

        public Double getGraftRatePerSecond() {
            return graftRatePerSecond;
        }

        public void setGraftRatePerSecond(Double graftRatePerSecond) {
            this.graftRatePerSecond = graftRatePerSecond;
        }

        public Integer getGraftBurst() {
            return graftBurst;
        }

        public void setGraftBurst(Integer graftBurst) {
            this.graftBurst = graftBurst;
        }

        public Integer getOptimizationThreshold() {
            return optimizationThreshold;
        }

        public void setOptimizationThreshold(Integer optimizationThreshold) {
            this.optimizationThreshold = optimizationThreshold;
        }

        public Duration getCacheTtl() {
            return cacheTtl;
        }

        public void setCacheTtl(Duration cacheTtl) {
            this.cacheTtl = cacheTtl;
        }

        public Integer getCacheMaxMessages() {
            return cacheMaxMessages;
        }

        public void setCacheMaxMessages(Integer cacheMaxMessages) {
            this.cacheMaxMessages = cacheMaxMessages;
        }

        public DataSize getCacheMaxBytes() {
            return cacheMaxBytes;
        }

        public void setCacheMaxBytes(DataSize cacheMaxBytes) {
            this.cacheMaxBytes = cacheMaxBytes;
        }

        public Duration getSeenTtl() {
            return seenTtl;
        }

        public void setSeenTtl(Duration seenTtl) {
            this.seenTtl = seenTtl;
        }

        public Integer getSeenMaxEntries() {
            return seenMaxEntries;
        }

        public void setSeenMaxEntries(Integer seenMaxEntries) {
            this.seenMaxEntries = seenMaxEntries;
        }

        public DataSize getMaxPayloadBytes() {
            return maxPayloadBytes;
        }

        public void setMaxPayloadBytes(DataSize maxPayloadBytes) {
            this.maxPayloadBytes = maxPayloadBytes;
        }

        public Boolean getPerOriginTrees() {
            return perOriginTrees;
        }

        public void setPerOriginTrees(Boolean perOriginTrees) {
            this.perOriginTrees = perOriginTrees;
        }
    }

    /** Sizes the codec writes and accepts. Each one left unset takes the default. */
    public static class Wire {

        /**
         * Largest UDP datagram, header included; the membership packet budget plus the header must fit. Default
         * 1500B.
         */
        private DataSize maxDatagramBytes;

        /** Largest TCP frame; must hold the largest payload plus the frame headers. Default 8MB. */
        private DataSize maxFrameBytes;

        /** Largest broadcast payload the codec accepts from peers. Default 1MB. */
        private DataSize maxPayloadBytes;

        /** Most announcements in one IHAVE. Default 4096. */
        private Integer maxAnnouncements;

        /** Most message ids in one GRAFT. Default 4096. */
        private Integer maxGraftIds;

        /** Most member entries in one push-pull. Default 100000. */
        private Integer maxPushPullStates;

        public DataSize getMaxDatagramBytes() {
            return maxDatagramBytes;
        }

        public void setMaxDatagramBytes(DataSize maxDatagramBytes) {
            this.maxDatagramBytes = maxDatagramBytes;
        }

        public DataSize getMaxFrameBytes() {
            return maxFrameBytes;
        }

        public void setMaxFrameBytes(DataSize maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
        }

        public DataSize getMaxPayloadBytes() {
            return maxPayloadBytes;
        }

        public void setMaxPayloadBytes(DataSize maxPayloadBytes) {
            this.maxPayloadBytes = maxPayloadBytes;
        }

        public Integer getMaxAnnouncements() {
            return maxAnnouncements;
        }

        public void setMaxAnnouncements(Integer maxAnnouncements) {
            this.maxAnnouncements = maxAnnouncements;
        }

        public Integer getMaxGraftIds() {
            return maxGraftIds;
        }

        public void setMaxGraftIds(Integer maxGraftIds) {
            this.maxGraftIds = maxGraftIds;
        }

        public Integer getMaxPushPullStates() {
            return maxPushPullStates;
        }

        public void setMaxPushPullStates(Integer maxPushPullStates) {
            this.maxPushPullStates = maxPushPullStates;
        }
    }

    /** Application events sent to and received from the cluster. */
    public static class Events {

        /**
         * Packages (and their sub-packages) whose classes may be published and instantiated on delivery, besides
         * types annotated with @ClusterEvent; a type from anywhere else arrives as an UnknownClusterEvent.
         */
        private List<String> allowedPackages = new ArrayList<>();

        /** Whether the publishing node's own listeners receive the events it publishes, as every other node's do. */
        private boolean deliverToSelf = true;

        /**
         * Distinct type names an undeliverable event is logged at WARN for (once each); later ones are logged at
         * DEBUG, so a flood of odd types cannot fill the log or the heap.
         */
        private int maxWarnedTypes = 256;

        public List<String> getAllowedPackages() {
            return allowedPackages;
        }

        public void setAllowedPackages(List<String> allowedPackages) {
            this.allowedPackages = allowedPackages;
        }

        public boolean isDeliverToSelf() {
            return deliverToSelf;
        }

        public void setDeliverToSelf(boolean deliverToSelf) {
            this.deliverToSelf = deliverToSelf;
        }

        public int getMaxWarnedTypes() {
            return maxWarnedTypes;
        }

        public void setMaxWarnedTypes(int maxWarnedTypes) {
            this.maxWarnedTypes = maxWarnedTypes;
        }
    }

    /** The plumtree health contributor. */
    public static class Health {

        /**
         * With seeds configured, how long the node may be without any other live member (not yet joined, or cut off
         * from every seed) before it reports DOWN.
         */
        private Duration isolationTimeout = Duration.ofSeconds(30);

        public Duration getIsolationTimeout() {
            return isolationTimeout;
        }

        public void setIsolationTimeout(Duration isolationTimeout) {
            this.isolationTimeout = isolationTimeout;
        }
    }
}

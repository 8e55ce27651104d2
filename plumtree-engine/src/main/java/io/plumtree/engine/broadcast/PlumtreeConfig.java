package io.plumtree.engine.broadcast;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of the Plumtree core. Start from a preset ({@link #lan()}, {@link #wan()}, {@link #local()},
 * {@link #largeCluster()}) and override single values with {@link #toBuilder()}.
 *
 * @param eagerFanout           how many peers a node picks on its own for eager push (full payloads); the tree
 *                              is later shaped by PRUNE and GRAFT. Paper section 4: the eager set starts as the
 *                              node's neighbours. The node's own messages start from the same eager peers unless
 *                              {@code originPushesToAll}
 * @param lazyFanout            how many peers a node picks on its own for lazy push (IHAVE announcements)
 * @param maxEagerPeers         hard bound on the eager set, which also grows when peers graft from us; at the
 *                              bound, further peers are kept lazy instead. The node's own tree is bound by
 *                              {@code eagerFanout} instead, unless {@code originPushesToAll}, when it holds every
 *                              neighbour up to this bound
 * @param maxLazyPeers          hard bound on the lazy set, which also grows when peers prune us or announce to us
 * @param maxTrees              most broadcast trees kept, one per origin that broadcast recently (least recently
 *                              used first out); an evicted origin's next message starts from the neighbour peers
 * @param maxKnownPeers         bound on the uniform sample of known peers kept to refill the eager and lazy sets
 *                              when a peer goes away (membership may know thousands; the core keeps a sample)
 * @param ihaveInterval         how long announcements wait to be batched into one IHAVE per lazy peer
 * @param ihaveBatchSize        most announcement runs in one IHAVE message (a run is consecutive messages of one
 *                              origin at one hop count), and most message ids in one GRAFT
 * @param maxPendingIHaves      most announcement runs queued between flushes (one run serves all the lazy peers of
 *                              its tree, so this also bounds each peer's queue); beyond it the oldest run is
 *                              dropped and its messages counted once per peer (they can still graft them from
 *                              someone else)
 * @param graftTimeout          how long an announced message may stay missing before the first GRAFT (the paper's
 *                              timer on receiving IHAVE); also the base of the retry backoff
 * @param graftMaxBackoff       ceiling of the exponential backoff between GRAFT retries
 * @param graftMaxRetries       most GRAFTs sent for one missing message before it is given up and counted
 * @param graftRatePerSecond    steady rate of GRAFTs a node sends to one peer (token bucket refill)
 * @param graftBurst            GRAFTs a node may send to one peer at once (token bucket size)
 * @param optimizationThreshold hop advantage an IHAVE must show over the delivered copy before the node grafts the
 *                              announcer and prunes its old parent (paper section 4.5); 0 turns the optimization off
 * @param cacheTtl              how long delivered payloads are kept to answer GRAFTs
 * @param cacheMaxMessages      most payloads kept in the cache
 * @param cacheMaxBytes         most payload bytes kept in the cache
 * @param seenTtl               how long a delivered message id is remembered, so a late copy is not delivered again;
 *                              at least {@code cacheTtl}
 * @param seenMaxEntries        most message ids remembered
 * @param maxPayloadBytes       largest payload a node accepts to broadcast; larger ones are refused
 * @param perOriginTrees        one broadcast tree per origin (the default), or one tree shared by all origins as in
 *                              the paper; shared is kept for comparison only (see docs/broadcast.md)
 * @param flood                 baseline mode for measurements: push every payload to every eager and lazy peer,
 *                              never announce, graft or prune
 * @param digestInterval        how often a node sends one neighbour a digest of the messages it delivered recently,
 *                              so messages lost on the way (a partition, a dropped frame) are grafted (DESIGN.md
 *                              rule 7); zero turns digests off
 * @param digestWindow          how far back a digest reaches: messages delivered longer ago are not listed; at most
 *                              {@code cacheTtl}, since older ones could not be grafted any more
 * @param maxInFlight           most of this node's own broadcasts not yet acknowledged by every live member: a
 *                              local broadcast waits while the member furthest behind is this many messages behind
 *                              (an end-to-end window, docs/broadcast.md departure 9), so a full-speed publisher
 *                              runs at the pace of the slowest member instead of filling every queue on the way
 *                              and outrunning the caches that repairs are answered from. Members acknowledge every
 *                              {@code maxInFlight / 8} messages. A window larger than {@code cacheMaxMessages}
 *                              is taken as that, so a member a whole window behind still finds what it misses
 *                              cached; 0 turns the window off
 * @param originPushesToAll     whether a node's own messages go eager to every neighbour, up to
 *                              {@code maxEagerPeers}, so that in clusters of up to about a dozen nodes every message
 *                              takes one hop (docs/broadcast.md, departure 8); on by default. Off, the origin's
 *                              own tree keeps at most {@code eagerFanout} eager peers (a GRAFT beyond that is
 *                              answered and leaves the grafter lazy there, so it finds a relay, and no shortcut is
 *                              grafted to an origin), as in the paper: relays then share the copying that the
 *                              origin's network thread otherwise does alone at full speed (docs/broadcast.md,
 *                              departure 9)
 * @param laggardTimeout        how long the window waits for a member that acknowledges nothing while it holds the
 *                              window shut; then the member is left behind (the window stops waiting for it, and it
 *                              catches up by GRAFT and digest as far as the caches reach) until it is back within
 *                              half a window. Longer than {@code lan} membership takes to declare a crashed
 *                              member failed, so a dead member is removed rather than left behind, and a member
 *                              slowed for seconds (compiling, collecting garbage, starved of CPU) is waited for:
 *                              one left behind at full speed can fall ever further behind
 */
public record PlumtreeConfig(
        int eagerFanout,
        int lazyFanout,
        int maxEagerPeers,
        int maxLazyPeers,
        int maxTrees,
        int maxKnownPeers,
        Duration ihaveInterval,
        int ihaveBatchSize,
        int maxPendingIHaves,
        Duration graftTimeout,
        Duration graftMaxBackoff,
        int graftMaxRetries,
        double graftRatePerSecond,
        int graftBurst,
        int optimizationThreshold,
        Duration cacheTtl,
        int cacheMaxMessages,
        long cacheMaxBytes,
        Duration seenTtl,
        int seenMaxEntries,
        int maxPayloadBytes,
        boolean perOriginTrees,
        boolean flood,
        Duration digestInterval,
        Duration digestWindow,
        int maxInFlight,
        boolean originPushesToAll,
        Duration laggardTimeout) {

    /** The window in force: {@link #maxInFlight()}, at most {@link #cacheMaxMessages()}; 0 when off. */
    public int inFlightWindow() {
        return Math.min(maxInFlight, cacheMaxMessages);
    }

    /** Checks every bound, so a bad value fails at configuration time with the name of the setting. */
    public PlumtreeConfig {
        positive("eagerFanout", eagerFanout);
        notNegative("lazyFanout", lazyFanout);
        atLeast("maxEagerPeers", maxEagerPeers, eagerFanout);
        atLeast("maxLazyPeers", maxLazyPeers, lazyFanout);
        positive("maxTrees", maxTrees);
        atLeast("maxKnownPeers", maxKnownPeers, eagerFanout + lazyFanout);
        positive("ihaveInterval", ihaveInterval);
        positive("ihaveBatchSize", ihaveBatchSize);
        positive("maxPendingIHaves", maxPendingIHaves);
        positive("graftTimeout", graftTimeout);
        positive("graftMaxBackoff", graftMaxBackoff);
        if (graftMaxBackoff.compareTo(graftTimeout) < 0) {
            throw new IllegalArgumentException("graftMaxBackoff (" + graftMaxBackoff
                    + ") must be at least graftTimeout (" + graftTimeout + ")");
        }
        positive("graftMaxRetries", graftMaxRetries);
        if (!(graftRatePerSecond > 0)) {
            throw new IllegalArgumentException("graftRatePerSecond must be positive, got " + graftRatePerSecond);
        }
        positive("graftBurst", graftBurst);
        notNegative("optimizationThreshold", optimizationThreshold);
        positive("cacheTtl", cacheTtl);
        positive("cacheMaxMessages", cacheMaxMessages);
        if (cacheMaxBytes <= 0) {
            throw new IllegalArgumentException("cacheMaxBytes must be positive, got " + cacheMaxBytes);
        }
        positive("seenTtl", seenTtl);
        if (seenTtl.compareTo(cacheTtl) < 0) {
            throw new IllegalArgumentException("seenTtl (" + seenTtl + ") must be at least cacheTtl (" + cacheTtl
                    + "), or a grafted copy could be delivered twice");
        }
        atLeast("seenMaxEntries", seenMaxEntries, cacheMaxMessages);
        positive("maxPayloadBytes", maxPayloadBytes);
        Objects.requireNonNull(digestInterval, "digestInterval");
        if (digestInterval.isNegative()) {
            throw new IllegalArgumentException("digestInterval must not be negative, got " + digestInterval);
        }
        positive("digestWindow", digestWindow);
        if (digestWindow.compareTo(cacheTtl) > 0) {
            throw new IllegalArgumentException("digestWindow (" + digestWindow + ") must not exceed cacheTtl ("
                    + cacheTtl + "): older messages can no longer be grafted");
        }
        notNegative("maxInFlight", maxInFlight);
        positive("laggardTimeout", laggardTimeout);
        if (maxPayloadBytes > cacheMaxBytes) {
            throw new IllegalArgumentException("maxPayloadBytes (" + maxPayloadBytes
                    + ") must not exceed cacheMaxBytes (" + cacheMaxBytes + ")");
        }
    }

    /**
     * A data-centre network: the seed crate's defaults (eager 3, lazy 6, IHAVE every 100 ms, GRAFT after 500 ms,
     * cache 60 s).
     */
    public static PlumtreeConfig lan() {
        return new Builder().build();
    }

    /** Links with tens to hundreds of milliseconds of latency: slower announcements and grafts, same fanout. */
    public static PlumtreeConfig wan() {
        return new Builder()
                .ihaveInterval(Duration.ofMillis(200))
                .graftTimeout(Duration.ofSeconds(2))
                .graftMaxBackoff(Duration.ofSeconds(16))
                .digestInterval(Duration.ofSeconds(2))
                .build();
    }

    /** One machine or a test: fast timers, small caches. */
    public static PlumtreeConfig local() {
        return new Builder()
                .ihaveInterval(Duration.ofMillis(20))
                .graftTimeout(Duration.ofMillis(100))
                .graftMaxBackoff(Duration.ofSeconds(1))
                .cacheMaxMessages(4_096)
                .cacheMaxBytes(64L << 20)
                .seenMaxEntries(16_384)
                .digestInterval(Duration.ofMillis(250))
                .build();
    }

    /**
     * Thousands of members: a wider eager fanout keeps the tree shallow (its depth grows as log base fanout of
     * the cluster size), larger announcement batches.
     */
    public static PlumtreeConfig largeCluster() {
        return new Builder()
                .eagerFanout(4)
                .lazyFanout(8)
                .maxEagerPeers(16)
                .maxLazyPeers(32)
                .ihaveBatchSize(256)
                .build();
    }

    /** Looks a preset up by name: {@code lan}, {@code wan}, {@code local}, {@code largeCluster}. */
    public static PlumtreeConfig preset(String name) {
        return switch (name) {
            case "lan" -> lan();
            case "wan" -> wan();
            case "local" -> local();
            case "largeCluster", "large-cluster" -> largeCluster();
            default -> throw new IllegalArgumentException(
                    "unknown preset '" + name + "'; expected one of lan, wan, local, largeCluster");
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

    private static void atLeast(String name, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + value);
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
        private int eagerFanout = 3;
        private int lazyFanout = 6;
        private int maxEagerPeers = 12;
        private int maxLazyPeers = 24;
        private int maxTrees = 1_024;
        private int maxKnownPeers = 64;
        private Duration ihaveInterval = Duration.ofMillis(100);
        private int ihaveBatchSize = 64;
        private int maxPendingIHaves = 1_024;
        private Duration graftTimeout = Duration.ofMillis(500);
        private Duration graftMaxBackoff = Duration.ofSeconds(4);
        private int graftMaxRetries = 5;
        private double graftRatePerSecond = 100;
        private int graftBurst = 32;
        private int optimizationThreshold = 3;
        private Duration cacheTtl = Duration.ofSeconds(60);
        private int cacheMaxMessages = 16_384;
        private long cacheMaxBytes = 64L << 20;
        private Duration seenTtl = Duration.ofSeconds(120);
        private int seenMaxEntries = 65_536;
        private int maxPayloadBytes = 1 << 20;
        private boolean perOriginTrees = true;
        private boolean flood;
        private Duration digestInterval = Duration.ofSeconds(1);
        private Duration digestWindow = Duration.ofSeconds(30);
        private int maxInFlight = 8_192;
        private boolean originPushesToAll = true;
        private Duration laggardTimeout = Duration.ofSeconds(10);

        /** Starts from the {@code lan} values. */
        public Builder() {
        }

        private Builder(PlumtreeConfig c) {
            eagerFanout = c.eagerFanout;
            lazyFanout = c.lazyFanout;
            maxEagerPeers = c.maxEagerPeers;
            maxLazyPeers = c.maxLazyPeers;
            maxTrees = c.maxTrees;
            maxKnownPeers = c.maxKnownPeers;
            ihaveInterval = c.ihaveInterval;
            ihaveBatchSize = c.ihaveBatchSize;
            maxPendingIHaves = c.maxPendingIHaves;
            graftTimeout = c.graftTimeout;
            graftMaxBackoff = c.graftMaxBackoff;
            graftMaxRetries = c.graftMaxRetries;
            graftRatePerSecond = c.graftRatePerSecond;
            graftBurst = c.graftBurst;
            optimizationThreshold = c.optimizationThreshold;
            cacheTtl = c.cacheTtl;
            cacheMaxMessages = c.cacheMaxMessages;
            cacheMaxBytes = c.cacheMaxBytes;
            seenTtl = c.seenTtl;
            seenMaxEntries = c.seenMaxEntries;
            maxPayloadBytes = c.maxPayloadBytes;
            perOriginTrees = c.perOriginTrees;
            flood = c.flood;
            digestInterval = c.digestInterval;
            digestWindow = c.digestWindow;
            maxInFlight = c.maxInFlight;
            originPushesToAll = c.originPushesToAll;
            laggardTimeout = c.laggardTimeout;
        }

        /** See {@link PlumtreeConfig#eagerFanout()}. */
        public Builder eagerFanout(int v) { eagerFanout = v; return this; }

        /** See {@link PlumtreeConfig#lazyFanout()}. */
        public Builder lazyFanout(int v) { lazyFanout = v; return this; }

        /** See {@link PlumtreeConfig#maxEagerPeers()}. */
        public Builder maxEagerPeers(int v) { maxEagerPeers = v; return this; }

        /** See {@link PlumtreeConfig#maxLazyPeers()}. */
        public Builder maxLazyPeers(int v) { maxLazyPeers = v; return this; }

        /** See {@link PlumtreeConfig#maxTrees()}. */
        public Builder maxTrees(int v) { maxTrees = v; return this; }

        /** See {@link PlumtreeConfig#maxKnownPeers()}. */
        public Builder maxKnownPeers(int v) { maxKnownPeers = v; return this; }

        /** See {@link PlumtreeConfig#ihaveInterval()}. */
        public Builder ihaveInterval(Duration v) { ihaveInterval = v; return this; }

        /** See {@link PlumtreeConfig#ihaveBatchSize()}. */
        public Builder ihaveBatchSize(int v) { ihaveBatchSize = v; return this; }

        /** See {@link PlumtreeConfig#maxPendingIHaves()}. */
        public Builder maxPendingIHaves(int v) { maxPendingIHaves = v; return this; }

        /** See {@link PlumtreeConfig#graftTimeout()}. */
        public Builder graftTimeout(Duration v) { graftTimeout = v; return this; }

        /** See {@link PlumtreeConfig#graftMaxBackoff()}. */
        public Builder graftMaxBackoff(Duration v) { graftMaxBackoff = v; return this; }

        /** See {@link PlumtreeConfig#graftMaxRetries()}. */
        public Builder graftMaxRetries(int v) { graftMaxRetries = v; return this; }

        /** See {@link PlumtreeConfig#graftRatePerSecond()}. */
        public Builder graftRatePerSecond(double v) { graftRatePerSecond = v; return this; }

        /** See {@link PlumtreeConfig#graftBurst()}. */
        public Builder graftBurst(int v) { graftBurst = v; return this; }

        /** See {@link PlumtreeConfig#optimizationThreshold()}. */
        public Builder optimizationThreshold(int v) { optimizationThreshold = v; return this; }

        /** See {@link PlumtreeConfig#cacheTtl()}. */
        public Builder cacheTtl(Duration v) { cacheTtl = v; return this; }

        /** See {@link PlumtreeConfig#cacheMaxMessages()}. */
        public Builder cacheMaxMessages(int v) { cacheMaxMessages = v; return this; }

        /** See {@link PlumtreeConfig#cacheMaxBytes()}. */
        public Builder cacheMaxBytes(long v) { cacheMaxBytes = v; return this; }

        /** See {@link PlumtreeConfig#seenTtl()}. */
        public Builder seenTtl(Duration v) { seenTtl = v; return this; }

        /** See {@link PlumtreeConfig#seenMaxEntries()}. */
        public Builder seenMaxEntries(int v) { seenMaxEntries = v; return this; }

        /** See {@link PlumtreeConfig#maxPayloadBytes()}. */
        public Builder maxPayloadBytes(int v) { maxPayloadBytes = v; return this; }

        /** See {@link PlumtreeConfig#perOriginTrees()}. */
        public Builder perOriginTrees(boolean v) { perOriginTrees = v; return this; }

        /** See {@link PlumtreeConfig#flood()}. */
        public Builder flood(boolean v) { flood = v; return this; }

        /** See {@link PlumtreeConfig#digestInterval()}. */
        public Builder digestInterval(Duration v) { digestInterval = v; return this; }

        /** See {@link PlumtreeConfig#digestWindow()}. */
        public Builder digestWindow(Duration v) { digestWindow = v; return this; }

        /** See {@link PlumtreeConfig#maxInFlight()}. */
        public Builder maxInFlight(int v) { maxInFlight = v; return this; }

        /** See {@link PlumtreeConfig#originPushesToAll()}. */
        public Builder originPushesToAll(boolean v) { originPushesToAll = v; return this; }

        /** See {@link PlumtreeConfig#laggardTimeout()}. */
        public Builder laggardTimeout(Duration v) { laggardTimeout = v; return this; }

        /** Validates and builds. */
        public PlumtreeConfig build() {
            return new PlumtreeConfig(eagerFanout, lazyFanout, maxEagerPeers, maxLazyPeers, maxTrees, maxKnownPeers,
                    ihaveInterval, ihaveBatchSize, maxPendingIHaves, graftTimeout, graftMaxBackoff, graftMaxRetries,
                    graftRatePerSecond, graftBurst, optimizationThreshold, cacheTtl, cacheMaxMessages,
                    cacheMaxBytes, seenTtl, seenMaxEntries, maxPayloadBytes, perOriginTrees, flood, digestInterval,
                    digestWindow, maxInFlight, originPushesToAll, laggardTimeout);
        }
    }
}

package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.encoding.Utf8;
import io.plumtree.engine.state.StateOutput.ScheduleTimer;
import io.plumtree.engine.state.StateOutput.Send;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Replicated per-node key-value state of one node, as a sans-IO state machine: chitchat's model (quickwit-oss), kept
 * in sync by scuttlebutt anti-entropy (van Renesse, Dumitriu, Gough, Thomas, "Efficient Reconciliation and Flow
 * Control for Anti-Entropy Protocols", LADIS 2008).
 *
 * <p>Every node owns a map of keys to string values that only it writes; each write takes the node's next version.
 * Every node holds a copy of every live member's map. Each {@link StateConfig#gossipInterval()} a node sends its
 * digest (for each node it holds: the highest version it holds, and up to which version it collected tombstones) to
 * {@link StateConfig#fanout()} random live peers (SYN); the peer answers with its own digest and the entries the
 * initiator lacks (SYN-ACK), and the initiator answers with the entries the peer lacks (ACK). Each delta is bounded
 * in bytes, most stale nodes first; the rest follows in later rounds.
 *
 * <p>Deletes leave tombstones, collected {@link StateConfig#tombstoneGrace()} after a node learned of them. A peer
 * whose copy is older than a collection would miss those deletes, so it is sent the whole state instead, and resets
 * its copy (chitchat's {@code last_gc_version}). A key set with a time to live is deleted by its owner when the time is
 * up. Membership decides whose state is held: a member reported up is replicated, one reported down is frozen and
 * dropped after {@link StateConfig#deadNodeGrace()}, one that left is dropped at once. Deltas about other nodes are
 * ignored, so a dropped state never comes back through a peer that still holds it.
 *
 * <h2>How a driver uses it</h2>
 * <ol>
 *   <li>Create one instance per node with its name, configuration, a random generator (seeded in tests and the
 *       simulator) and the version of its first write. One thread only: the core takes no locks.</li>
 *   <li>Handle {@link StateInput.Start} once, then feed every event to {@link #handle}: membership changes
 *       ({@code PeerUp}, {@code PeerDown}, {@code PeerLeft}), messages from peers, the application's writes and
 *       subscriptions, and fired timers, each with the current time from one monotonic clock.</li>
 *   <li>Carry out the outputs in order as they are emitted: {@link Send} over the reliable stream to the peer,
 *       {@link ScheduleTimer} by handing back {@link StateInput.TimerFired} after the delay (timers are never
 *       cancelled; stale ones are ignored), {@link StateOutput.KeyChanged} to the subscriber.</li>
 *   <li>Read the view between inputs with {@link #snapshot()} or {@link #value}.</li>
 * </ol>
 *
 * <p>The core never reads a clock, sleeps, starts a thread or does I/O. A local write beyond the configured limits
 * throws {@link IllegalArgumentException} before any output is emitted; remote input never throws.
 */
public final class ReplicatedState {

    private final NodeId self;
    private final StateConfig config;
    private final RandomGenerator random;
    private final long intervalNanos;
    private final long deadGraceNanos;

    /** Every node state held, this node's own included, by name. */
    private final HashMap<NodeId, NodeState> nodes = new HashMap<>();

    /** This node's own state; its {@code maxVersion} is the version of its last write. */
    private final NodeState own;

    /** The states this node shares in digests and deltas: its own first, then those of live peers. */
    private final ArrayList<NodeState> shared = new ArrayList<>();

    /** Tombstones of every node held, waiting for their grace to end. */
    private final TombstoneQueue tombstones;

    private final Subscriptions subscriptions;

    private boolean started;

    private long exchangesStarted;
    private long synsAnswered;
    private long entriesApplied;
    private long resets;
    private long gaps;
    private long ignored;
    private long rejected;
    private long tombstonesCollected;
    private long nodesDropped;

    /**
     * A core whose writes are versioned from {@code firstVersion}.
     *
     * <p>A node that restarts under the same name must start above every version it used before, or its peers would
     * take its new writes for old ones; the runtime passes the wall-clock time in microseconds. The core also counts
     * every version below {@code firstVersion} as collected, so peers that hold the state of an earlier run of this
     * node reset it instead of keeping its keys.
     *
     * @param self         this node's name
     * @param config       the tunables
     * @param random       the only source of randomness; seed it for reproducible runs
     * @param firstVersion version of this node's first write, at least 1
     */
    public ReplicatedState(NodeId self, StateConfig config, RandomGenerator random, long firstVersion) {
        if (firstVersion < 1) {
            throw new IllegalArgumentException("firstVersion must be positive, got " + firstVersion);
        }
        this.self = Objects.requireNonNull(self, "self");
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.intervalNanos = config.gossipInterval().toNanos();
        this.deadGraceNanos = config.deadNodeGrace().toNanos();
        this.tombstones = new TombstoneQueue(config.tombstoneGrace().toNanos());
        this.subscriptions = new Subscriptions(config.maxSubscriptions());
        this.own = new NodeState(self);
        own.maxVersion = firstVersion - 1;
        own.lastGcVersion = firstVersion - 1;
        nodes.put(self, own);
        shared.add(own);
    }

    /** A core whose writes are versioned from 1 (tests and the simulator). */
    public ReplicatedState(NodeId self, StateConfig config, RandomGenerator random) {
        this(self, config, random, 1);
    }

    /**
     * Handles one input at time {@code nowNanos} and emits the resulting outputs, in the order they must be carried
     * out.
     *
     * @param input    what happened
     * @param nowNanos the current time on the driver's monotonic clock, in nanoseconds
     * @param out      receives the outputs
     * @throws IllegalArgumentException if a local write or subscription exceeds a limit; nothing was emitted
     */
    public void handle(StateInput input, long nowNanos, Consumer<? super StateOutput> out) {
        if (input instanceof StateInput.Received r) {
            onReceived(r.from(), r.message(), nowNanos, out);
        } else if (input instanceof StateInput.TimerFired t) {
            onTimer(t.timer(), nowNanos, out);
        } else if (input instanceof StateInput.Set s) {
            onSet(s.key(), s.value(), s.ttl(), out);
        } else if (input instanceof StateInput.Delete d) {
            onDelete(d.key(), nowNanos, out);
        } else if (input instanceof StateInput.PeerUp u) {
            onPeerUp(u.peer());
        } else if (input instanceof StateInput.PeerDown d) {
            onPeerDown(d.peer(), nowNanos, out);
        } else if (input instanceof StateInput.PeerLeft l) {
            onPeerLeft(l.peer(), out);
        } else if (input instanceof StateInput.Subscribe s) {
            subscriptions.subscribe(s.id(), s.prefix());
        } else if (input instanceof StateInput.Unsubscribe u) {
            subscriptions.unsubscribe(u.id());
        } else if (input instanceof StateInput.Start) {
            onStart(out);
        } else {
            throw new IllegalStateException("unhandled input " + input);
        }
    }

    private void onStart(Consumer<? super StateOutput> out) {
        if (started) {
            return;
        }
        started = true;
        out.accept(new ScheduleTimer(random.nextLong(intervalNanos), new StateTimer.GossipTick()));
    }

    // ---- local writes

    private void onSet(String key, String value, Duration ttl, Consumer<? super StateOutput> out) {
        int keyBytes = Utf8.length(key);
        if (keyBytes > config.maxKeyBytes()) {
            throw new IllegalArgumentException("key is " + keyBytes + " bytes of UTF-8; maxKeyBytes is "
                    + config.maxKeyBytes());
        }
        int valueBytes = Utf8.length(value);
        if (valueBytes > config.maxValueBytes()) {
            throw new IllegalArgumentException("value of '" + key + "' is " + valueBytes
                    + " bytes of UTF-8; maxValueBytes is " + config.maxValueBytes());
        }
        if (own.get(key) == null && own.size() >= config.maxKeysPerNode()) {
            throw new IllegalArgumentException("this node holds " + own.size()
                    + " keys (tombstones included); maxKeysPerNode is " + config.maxKeysPerNode());
        }
        VersionedValue v = new VersionedValue(key, value, own.maxVersion + 1);
        own.maxVersion = v.version();
        VersionedValue old = own.put(v);
        changed(own, key, old, v, out);
        if (ttl != null && !ttl.isZero()) {
            out.accept(new ScheduleTimer(ttl.toNanos(), new StateTimer.Expire(key, v.version())));
        }
    }

    private void onDelete(String key, long now, Consumer<? super StateOutput> out) {
        VersionedValue old = own.get(key);
        if (old == null || old.isTombstone()) {
            return;
        }
        VersionedValue tombstone = new VersionedValue(key, null, own.maxVersion + 1);
        own.maxVersion = tombstone.version();
        own.put(tombstone);
        tombstones.add(own, key, tombstone.version(), now, this::collect);
        changed(own, key, old, tombstone, out);
    }

    // ---- membership

    private void onPeerUp(NodeId peer) {
        if (peer.equals(self)) {
            return;
        }
        NodeState s = nodes.get(peer);
        if (s == null) {
            s = new NodeState(peer);
            nodes.put(peer, s);
        } else if (!s.isDead()) {
            return;
        }
        s.deadSinceNanos = NodeState.ALIVE;
        s.liveIndex = shared.size();
        shared.add(s);
    }

    private void onPeerDown(NodeId peer, long now, Consumer<? super StateOutput> out) {
        NodeState s = nodes.get(peer);
        if (s == null || s == own || s.isDead()) {
            return;
        }
        unshare(s);
        s.deadSinceNanos = now;
        out.accept(new ScheduleTimer(deadGraceNanos, new StateTimer.DropDead(peer, now)));
    }

    private void onPeerLeft(NodeId peer, Consumer<? super StateOutput> out) {
        NodeState s = nodes.get(peer);
        if (s != null && s != own) {
            drop(s, out);
        }
    }

    /** Removes {@code s} from the shared list by moving the last one into its place. */
    private void unshare(NodeState s) {
        int i = s.liveIndex;
        NodeState last = shared.remove(shared.size() - 1);
        if (last != s) {
            shared.set(i, last);
            last.liveIndex = i;
        }
        s.liveIndex = -1;
    }

    /** Forgets a node's state; its live keys change to null for the subscribers. */
    private void drop(NodeState s, Consumer<? super StateOutput> out) {
        if (!s.isDead()) {
            unshare(s);
        }
        nodes.remove(s.node);
        nodesDropped++;
        if (!subscriptions.isEmpty()) {
            for (VersionedValue v : s.entries()) {
                if (!v.isTombstone()) {
                    subscriptions.changed(s.node, v.key(), v.value(), null, v.version(), out);
                }
            }
        }
    }

    // ---- timers

    private void onTimer(StateTimer timer, long now, Consumer<? super StateOutput> out) {
        if (timer instanceof StateTimer.GossipTick) {
            onGossipTick(now, out);
        } else if (timer instanceof StateTimer.Expire e) {
            VersionedValue v = own.get(e.key());
            if (v != null && v.version() == e.version()) {
                onDelete(e.key(), now, out);
            }
        } else if (timer instanceof StateTimer.DropDead d) {
            NodeState s = nodes.get(d.node());
            if (s != null && s.deadSinceNanos == d.deadSinceNanos()) {
                drop(s, out);
            }
        } else {
            throw new IllegalStateException("unhandled timer " + timer);
        }
    }

    /** A round: collect tombstones past their grace, then SYN to {@code fanout} distinct random live peers. */
    private void onGossipTick(long now, Consumer<? super StateOutput> out) {
        out.accept(new ScheduleTimer(intervalNanos, new StateTimer.GossipTick()));
        tombstones.due(now, this::collect);
        int peers = shared.size() - 1;
        if (peers <= 0) {
            return;
        }
        Digest digest = digest();
        int fanout = Math.min(config.fanout(), peers);
        // Partial Fisher-Yates over the shared list's peer positions 1..peers, undone afterwards so the list's
        // order (and with it every later choice) depends only on the seed.
        int[] swapped = new int[fanout];
        for (int k = 0; k < fanout; k++) {
            int i = 1 + k;
            int j = i + random.nextInt(peers - k);
            swapped[k] = j;
            swap(i, j);
            exchangesStarted++;
            out.accept(new Send(shared.get(i).node, new StateMessage.Syn(digest)));
        }
        for (int k = fanout - 1; k >= 0; k--) {
            swap(1 + k, swapped[k]);
        }
    }

    private void swap(int i, int j) {
        if (i == j) {
            return;
        }
        NodeState a = shared.get(i);
        NodeState b = shared.get(j);
        shared.set(i, b);
        shared.set(j, a);
        a.liveIndex = j;
        b.liveIndex = i;
    }

    private void collect(TombstoneQueue.Pending p) {
        if (nodes.get(p.state().node) == p.state() && p.state().collect(p.key(), p.version())) {
            tombstonesCollected++;
        }
    }

    // ---- the exchange

    private void onReceived(NodeId from, StateMessage message, long now, Consumer<? super StateOutput> out) {
        if (from.equals(self)) {
            return;
        }
        if (message instanceof StateMessage.Syn syn) {
            synsAnswered++;
            Delta delta = deltaFor(syn.digest());
            out.accept(new Send(from, new StateMessage.SynAck(digest(), delta)));
        } else if (message instanceof StateMessage.SynAck synAck) {
            apply(synAck.delta(), now, out);
            Delta delta = deltaFor(synAck.digest());
            if (!delta.isEmpty()) {
                out.accept(new Send(from, new StateMessage.Ack(delta)));
            }
        } else if (message instanceof StateMessage.Ack ack) {
            apply(ack.delta(), now, out);
        } else {
            throw new IllegalStateException("unhandled message " + message);
        }
    }

    /** The digest of every state shared: this node's and its live peers'. */
    private Digest digest() {
        List<NodeDigest> entries = new ArrayList<>(shared.size());
        for (NodeState s : shared) {
            entries.add(new NodeDigest(s.node, s.maxVersion, s.lastGcVersion));
        }
        return new Digest(entries);
    }

    private Delta deltaFor(Digest digest) {
        return DeltaBuilder.build(digest, nodes, shared, config.maxDeltaBytes(), random);
    }

    private void apply(Delta delta, long now, Consumer<? super StateOutput> out) {
        for (NodeDelta d : delta.nodes()) {
            NodeState s = nodes.get(d.node());
            if (s == null || s == own || s.isDead()) {
                ignored++;
                continue;
            }
            VersionedValue[] before = null;
            if (DeltaBuilder.needsReset(s.maxVersion, s.lastGcVersion, d.lastGcVersion())) {
                if (d.fromVersion() != 0) {
                    gaps++;
                    continue;
                }
                resets++;
                before = s.reset(d.lastGcVersion());
            } else if (d.fromVersion() > s.maxVersion) {
                gaps++;
                continue;
            }
            boolean complete = applyEntries(s, d, before, now, out);
            if (complete) {
                s.maxVersion = Math.max(s.maxVersion, d.toVersion());
            }
            if (before != null) {
                reportVanished(s, before, out);
            }
        }
    }

    /**
     * Applies the entries of {@code d} that {@code s} lacks, raising its version as it goes.
     *
     * @param before the entries before a reset, for the subscribers' old values; null without a reset
     * @return false if an entry was refused, so {@code s} must not claim the versions after it
     */
    private boolean applyEntries(NodeState s, NodeDelta d, VersionedValue[] before, long now,
                                 Consumer<? super StateOutput> out) {
        for (VersionedValue v : d.entries()) {
            if (v.version() <= s.maxVersion) {
                continue;
            }
            VersionedValue current = s.get(v.key());
            if (Utf8.length(v.key()) > config.maxKeyBytes()
                    || v.value() != null && Utf8.length(v.value()) > config.maxValueBytes()
                    || current == null && s.size() >= config.maxKeysPerNode()) {
                rejected++;
                return false;
            }
            s.put(v);
            s.maxVersion = v.version();
            entriesApplied++;
            if (v.isTombstone()) {
                tombstones.add(s, v.key(), v.version(), now, this::collect);
            }
            VersionedValue old = current != null ? current : before == null ? null : find(before, v.key());
            changed(s, v.key(), old, v, out);
        }
        return true;
    }

    /** After a reset: reports the keys that held a value before and hold none now. */
    private void reportVanished(NodeState s, VersionedValue[] before, Consumer<? super StateOutput> out) {
        if (subscriptions.isEmpty()) {
            return;
        }
        for (VersionedValue old : before) {
            if (!old.isTombstone() && s.get(old.key()) == null) {
                subscriptions.changed(s.node, old.key(), old.value(), null, old.version(), out);
            }
        }
    }

    private static VersionedValue find(VersionedValue[] entries, String key) {
        for (VersionedValue v : entries) {
            if (v.key().equals(key)) {
                return v;
            }
        }
        return null;
    }

    private void changed(NodeState s, String key, VersionedValue old, VersionedValue now,
                         Consumer<? super StateOutput> out) {
        String oldValue = old == null ? null : old.value();
        if (!subscriptions.isEmpty() && !Objects.equals(oldValue, now.value())) {
            subscriptions.changed(s.node, key, oldValue, now.value(), now.version(), out);
        }
    }

    // ---- reading

    /** This node's name. */
    public NodeId self() {
        return self;
    }

    /** The configuration in force. */
    public StateConfig config() {
        return config;
    }

    /** The value of {@code key} at {@code node} in this node's view, or null if absent, deleted or unknown. */
    public String value(NodeId node, String key) {
        NodeState s = nodes.get(node);
        VersionedValue v = s == null ? null : s.get(key);
        return v == null ? null : v.value();
    }

    /** The highest version of {@code node} this view holds every write up to; 0 if none or unknown. */
    public long maxVersion(NodeId node) {
        NodeState s = nodes.get(node);
        return s == null ? 0 : s.maxVersion;
    }

    /** Up to which version tombstones of {@code node} may have been collected from this view; 0 if unknown. */
    public long lastGcVersion(NodeId node) {
        NodeState s = nodes.get(node);
        return s == null ? 0 : s.lastGcVersion;
    }

    /** Whether this view holds state of {@code node} (live, or dead within its grace). */
    public boolean holds(NodeId node) {
        return nodes.containsKey(node);
    }

    /** Number of node states held, this node's own included. */
    public int nodeCount() {
        return nodes.size();
    }

    /** Tombstones waiting for their grace to end. */
    public int pendingTombstones() {
        return tombstones.size();
    }

    /** The whole view, copied: every node state held with its live keys. */
    public StateSnapshot snapshot() {
        Map<NodeId, StateSnapshot.NodeView> views = new LinkedHashMap<>();
        for (NodeState s : nodes.values()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (VersionedValue v : s.entries()) {
                if (!v.isTombstone()) {
                    values.put(v.key(), v.value());
                }
            }
            views.put(s.node, new StateSnapshot.NodeView(s.maxVersion, !s.isDead(), values));
        }
        return new StateSnapshot(views);
    }

    /** Counters since start. */
    public StateStats stats() {
        return new StateStats(exchangesStarted, synsAnswered, entriesApplied, resets, gaps, ignored, rejected,
                tombstonesCollected, nodesDropped);
    }
}

package io.plumtree.engine.broadcast;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage.Announcement;
import io.plumtree.engine.broadcast.PlumtreeMessage.Gossip;
import io.plumtree.engine.broadcast.PlumtreeMessage.Graft;
import io.plumtree.engine.broadcast.PlumtreeMessage.IHave;
import io.plumtree.engine.broadcast.PlumtreeMessage.Prune;
import io.plumtree.engine.broadcast.PlumtreeOutput.Deliver;
import io.plumtree.engine.broadcast.PlumtreeOutput.ScheduleTimer;
import io.plumtree.engine.broadcast.PlumtreeOutput.Send;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The Plumtree broadcast protocol of one node, as a sans-IO state machine (Leitao, Pereira, Rodrigues, "Epidemic
 * Broadcast Trees", SRDS 2007; page and section numbers below refer to that paper).
 *
 * <p>Payloads travel eagerly along a spanning tree that emerges from the traffic itself: a node keeps the peer that
 * first delivered a message as an eager peer and answers every duplicate with PRUNE, so the redundant edges become
 * lazy. Lazy peers receive IHAVE announcements instead; a node that hears of a message it does not receive in time
 * sends GRAFT, which both fetches the payload and repairs the tree.
 *
 * <h2>How a driver uses it</h2>
 * <ol>
 *   <li>Create one instance per node with its name, configuration and a random generator (seeded in tests and the
 *       simulator). One thread only: the core takes no locks.</li>
 *   <li>Feed every event to {@link #handle}: messages from peers, membership changes, application broadcasts and
 *       fired timers, each with the current time from one monotonic clock.</li>
 *   <li>Carry out the outputs in order as they are emitted: {@link Send} over the reliable link to the peer,
 *       {@link Deliver} to the application, {@link ScheduleTimer} by handing back
 *       {@link PlumtreeInput.TimerFired} after the delay. Timers are never cancelled; stale ones are ignored.</li>
 * </ol>
 *
 * <p>The core never reads a clock, sleeps, starts a thread or does I/O. A broadcast larger than
 * {@link PlumtreeConfig#maxPayloadBytes()} throws {@link PayloadTooLargeException} before any output is emitted.
 */
public final class Plumtree {

    private final NodeId self;
    private final PlumtreeConfig config;
    private final PeerSets peers;

    /** Delivered payloads kept to answer GRAFTs (section 4.3, "ReceivedMsgs"). */
    private final ExpiringMap<MessageId, Cached> cache;

    /** Every message delivered, with its hops and parent, so each is delivered once (section 4.3). */
    private final ExpiringMap<MessageId, Delivered> seen;

    /** Announced messages not yet received. */
    private final MissingMessages missing;

    /** Announcements waiting for the next flush. */
    private final PendingAnnouncements pending;

    /** GRAFT token buckets of the peers we grafted from recently; bounded by {@link #maxBuckets}. */
    private final LinkedHashMap<NodeId, TokenBucket> graftBuckets = new LinkedHashMap<>();
    private final int maxBuckets;

    private final long graftTimeoutNanos;
    /** Time for one GRAFT token to refill: when a rate-limited graft tries again. */
    private final long graftTokenNanos;
    private final long graftMaxBackoffNanos;
    private final long ihaveIntervalNanos;

    /** Sequence number of this node's next broadcast. */
    private long nextSequence = 1;

    /** Whether a {@link PlumtreeTimer.FlushAnnouncements} timer is outstanding. */
    private boolean flushScheduled;

    /**
     * Peers picked as neighbours since the last flush, to be sent NEIGHBOR then if they are still picked: while
     * membership reports many peers at once, the pick changes often, and only the final one is worth telling.
     */
    private final LinkedHashSet<NodeId> untold = new LinkedHashSet<>();

    private long broadcasts;
    private long delivered;
    private long duplicates;
    private long gossipSent;
    private long ihaveSent;
    private long graftSent;
    private long pruneSent;
    private long graftsAnswered;
    private long graftsUnanswerable;
    private long graftsAbandoned;
    private long graftsRateLimited;
    private long optimizations;
    private long missingDropped;

    /**
     * @param self   this node's name
     * @param config the tunables
     * @param random the only source of randomness; seed it for reproducible runs
     */
    public Plumtree(NodeId self, PlumtreeConfig config, RandomGenerator random) {
        this.self = Objects.requireNonNull(self, "self");
        this.config = Objects.requireNonNull(config, "config");
        this.peers = new PeerSets(config, Objects.requireNonNull(random, "random"));
        this.cache = new ExpiringMap<>(config.cacheTtl().toNanos(), config.cacheMaxMessages(),
                config.cacheMaxBytes(), c -> c.payload.length);
        this.seen = new ExpiringMap<>(config.seenTtl().toNanos(), config.seenMaxEntries(), Long.MAX_VALUE, d -> 0);
        this.missing = new MissingMessages(config.cacheMaxMessages(), config.maxEagerPeers() + config.maxLazyPeers());
        this.pending = new PendingAnnouncements(config.maxPendingIHaves(), config.ihaveBatchSize());
        this.maxBuckets = config.maxKnownPeers() + config.maxEagerPeers() + config.maxLazyPeers();
        this.graftTimeoutNanos = config.graftTimeout().toNanos();
        this.graftTokenNanos = Math.max(1, (long) Math.ceil(1e9 / config.graftRatePerSecond()));
        this.graftMaxBackoffNanos = config.graftMaxBackoff().toNanos();
        this.ihaveIntervalNanos = config.ihaveInterval().toNanos();
    }

    /**
     * Handles one input at time {@code nowNanos} and emits the resulting outputs, in the order they must be carried
     * out.
     *
     * @param input    what happened
     * @param nowNanos the current time on the driver's monotonic clock, in nanoseconds
     * @param out      receives the outputs
     * @throws PayloadTooLargeException if a broadcast's payload exceeds the maximum; nothing was emitted
     */
    public void handle(PlumtreeInput input, long nowNanos, Consumer<? super PlumtreeOutput> out) {
        if (input instanceof PlumtreeInput.Received r) {
            onReceived(r.from(), r.message(), nowNanos, out);
        } else if (input instanceof PlumtreeInput.Broadcast b) {
            onBroadcast(b.payload(), nowNanos, out);
        } else if (input instanceof PlumtreeInput.TimerFired t) {
            onTimer(t.timer(), nowNanos, out);
        } else if (input instanceof PlumtreeInput.NeighborUp u) {
            onNeighborUp(u.peer(), out);
        } else if (input instanceof PlumtreeInput.NeighborDown d) {
            onNeighborDown(d.peer(), out);
        } else if (input instanceof PlumtreeInput.PeerCongested c) {
            onPeerCongested(c, out);
        } else {
            throw new IllegalStateException("unhandled input " + input);
        }
    }

    private void onReceived(NodeId from, PlumtreeMessage message, long now, Consumer<? super PlumtreeOutput> out) {
        if (from.equals(self)) {
            return;
        }
        if (message instanceof Gossip g) {
            onGossip(from, g, now, out);
        } else if (message instanceof IHave i) {
            onIHave(from, i, now, out);
        } else if (message instanceof Graft g) {
            onGraft(from, g, now, out);
        } else if (message instanceof Prune p) {
            onPrune(from, p);
        } else if (message instanceof PlumtreeMessage.Neighbor) {
            peers.acceptNeighbour(from);
        } else {
            throw new IllegalStateException("unhandled message " + message);
        }
    }

    /** Section 4.3, "Broadcast": deliver locally, then push as if received from no one. */
    private void onBroadcast(byte[] payload, long now, Consumer<? super PlumtreeOutput> out) {
        if (payload.length > config.maxPayloadBytes()) {
            throw new PayloadTooLargeException(payload.length, config.maxPayloadBytes());
        }
        MessageId id = new MessageId(self, nextSequence++);
        broadcasts++;
        deliver(id, 0, null, payload, now, out);
        push(id, 0, payload, null, now, out);
    }

    /**
     * Section 4.3, "upon Receive(GOSSIP)": the first copy is delivered and pushed on, and its sender becomes eager;
     * a duplicate makes its sender lazy and is answered with PRUNE.
     */
    private void onGossip(NodeId from, Gossip g, long now, Consumer<? super PlumtreeOutput> out) {
        NodeId root = g.id().origin();
        if (seen.contains(g.id(), now)) {
            duplicates++;
            if (!config.flood()) {
                peers.tree(root).demote(from);
                send(from, new Prune(root), out);
            }
            return;
        }
        missing.remove(g.id());
        deliver(g.id(), g.hops(), from, g.payload(), now, out);
        if (!config.flood()) {
            peers.tree(root).promote(from);
        }
        push(g.id(), g.hops(), g.payload(), from, now, out);
    }

    /**
     * Section 4.3, "upon Receive(IHAVE)": remember announcers of missing messages and start the graft timer on the
     * first announcement. Section 4.5: if the announcer offers a path shorter than the delivered copy's by at least
     * the threshold, graft it and prune the old parent.
     */
    private void onIHave(NodeId from, IHave ihave, long now, Consumer<? super PlumtreeOutput> out) {
        for (Announcement a : ihave.announcements()) {
            Delivered d = seen.get(a.id(), now);
            if (d != null) {
                maybeOptimize(from, a, d, out);
                continue;
            }
            MissingMessages.Outcome outcome = missing.announce(a.id(), from, a.hops());
            if (outcome == MissingMessages.Outcome.NEW) {
                out.accept(new ScheduleTimer(graftTimeoutNanos, new PlumtreeTimer.GraftDue(a.id())));
            } else if (outcome == MissingMessages.Outcome.DROPPED) {
                missingDropped++;
            }
        }
    }

    private void maybeOptimize(NodeId from, Announcement a, Delivered d, Consumer<? super PlumtreeOutput> out) {
        int threshold = config.optimizationThreshold();
        if (threshold == 0 || d.parent == null || d.parent.equals(from) || d.hops - a.hops() < threshold) {
            return;
        }
        NodeId oldParent = d.parent;
        NodeId root = a.id().origin();
        TreePeers tree = peers.tree(root);
        tree.promote(from);
        send(from, new Graft(root, List.of()), out);
        tree.demote(oldParent);
        send(oldParent, new Prune(root), out);
        d.parent = from;
        d.hops = a.hops();
        optimizations++;
    }

    /** Section 4.3, "upon Receive(GRAFT)": the sender becomes eager and gets the payloads it asked for. */
    private void onGraft(NodeId from, Graft graft, long now, Consumer<? super PlumtreeOutput> out) {
        peers.tree(graft.root()).promote(from);
        for (MessageId id : graft.ids()) {
            Cached c = cache.get(id, now);
            if (c == null) {
                graftsUnanswerable++;
                continue;
            }
            graftsAnswered++;
            send(from, new Gossip(id, c.hops + 1, c.payload), out);
        }
    }

    /** Section 4.3, "upon Receive(PRUNE)": the sender becomes lazy. */
    private void onPrune(NodeId from, Prune prune) {
        peers.tree(prune.root()).demote(from);
    }

    /** A push the driver dropped for a full queue: demote the peer in that tree and announce instead. */
    private void onPeerCongested(PlumtreeInput.PeerCongested c, Consumer<? super PlumtreeOutput> out) {
        TreePeers tree = peers.tree(c.id().origin());
        if (!tree.eager().contains(c.peer())) {
            return;
        }
        tree.demote(c.peer());
        pending.add(c.peer(), new Announcement(c.id(), c.hops()));
        scheduleFlush(out);
    }

    private void onTimer(PlumtreeTimer timer, long now, Consumer<? super PlumtreeOutput> out) {
        if (timer instanceof PlumtreeTimer.FlushAnnouncements) {
            flushScheduled = false;
            for (NodeId peer : untold) {
                if (peers.isNeighbour(peer)) {
                    send(peer, new PlumtreeMessage.Neighbor(), out);
                }
            }
            untold.clear();
            pending.drain((peer, ihave) -> send(peer, ihave, out));
        } else if (timer instanceof PlumtreeTimer.GraftDue g) {
            onGraftDue(g.id(), now, out);
        } else {
            throw new IllegalStateException("unhandled timer " + timer);
        }
    }

    /**
     * Section 4.3, "upon Timer(mID)": graft the next announcer of a message that is still missing, and try again
     * later with exponential backoff, up to the maximum number of attempts.
     */
    private void onGraftDue(MessageId id, long now, Consumer<? super PlumtreeOutput> out) {
        MissingMessages.Missing m = missing.get(id);
        if (m == null) {
            return;
        }
        if (seen.contains(id, now)) {
            missing.remove(id);
            return;
        }
        if (m.attempts >= config.graftMaxRetries()) {
            missing.remove(id);
            graftsAbandoned++;
            return;
        }
        List<MissingMessages.Announcer> announcers = m.announcers;
        NodeId target = null;
        for (int k = 0; k < announcers.size() && target == null; k++) {
            NodeId candidate = announcers.get((m.attempts + k) % announcers.size()).peer();
            if (graftBucket(candidate, now).tryTake(now)) {
                target = candidate;
            }
        }
        if (target == null) {
            // Not an attempt: nothing was sent. Counting it would let a burst of missing messages (all due at once,
            // retried in step) use up its attempts against the bucket's burst and give up on messages never asked
            // for. Try again when the next token is due.
            graftsRateLimited++;
            out.accept(new ScheduleTimer(graftTokenNanos, new PlumtreeTimer.GraftDue(id)));
            return;
        }
        m.attempts++;
        peers.tree(id.origin()).promote(target);
        send(target, new Graft(id.origin(), List.of(id)), out);
        long delay = GraftBackoff.delayNanos(graftTimeoutNanos, graftMaxBackoffNanos, m.attempts);
        out.accept(new ScheduleTimer(delay, new PlumtreeTimer.GraftDue(id)));
    }

    private TokenBucket graftBucket(NodeId peer, long now) {
        TokenBucket b = graftBuckets.get(peer);
        if (b == null) {
            if (graftBuckets.size() >= maxBuckets) {
                NodeId oldest = graftBuckets.keySet().iterator().next();
                graftBuckets.remove(oldest);
            }
            b = new TokenBucket(config.graftBurst(), config.graftRatePerSecond(), now);
            graftBuckets.put(peer, b);
        }
        return b;
    }

    private void onNeighborUp(NodeId peer, Consumer<? super PlumtreeOutput> out) {
        if (!peer.equals(self) && peers.up(peer)) {
            untold.add(peer);
            scheduleFlush(out);
        }
    }

    private void onNeighborDown(NodeId peer, Consumer<? super PlumtreeOutput> out) {
        untold.remove(peer);
        untold.addAll(peers.down(peer));
        scheduleFlush(out);
        pending.forget(peer);
        graftBuckets.remove(peer);
    }

    private void deliver(MessageId id, int hops, NodeId parent, byte[] payload, long now,
                         Consumer<? super PlumtreeOutput> out) {
        seen.put(id, new Delivered(hops, parent), now);
        cache.put(id, new Cached(hops, payload), now);
        delivered++;
        out.accept(new Deliver(id, hops, payload));
    }

    /**
     * Section 4.3, "eagerPush" and "lazyPush": the payload to eager peers, an announcement to lazy peers, never
     * back to the peer it came from. In flood mode, the payload to both.
     */
    private void push(MessageId id, int hops, byte[] payload, NodeId from, long now,
                      Consumer<? super PlumtreeOutput> out) {
        Gossip gossip = new Gossip(id, hops + 1, payload);
        TreePeers tree = peers.tree(id.origin());
        for (NodeId p : tree.eager()) {
            if (!p.equals(from)) {
                send(p, gossip, out);
            }
        }
        if (config.flood()) {
            for (NodeId p : tree.lazy()) {
                if (!p.equals(from)) {
                    send(p, gossip, out);
                }
            }
            return;
        }
        Announcement announcement = new Announcement(id, hops + 1);
        for (NodeId p : tree.lazy()) {
            if (!p.equals(from)) {
                pending.add(p, announcement);
            }
        }
        scheduleFlush(out);
    }

    /** Schedules the next flush of announcements and NEIGHBOR notices, if there is something to flush. */
    private void scheduleFlush(Consumer<? super PlumtreeOutput> out) {
        if (!flushScheduled && (!pending.isEmpty() || !untold.isEmpty())) {
            flushScheduled = true;
            out.accept(new ScheduleTimer(ihaveIntervalNanos, new PlumtreeTimer.FlushAnnouncements()));
        }
    }

    private void send(NodeId to, PlumtreeMessage message, Consumer<? super PlumtreeOutput> out) {
        if (message instanceof Gossip) {
            gossipSent++;
        } else if (message instanceof IHave) {
            ihaveSent++;
        } else if (message instanceof Graft) {
            graftSent++;
        } else if (message instanceof Prune) {
            pruneSent++;
        }
        out.accept(new Send(to, message));
    }

    /** This node's name. */
    public NodeId self() {
        return self;
    }

    /** The configuration in force. */
    public PlumtreeConfig config() {
        return config;
    }

    /** The eager peers of the tree of messages from {@code root}, in send order (a copy). */
    public List<NodeId> eagerPeers(NodeId root) {
        return List.copyOf(peers.tree(root).eager());
    }

    /** The lazy peers of the tree of messages from {@code root}, in send order (a copy). */
    public List<NodeId> lazyPeers(NodeId root) {
        return List.copyOf(peers.tree(root).lazy());
    }

    /** The eager peers new trees start from (the neighbour partition), in send order (a copy). */
    public List<NodeId> neighbourEagerPeers() {
        return List.copyOf(peers.neighbours().eager());
    }

    /** The lazy peers new trees start from (the neighbour partition), in send order (a copy). */
    public List<NodeId> neighbourLazyPeers() {
        return List.copyOf(peers.neighbours().lazy());
    }

    /** Number of per-origin trees held. */
    public int treeCount() {
        return peers.treeCount();
    }

    /** Number of announced messages not yet received. */
    public int missingCount() {
        return missing.size();
    }

    /** Number of payloads cached to answer GRAFTs. */
    public int cachedCount() {
        return cache.size();
    }

    /** Counters since start. */
    public PlumtreeStats stats() {
        return new PlumtreeStats(broadcasts, delivered, duplicates, gossipSent, ihaveSent, graftSent, pruneSent,
                graftsAnswered, graftsUnanswerable, graftsAbandoned, graftsRateLimited, optimizations,
                pending.dropped() + missingDropped, cache.evicted());
    }

    /** A cached payload and the hops it was delivered at here. */
    private record Cached(int hops, byte[] payload) {
    }

    /** A delivered message: its hops here and the peer it came from (null for our own); the optimization updates both. */
    private static final class Delivered {
        int hops;
        NodeId parent;

        Delivered(int hops, NodeId parent) {
            this.hops = hops;
            this.parent = parent;
        }
    }
}

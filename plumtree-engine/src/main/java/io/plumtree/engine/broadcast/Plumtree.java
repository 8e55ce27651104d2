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

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The Plumtree broadcast protocol of one node, as a sans-IO state machine (Leitao, Pereira, Rodrigues, "Epidemic
 * Broadcast Trees", SRDS 2007; page and section numbers below refer to that paper).
 *
 * <p>Payloads travel eagerly along a spanning tree per origin that emerges from the traffic itself: a node answers
 * every duplicate with PRUNE to the sender of the copy that took more hops, so the redundant edges become lazy. Lazy
 * peers receive IHAVE announcements instead; a node that hears of a message it does not receive in time sends GRAFT,
 * which both fetches the payload and repairs the tree. Per-origin trees are directed (PRUNE and GRAFT change only what
 * the receiver pushes to the sender), which keeps them settled when copies overtake each other; docs/broadcast.md,
 * departure 6.
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

    /**
     * Every message delivered, with its hops and parent, so each is delivered once (section 4.3), and the newest
     * payloads, kept to answer GRAFTs ("ReceivedMsgs").
     */
    private final MessageLog log;

    /** Announced messages not yet received. */
    private final MissingMessages missing;

    /** Announcements waiting for the next flush. */
    private final PendingAnnouncements pending;

    /** GRAFT token buckets of the peers we grafted from recently; bounded by {@link #maxBuckets}. */
    private final LinkedHashMap<NodeId, TokenBucket> graftBuckets = new LinkedHashMap<>();
    private final int maxBuckets;

    private final long graftTimeoutNanos;
    /** Time for one graft token to refill: when a rate-limited GRAFT tries again. */
    private final long graftTokenNanos;
    private final long graftMaxBackoffNanos;
    private final long ihaveIntervalNanos;

    /**
     * When this node last grafted each (origin, announcer) pair for a shorter path (section 4.5), bounded by
     * {@link #maxBuckets}: an announcer whose eager set is full keeps announcing the shorter path without ever pushing,
     * and is not asked again before {@link PlumtreeConfig#graftMaxBackoff()} has passed.
     */
    private final LinkedHashMap<ShortcutKey, Long> shortcutsTried = new LinkedHashMap<>();
    /**
     * When each (tree, peer) was last sent a PRUNE for a duplicate, until this node grafts that peer in that tree
     * again; bounded by {@link #maxBuckets}. A peer pushing at full speed has thousands of copies on the way before
     * the first PRUNE reaches it: one PRUNE per {@code graftTimeout} answers them all (a member left behind once
     * received 2.49 million duplicates and sent as many PRUNEs).
     */
    private final LinkedHashMap<ShortcutKey, Long> prunedAt = new LinkedHashMap<>();

    /** Sequence of this node's next broadcast. */
    private long nextSequence;

    /** Whether a {@link PlumtreeTimer.FlushAnnouncements} timer is outstanding. */
    private boolean flushScheduled;

    /** Whether a {@link PlumtreeTimer.GraftSweep} timer is outstanding. */
    private boolean graftSweepScheduled;

    /**
     * Peers picked as neighbours since the last flush, to be sent NEIGHBOR then if they are still picked: while
     * membership reports many peers at once, the pick changes often, and only the final one is worth telling.
     */
    private final LinkedHashSet<NodeId> untold = new LinkedHashSet<>();

    /** Most runs in one digest; the most recently delivered go first. */
    static final int MAX_DIGEST_RUNS = 1_024;
    /** Most messages one digest may add to the missing table. */
    private static final int MAX_DIGEST_MISSING = 4_096;
    /** Hop count recorded for a message learned of by digest (a digest carries none). */
    private static final int DIGEST_HOPS = Integer.MAX_VALUE / 2;
    /** Most origins whose lowest delivered sequence is remembered. */
    private static final int MAX_FLOORS = 4_096;
    /** Most sequences a delivered run grows by at one delivery (the seen set is asked for each). */
    private static final int MAX_SPAN_CATCH_UP = 4_096;
    /** Most announced sequences outside the delivered runs one IHAVE may make this node look at. */
    private static final int MAX_ANNOUNCED_SCAN = 4_096;
    /**
     * Most sequences remembered above a gap in an origin's delivered run (16 KiB of bits per origin with a gap). A
     * delivery further above the gap gives up the oldest holes ({@link PlumtreeStats#gapsGivenUp()}): no cache holds
     * a message that far behind (16,384 by default), and past the window the bounded seen set alone would have to
     * tell a late copy from a new message, and it forgets within seconds at high rates.
     */
    static final int GAP_WINDOW = 1 << 17;

    /** Times a missing message may wait for an empty graft rate limit before it is given up. */
    private static final int MAX_GRAFT_DEFERRALS = 64;

    /** Picks digest timings; neighbours are picked by {@link PeerSets} from the same source. */
    private final RandomGenerator random;
    /** Driver time of the first input: messages delivered elsewhere before it are none of this node's business. */
    private long startedNanos = Long.MIN_VALUE;
    /** Whether a digest timer is pending. */
    private boolean digestScheduled;
    /** What this node delivered of each origin, least recently delivered first: what a digest may fill in. */
    private final ByOrigin<DeliveredSpan> floors = new ByOrigin<>(true);
    private long digestsSent;
    private long digestRecoveries;
    /** Holes in an origin's delivered sequences given up, too far behind its newest delivery to be repaired. */
    private long gapsGivenUp;

    /** How far this node's own broadcasts got, and whether the next may go out (departure 9). */
    private final InFlightWindow window;
    /** Every how many messages of an origin this node acknowledges them to it; 0 when windows are off. */
    private final int ackInterval;

    private long broadcasts;
    private long delivered;
    private long acksSent;
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
     * A core whose broadcasts are numbered from 1.
     *
     * @param self   this node's name
     * @param config the tunables
     * @param random the only source of randomness; seed it for reproducible runs
     */
    public Plumtree(NodeId self, PlumtreeConfig config, RandomGenerator random) {
        this(self, config, random, 1);
    }

    /**
     * A core whose broadcasts are numbered from {@code firstSequence}. A node that restarts under the same name must
     * start above every sequence it used before, or its new messages would be taken for the old ones still in its
     * peers' seen sets; the runtime passes the wall-clock time in milliseconds times 1,000.
     *
     * @param self          this node's name
     * @param config        the tunables
     * @param random        the only source of randomness; seed it for reproducible runs
     * @param firstSequence sequence of the first broadcast, at least 1
     */
    public Plumtree(NodeId self, PlumtreeConfig config, RandomGenerator random, long firstSequence) {
        if (firstSequence < 1) {
            throw new IllegalArgumentException("firstSequence must be positive, got " + firstSequence);
        }
        this.nextSequence = firstSequence;
        this.random = Objects.requireNonNull(random, "random");
        this.self = Objects.requireNonNull(self, "self");
        this.config = Objects.requireNonNull(config, "config");
        this.peers = new PeerSets(self, config, Objects.requireNonNull(random, "random"));
        this.log = new MessageLog(config.seenTtl().toNanos(), config.seenMaxEntries(), config.cacheTtl().toNanos(),
                config.cacheMaxMessages(), config.cacheMaxBytes());
        this.missing = new MissingMessages(config.cacheMaxMessages(), config.maxEagerPeers() + config.maxLazyPeers());
        this.pending = new PendingAnnouncements(config.maxPendingIHaves(), config.ihaveBatchSize());
        this.maxBuckets = config.maxKnownPeers() + config.maxEagerPeers() + config.maxLazyPeers();
        this.graftTimeoutNanos = config.graftTimeout().toNanos();
        this.graftTokenNanos = Math.max(1, (long) Math.ceil(1e9 / config.graftRatePerSecond()));
        this.graftMaxBackoffNanos = config.graftMaxBackoff().toNanos();
        this.ihaveIntervalNanos = config.ihaveInterval().toNanos();
        this.window = new InFlightWindow(config.inFlightWindow(), config.laggardTimeout().toNanos());
        this.ackInterval = config.inFlightWindow() == 0 ? 0 : InFlightWindow.ackInterval(config.inFlightWindow());
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
        if (startedNanos == Long.MIN_VALUE) {
            startedNanos = nowNanos;
        }
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
        } else if (message instanceof PlumtreeMessage.GossipRun run) {
            for (int i = 0; i < run.payloads().size(); i++) {
                onGossip(from, run.gossip(i), now, out);
            }
        } else if (message instanceof IHave i) {
            onIHave(from, i, now, out);
        } else if (message instanceof Graft g) {
            onGraft(from, g, now, out);
        } else if (message instanceof Prune p) {
            onPrune(from, p);
        } else if (message instanceof PlumtreeMessage.Neighbor) {
            peers.acceptNeighbour(from);
        } else if (message instanceof PlumtreeMessage.Digest d) {
            onDigest(from, d, now, out);
        } else if (message instanceof PlumtreeMessage.Ack a) {
            if (a.origin().equals(self)) {
                window.acked(from, a.through(), nextSequence - 1);
            }
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
     * Section 4.3, "upon Receive(GOSSIP)": the first copy is delivered and pushed on; a duplicate is answered with
     * PRUNE ({@link #onDuplicate}). With one shared tree the first copy's sender also becomes eager, as in the paper;
     * per-origin trees are directed (departure 6 in docs/broadcast.md), and only a GRAFT makes a peer eager.
     */
    private void onGossip(NodeId from, Gossip g, long now, Consumer<? super PlumtreeOutput> out) {
        NodeId root = g.id().origin();
        if (log.contains(g.id(), now) || inDeliveredRun(g.id())) {
            duplicates++;
            if (!config.flood()) {
                onDuplicate(from, g, now, out);
            }
            return;
        }
        missing.remove(g.id());
        deliver(g.id(), g.hops(), from, g.payload(), now, out);
        if (!config.flood() && !config.perOriginTrees()) {
            peers.tree(root).promote(from);
        }
        push(g.id(), g.hops(), g.payload(), from, now, out);
    }

    /**
     * A payload delivered here before. With one shared tree (the paper), its sender becomes lazy on both sides and
     * gets PRUNE. A per-origin tree is directed: PRUNE asks the sender to stop pushing this origin's messages here,
     * and nothing changes in what this node pushes. Of the two copies the one that took fewer hops is kept, whichever
     * came first, so the edges that survive always lead away from the origin: one late copy of a jittered link can no
     * longer cut a node off (it used to prune the parent while the faster sender pruned the node), and the tree settles
     * on shortest paths. A second copy from the peer the message came from (a GRAFT's answer) prunes nothing.
     */
    private void onDuplicate(NodeId from, Gossip g, long now, Consumer<? super PlumtreeOutput> out) {
        NodeId root = g.id().origin();
        if (!config.perOriginTrees()) {
            peers.tree(root).demote(from);
            send(from, new Prune(root), out);
            return;
        }
        long d = log.find(g.id(), now);
        if (d < 0) {
            pruneDuplicateSender(from, root, now, out);
            return;
        }
        NodeId parent = log.parent(d);
        if (from.equals(parent)) {
            return;
        }
        if (parent != null && g.hops() < log.hops(d)) {
            send(parent, new Prune(root), out);
            log.reparent(d, from, g.hops());
            return;
        }
        pruneDuplicateSender(from, root, now, out);
    }

    /**
     * PRUNE for a duplicate {@code from} sent in {@code root}'s tree, unless one went to it within {@code graftTimeout}
     * and this node has not grafted it in that tree since: the copies already on their way need no PRUNE each.
     */
    private void pruneDuplicateSender(NodeId from, NodeId root, long now, Consumer<? super PlumtreeOutput> out) {
        ShortcutKey key = new ShortcutKey(root, from);
        Long last = prunedAt.get(key);
        if (last != null && now - last < graftTimeoutNanos) {
            return;
        }
        prunedAt.remove(key);
        if (prunedAt.size() >= maxBuckets) {
            prunedAt.remove(prunedAt.keySet().iterator().next());
        }
        prunedAt.put(key, now);
        send(from, new Prune(root), out);
    }

    /**
     * Section 4.3, "upon Receive(IHAVE)": remember announcers of missing messages and start the graft timer on the
     * first announcement. Section 4.5: if the announcer offers a path shorter than the delivered copy's by at least
     * the threshold, graft it and prune the old parent. An announcement is a run of one origin's messages: the part of
     * it inside the origin's delivered run is passed over at once, the optimization is weighed against the newest
     * message of the run, and at most {@value #MAX_ANNOUNCED_SCAN} further sequences are looked at per IHAVE.
     */
    private void onIHave(NodeId from, IHave ihave, long now, Consumer<? super PlumtreeOutput> out) {
        int scanned = 0;
        for (Announcement a : ihave.announcements()) {
            NodeId origin = a.origin();
            DeliveredSpan span = floors.get(origin);
            long newest = newestDelivered(a, span, now);
            if (newest >= 0) {
                maybeOptimize(from, origin, a.hops(), newest, now, out);
            }
            long seq = a.first();
            if (span != null && seq >= span.runStart && seq <= span.runEnd) {
                seq = span.runEnd + 1;
            }
            for (; seq <= a.last() && scanned < MAX_ANNOUNCED_SCAN; seq++, scanned++) {
                announceMissing(origin, seq, span, from, a.hops(), now, out);
            }
        }
    }

    /**
     * Where the log holds the newest message of an announced run this node delivered: the run's last message, else
     * the newest one in its origin's delivered run (the announcer may be ahead); -1 once the log forgot it.
     */
    private long newestDelivered(Announcement a, DeliveredSpan span, long now) {
        long d = log.find(new MessageId(a.origin(), a.last()), now);
        if (d < 0 && span != null && span.runEnd < a.last() && span.runEnd >= a.first()) {
            d = log.find(new MessageId(a.origin(), span.runEnd), now);
        }
        return d;
    }

    /** Section 4.5 for the delivered message at log position {@code d}, announced by {@code from} at {@code hops}. */
    private void maybeOptimize(NodeId from, NodeId root, int hops, long d, long now,
                               Consumer<? super PlumtreeOutput> out) {
        int threshold = config.optimizationThreshold();
        NodeId oldParent = log.parent(d);
        if (threshold == 0 || oldParent == null || oldParent.equals(from) || log.hops(d) - hops < threshold) {
            return;
        }
        if (config.perOriginTrees() && !config.originPushesToAll() && from.equals(root)) {
            return; // the origin keeps eagerFanout peers in its own tree and would leave us lazy (departure 9)
        }
        if (config.perOriginTrees() && !shortcutDue(new ShortcutKey(root, from), now)) {
            return;
        }
        send(from, new Graft(root, List.of()), out);
        log.reparent(d, from, hops);
        optimizations++;
        if (config.perOriginTrees()) {
            // Directed tree: the old parent is pruned by onDuplicate once the shorter path's copies arrive, not before
            // (pruning it first would cut this node off until the GRAFT took effect).
            return;
        }
        TreePeers tree = peers.tree(root);
        tree.promote(from);
        tree.demote(oldParent);
        send(oldParent, new Prune(root), out);
    }

    /** Whether the shortcut may be grafted now; if so, records the attempt. */
    private boolean shortcutDue(ShortcutKey key, long now) {
        Long last = shortcutsTried.get(key);
        if (last != null && now - last < graftMaxBackoffNanos) {
            return false;
        }
        shortcutsTried.remove(key);
        if (shortcutsTried.size() >= maxBuckets) {
            shortcutsTried.remove(shortcutsTried.keySet().iterator().next());
        }
        shortcutsTried.put(key, now);
        return true;
    }

    /** Section 4.3, "upon Receive(GRAFT)": the sender becomes eager and gets the payloads it asked for. */
    private void onGraft(NodeId from, Graft graft, long now, Consumer<? super PlumtreeOutput> out) {
        peers.tree(graft.root()).promote(from);
        for (MessageId id : graft.ids()) {
            long d = log.find(id, now);
            byte[] payload = d < 0 ? null : log.payload(d, now);
            if (payload == null) {
                graftsUnanswerable++;
                continue;
            }
            graftsAnswered++;
            send(from, new Gossip(id, log.deliveredHops(d) + 1, payload), out);
        }
    }

    /** Section 4.3, "upon Receive(PRUNE)": the sender becomes lazy. */
    private void onPrune(NodeId from, Prune prune) {
        peers.tree(prune.root()).demote(from);
    }

    /**
     * A push the driver dropped for a full queue: demote the peer in that tree and announce instead. Every dropped
     * push is announced, also those after the first of a turn: the driver reports them once the peer is no longer
     * eager here, and they were only ever pushed, never announced.
     */
    private void onPeerCongested(PlumtreeInput.PeerCongested c, Consumer<? super PlumtreeOutput> out) {
        TreePeers tree = peers.tree(c.id().origin());
        if (tree.eager().contains(c.peer())) {
            tree.demote(c.peer());
        }
        pending.add(c.peer(), c.id().origin(), c.id().sequence(), c.hops());
        scheduleFlush(out);
    }

    private void onTimer(PlumtreeTimer timer, long now, Consumer<? super PlumtreeOutput> out) {
        if (timer instanceof PlumtreeTimer.DigestDue) {
            onDigestDue(now, out);
            return;
        }
        if (timer instanceof PlumtreeTimer.FlushAnnouncements) {
            flushScheduled = false;
            for (NodeId peer : untold) {
                if (peers.isNeighbour(peer)) {
                    send(peer, new PlumtreeMessage.Neighbor(), out);
                }
            }
            untold.clear();
            pending.drain((peer, ihave) -> send(peer, ihave, out));
        } else if (timer instanceof PlumtreeTimer.GraftSweep) {
            graftSweepScheduled = false;
            MissingMessages.Missing m;
            while ((m = missing.pollFirstDue(now)) != null) {
                onGraftDue(m.id, now, out);
            }
            scheduleGraftSweep(now, out);
        } else if (timer instanceof PlumtreeTimer.GraftDue g) {
            onGraftDue(g.id(), now, out);
        } else {
            throw new IllegalStateException("unhandled timer " + timer);
        }
    }

    /**
     * Schedules the sweep of first GRAFTs for when the next is due, unless one is outstanding or none is waiting. One
     * timer serves every missing message's first GRAFT ({@link MissingMessages#pollFirstDue}); retries have a timer
     * each ({@link PlumtreeTimer.GraftDue}), as their backoffs differ.
     */
    private void scheduleGraftSweep(long now, Consumer<? super PlumtreeOutput> out) {
        if (graftSweepScheduled) {
            return;
        }
        MissingMessages.Missing next = missing.nextFirstDue();
        if (next != null) {
            graftSweepScheduled = true;
            out.accept(new ScheduleTimer(Math.max(0, next.firstGraftDueNanos - now), new PlumtreeTimer.GraftSweep()));
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
        if (log.contains(id, now)) {
            missing.remove(id);
            return;
        }
        if (m.graftedAtNanos != Long.MIN_VALUE && now - m.graftedAtNanos < graftTimeoutNanos) {
            // asked for in another message's GRAFT moments ago: give that one its time
            out.accept(new ScheduleTimer(m.graftedAtNanos + graftTimeoutNanos - now, new PlumtreeTimer.GraftDue(id)));
            return;
        }
        if (m.attempts >= config.graftMaxRetries() || m.deferrals >= MAX_GRAFT_DEFERRALS) {
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
            // retried in step) use up its attempts against the bucket and give up on messages never asked for. Try
            // again when the next token is due.
            graftsRateLimited++;
            m.deferrals++;
            out.accept(new ScheduleTimer(graftTokenNanos, new PlumtreeTimer.GraftDue(id)));
            return;
        }
        m.attempts++;
        if (!config.perOriginTrees()) {
            peers.tree(id.origin()).promote(target); // shared tree: the edge carries both ways
        }
        send(target, new Graft(id.origin(), graftBatch(id, m, target, now)), out);
        long delay = GraftBackoff.delayNanos(graftTimeoutNanos, graftMaxBackoffNanos, m.attempts);
        out.accept(new ScheduleTimer(delay, new PlumtreeTimer.GraftDue(id)));
    }

    /**
     * The ids one GRAFT asks {@code target} for: {@code id}, and up to {@code ihaveBatchSize - 1} other messages of
     * the same tree that the target announced and that are still missing. After a burst announced to a lazy peer, a
     * handful of GRAFTs then recover it, instead of one GRAFT per message against the rate limit.
     */
    private List<MessageId> graftBatch(MessageId id, MissingMessages.Missing m, NodeId target, long now) {
        m.graftedAtNanos = now;
        List<MessageId> ids = new ArrayList<>();
        ids.add(id);
        for (Map.Entry<MessageId, MissingMessages.Missing> e : missing.entries()) {
            if (ids.size() >= config.ihaveBatchSize()) {
                break;
            }
            MessageId other = e.getKey();
            MissingMessages.Missing o = e.getValue();
            if (o == m || !other.origin().equals(id.origin()) || !o.announcedBy(target)
                    || o.graftedAtNanos != Long.MIN_VALUE && now - o.graftedAtNanos < graftTimeoutNanos
                    || log.contains(other, now)) {
                continue;
            }
            o.graftedAtNanos = now;
            ids.add(other);
        }
        return ids;
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
        if (peer.equals(self)) {
            return;
        }
        window.memberUp(peer, nextSequence - 1);
        if (peers.up(peer)) {
            untold.add(peer);
            scheduleFlush(out);
        }
        scheduleDigest(out);
    }

    // ---- anti-entropy (DESIGN.md rule 7) ----

    /**
     * Starts the digest round if digests are on and none is pending; jittered so nodes do not beat in step. Rounds
     * run while something was delivered within the window, so an idle node sends none.
     */
    private void scheduleDigest(Consumer<? super PlumtreeOutput> out) {
        long interval = config.digestInterval().toNanos();
        if (interval == 0 || digestScheduled || config.flood()) {
            return;
        }
        digestScheduled = true;
        out.accept(new ScheduleTimer(interval / 2 + random.nextLong(interval), new PlumtreeTimer.DigestDue()));
    }

    /** Sends one random neighbour a digest of what this node delivered within the digest window. */
    private void onDigestDue(long now, Consumer<? super PlumtreeOutput> out) {
        digestScheduled = false;
        NodeId target = peers.randomNeighbour();
        if (target == null) {
            return;
        }
        List<PlumtreeMessage.DigestRun> runs = DigestRuns.of(log, now, config.digestWindow().toNanos(),
                MAX_DIGEST_RUNS);
        if (runs.isEmpty()) {
            return; // nothing delivered within the window: rounds resume with the next delivery
        }
        digestsSent++;
        send(target, new PlumtreeMessage.Digest(runs), out);
        scheduleDigest(out);
    }

    /**
     * A neighbour's digest: every listed message not delivered here, and that this node could have had (one the
     * neighbour delivered after this node started, or, from an origin this node has heard from, one at or above the
     * lowest sequence it delivered of it), is treated as announced by the neighbour, and so grafted
     * from it if it does not arrive within the graft timeout.
     */
    private void onDigest(NodeId from, PlumtreeMessage.Digest digest, long now, Consumer<? super PlumtreeOutput> out) {
        long uptimeMillis = (now - startedNanos) / 1_000_000;
        int added = 0;
        for (PlumtreeMessage.DigestRun run : digest.runs()) {
            DeliveredSpan span = floors.get(run.origin());
            long low;
            if (run.ageMillis() < uptimeMillis && !run.origin().equals(self)) {
                low = run.first(); // even below the lowest delivered here: an origin's first message lost on the way
            } else if (span != null) {
                low = Math.max(run.first(), span.floor);
            } else {
                continue;
            }
            for (long seq = low; seq <= run.last() && added < MAX_DIGEST_MISSING; seq++) {
                if (announceMissing(run.origin(), seq, span, from, DIGEST_HOPS, now, out)) {
                    added++;
                    digestRecoveries++;
                }
            }
        }
    }

    /**
     * Takes message {@code sequence} of {@code origin} as announced by {@code from} at {@code hops}, unless it was
     * delivered (in its origin's span, or still in the log): the first announcement of a missing message makes its
     * first GRAFT due after the graft timeout (the sweep's queue, {@link #scheduleGraftSweep}).
     *
     * @return whether the message became missing just now
     */
    private boolean announceMissing(NodeId origin, long sequence, DeliveredSpan span, NodeId from, int hops, long now,
                                    Consumer<? super PlumtreeOutput> out) {
        if (span != null && span.delivered(sequence)) {
            return false; // delivered for certain, even if the log has forgotten it
        }
        MessageId id = new MessageId(origin, sequence);
        if (log.contains(id, now)) {
            return false;
        }
        MissingMessages.Outcome outcome = missing.announce(id, from, hops, now + graftTimeoutNanos);
        if (outcome == MissingMessages.Outcome.NEW) {
            scheduleGraftSweep(now, out);
            return true;
        }
        if (outcome == MissingMessages.Outcome.DROPPED) {
            missingDropped++;
        }
        return false;
    }

    private void onNeighborDown(NodeId peer, Consumer<? super PlumtreeOutput> out) {
        window.memberDown(peer);
        untold.remove(peer);
        untold.addAll(peers.down(peer));
        scheduleFlush(out);
        pending.forget(peer);
        graftBuckets.remove(peer);
    }

    private void deliver(MessageId id, int hops, NodeId parent, byte[] payload, long now,
                         Consumer<? super PlumtreeOutput> out) {
        log.add(id, hops, parent, payload, now);
        DeliveredSpan span = noteDelivered(id, now);
        delivered++;
        out.accept(new Deliver(id, hops, payload));
        if (ackInterval > 0 && span.runEnd - span.acked >= ackInterval && !id.origin().equals(self)) {
            span.acked = span.runEnd;
            acksSent++;
            out.accept(new Send(id.origin(), new PlumtreeMessage.Ack(id.origin(), span.runEnd)));
        }
        scheduleDigest(out);
    }

    /**
     * Whether a broadcast may go out at {@code nowNanos}: fewer than {@link PlumtreeConfig#maxInFlight()} of this
     * node's messages are unacknowledged by the live member furthest behind (departure 9). While it may not, the
     * members it waits for are timed, and one that acknowledges nothing for {@link PlumtreeConfig#laggardTimeout()}
     * is left behind. A driver asks before each {@link PlumtreeInput.Broadcast} and holds the broadcast while the
     * answer is no; a broadcast fed anyway still goes out.
     */
    public boolean admitsBroadcast(long nowNanos) {
        return window.admits(nextSequence - 1, nowNanos);
    }

    /** This node's broadcasts not yet acknowledged by the live member furthest behind that the window waits for. */
    public long inFlight() {
        return window.inFlight(nextSequence - 1);
    }

    /**
     * Section 4.3, "eagerPush" and "lazyPush": the payload to eager peers, an announcement to lazy peers, never
     * back to the peer it came from. In flood mode, the payload to both.
     */
    private void push(MessageId id, int hops, byte[] payload, NodeId from, long now,
                      Consumer<? super PlumtreeOutput> out) {
        Gossip gossip = new Gossip(id, hops + 1, payload);
        TreePeers tree = peers.tree(id.origin());
        for (NodeId p : tree.eagerArray()) {
            if (!p.equals(from)) {
                send(p, gossip, out);
            }
        }
        if (config.flood()) {
            for (NodeId p : tree.lazyArray()) {
                if (!p.equals(from)) {
                    send(p, gossip, out);
                }
            }
            return;
        }
        pending.add(tree.lazyArray(), from, id.origin(), id.sequence(), hops + 1);
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
        } else if (message instanceof Graft g) {
            graftSent++;
            if (!prunedAt.isEmpty()) {
                prunedAt.remove(new ShortcutKey(g.root(), to)); // it pushes here again: its next duplicate is pruned
            }
        } else if (message instanceof Prune) {
            pruneSent++;
        }
        out.accept(new Send(to, message));
    }

    /**
     * The lowest sequence of a message from {@code origin} that was announced here and has not arrived, or
     * {@link Long#MAX_VALUE} if none is missing.
     */
    public long lowestMissingSequence(NodeId origin) {
        long lowest = Long.MAX_VALUE;
        for (Map.Entry<MessageId, MissingMessages.Missing> e : missing.entries()) {
            if (e.getKey().origin().equals(origin)) {
                lowest = Math.min(lowest, e.getKey().sequence());
            }
        }
        return lowest;
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
        return log.cachedCount();
    }

    /** Counters since start. */
    public PlumtreeStats stats() {
        return new PlumtreeStats(broadcasts, delivered, duplicates, gossipSent, ihaveSent, graftSent, pruneSent,
                graftsAnswered, graftsUnanswerable, graftsAbandoned, graftsRateLimited, optimizations,
                pending.dropped() + missingDropped, log.evicted(), digestsSent, digestRecoveries, gapsGivenUp,
                acksSent, window.leftBehind());
    }

    /**
     * Whether {@code id} is in its origin's run of consecutive delivered sequences: delivered for certain, even once
     * the bounded seen set has forgotten it (a copy read late from a paused connection, say).
     */
    private boolean inDeliveredRun(MessageId id) {
        DeliveredSpan span = floors.get(id.origin());
        return span != null && span.delivered(id.sequence());
    }

    /**
     * Records a delivery in its origin's span (the floor, and the run of consecutive sequences delivered).
     *
     * @return the span
     */
    private DeliveredSpan noteDelivered(MessageId id, long now) {
        long seq = id.sequence();
        DeliveredSpan span = floors.get(id.origin());
        if (span == null) {
            // the log holds only this message of the origin, unless the origin's span was forgotten (MAX_FLOORS)
            span = new DeliveredSpan(seq, log.rememberedFrom(id.origin()) <= 1);
            floors.put(id.origin(), span);
            if (floors.size() > MAX_FLOORS) {
                floors.remove(floors.eldest());
            }
            return span;
        }
        span.floor = Math.min(span.floor, seq);
        if (seq == span.runEnd + 1) {
            span.runEnd = seq;
            catchUp(span, id.origin(), now);
        } else if (seq > span.runEnd + 1) {
            if (!span.fitsAboveRun(seq)) {
                gapsGivenUp += span.giveUpThrough(seq - GAP_WINDOW / 2);
                catchUp(span, id.origin(), now);
            }
            if (seq > span.runEnd) {
                span.markAboveRun(seq);
            }
            if (span.aboveRun(span.runEnd + 1)) {
                // a filled gap left more to catch up than one delivery may walk: go on walking with each delivery,
                // or the run (and the acknowledgement the origin's window waits for) would stay behind until the
                // bitmap overflowed 131,072 sequences later
                catchUp(span, id.origin(), now);
            }
        }
        return span;
    }

    /** Grows the run over what was delivered right above it. */
    private void catchUp(DeliveredSpan span, NodeId origin, long now) {
        if (span.above == null && span.tracksAll) {
            return; // nothing was delivered above the run: no need to ask the log for the next one (a miss)
        }
        for (int k = 0; k < MAX_SPAN_CATCH_UP && (span.aboveRun(span.runEnd + 1)
                || log.contains(new MessageId(origin, span.runEnd + 1), now)); k++) {
            span.runEnd++;
        }
        span.forgetBelowRun();
    }

    /**
     * What this node delivered of one origin: the lowest sequence, and a run {@code runStart..runEnd} of consecutive
     * sequences all delivered (grown at the top as the gaps above it fill). A digest never asks again for what is in
     * the run, even once the bounded seen set has forgotten it, so it cannot cause a second delivery.
     */
    private static final class DeliveredSpan {
        /**
         * Whether every delivery of the origin since this span was made went through it (the log held no other
         * message of the origin then): while {@link #above} is null nothing above the run was delivered.
         */
        final boolean tracksAll;
        long floor;
        final long runStart;
        long runEnd;
        /**
         * Sequences delivered above a gap over the run, at {@code sequence - aboveBase}, at most GAP_WINDOW
         * (131,072) past the gap; null while there is no gap. The seen set is bounded by count and
         * forgets them within seconds at high rates, and a late copy of one (a GRAFT's answer, a paused connection's
         * backlog) would otherwise be delivered twice.
         */
        BitSet above;
        long aboveBase;
        /** The top of the run when it was last acknowledged to the origin (departure 9). */
        long acked;

        DeliveredSpan(long first, boolean tracksAll) {
            this.tracksAll = tracksAll;
            this.floor = first;
            this.runStart = first;
            this.runEnd = first;
            this.acked = first - 1;
        }

        /** Whether {@code sequence} was delivered for certain: in the run, or remembered above it. */
        boolean delivered(long sequence) {
            return sequence >= runStart && sequence <= runEnd || aboveRun(sequence);
        }

        boolean aboveRun(long sequence) {
            long i = sequence - aboveBase;
            return above != null && i >= 0 && i < GAP_WINDOW && above.get((int) i);
        }

        /** Whether {@code sequence}, above the run, can be remembered without giving up a hole. */
        boolean fitsAboveRun(long sequence) {
            return sequence - (above == null ? runEnd + 1 : aboveBase) < GAP_WINDOW;
        }

        /**
         * Counts everything through {@code sequence} as delivered, giving up the holes below it; returns how many
         * holes there were under the newest sequence delivered above the run (a jump in sequences, as after the
         * origin restarted, gives up nothing that was ever sent).
         */
        long giveUpThrough(long sequence) {
            long holes = 0;
            if (above != null && above.length() > 0) {
                long newest = aboveBase + above.length() - 1;
                int from = (int) (runEnd + 1 - aboveBase);
                int to = (int) (Math.min(sequence, newest) - aboveBase);
                if (to >= from) {
                    holes = (to - from + 1) - above.get(from, to + 1).cardinality();
                }
            }
            runEnd = Math.max(runEnd, sequence);
            forgetBelowRun();
            return holes;
        }

        void markAboveRun(long sequence) {
            if (above == null) {
                above = new BitSet();
                aboveBase = runEnd + 1;
            }
            long i = sequence - aboveBase;
            if (i < GAP_WINDOW) {
                above.set((int) i);
            }
        }

        /** Drops the bits the run has reached: all of them once no delivery above the run is left. */
        void forgetBelowRun() {
            if (above == null) {
                return;
            }
            long offset = runEnd + 1 - aboveBase;
            if (offset >= GAP_WINDOW || above.nextSetBit((int) offset) < 0) {
                above = null;
            } else if (offset > GAP_WINDOW / 2) {
                above = above.get((int) offset, Math.max((int) offset, above.length()));
                aboveBase += offset;
            }
        }
    }

    /** An origin's tree and an announcer in it that offered a shorter path. */
    private record ShortcutKey(NodeId root, NodeId announcer) {
    }
}

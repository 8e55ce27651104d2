package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.membership.SwimMessage.Ack;
import io.plumtree.engine.membership.SwimMessage.Alive;
import io.plumtree.engine.membership.SwimMessage.Dead;
import io.plumtree.engine.membership.SwimMessage.IndirectPing;
import io.plumtree.engine.membership.SwimMessage.Nack;
import io.plumtree.engine.membership.SwimMessage.NodeState;
import io.plumtree.engine.membership.SwimMessage.Ping;
import io.plumtree.engine.membership.SwimMessage.PushPull;
import io.plumtree.engine.membership.SwimMessage.Suspect;
import io.plumtree.engine.membership.SwimOutput.MemberEvent;
import io.plumtree.engine.membership.SwimOutput.ScheduleTimer;
import io.plumtree.engine.membership.SwimOutput.SendPacket;
import io.plumtree.engine.membership.SwimOutput.SendStream;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * SWIM membership of one node (Das, Gupta, Motivala, "SWIM: Scalable Weakly-consistent Infection-style Process Group
 * Membership Protocol", DSN 2002) with HashiCorp's Lifeguard extensions (Dadgar, Phillips, Currey, "Lifeguard: Local
 * Health Awareness for More Accurate Failure Detection", 2018), as a sans-IO state machine whose semantics follow
 * HashiCorp memberlist ({@code state.go}; the state rules live in {@code MemberTable}, named after its functions).
 *
 * <p>Each probe round pings one member, chosen in randomized round-robin order; a member that does not answer
 * within the probe timeout is probed indirectly through {@code indirectChecks} others and over the stream; if nobody
 * reached it by the end of the round it becomes suspect. A member whose stream the driver reports lost
 * ({@link SwimInput.StreamLost}) is probed at the next round, ahead of the order. A suspect that does not refute (by
 * raising its incarnation) before its suspicion expires is declared dead. Updates travel piggybacked on probe traffic
 * and in dedicated gossip packets; a periodic full-state push-pull repairs whatever gossip missed. Lifeguard adds: a
 * local health score that slows this node down when it is itself the problem, suspicion timeouts that shrink with
 * independent confirmations, and telling a suspect it is suspected with each ping.
 *
 * <h2>How a driver uses it</h2>
 * <ol>
 *   <li>Create one instance per node with its name, address, metadata, configuration and a random generator (seeded
 *       in tests and the simulator). One thread only: the core takes no locks.</li>
 *   <li>Feed {@link SwimInput.Start} once, then {@link SwimInput.Join} with seed addresses (any order); then every
 *       received datagram, stream frame and fired timer, each with the current time from one monotonic clock.</li>
 *   <li>Carry out the outputs in order as they are emitted: {@link SendPacket} as one datagram, {@link SendStream}
 *       over a reliable stream, {@link ScheduleTimer} by handing back {@link SwimInput.TimerFired} after the delay
 *       (timers are never cancelled; stale ones are ignored), {@link MemberEvent} to the application.</li>
 * </ol>
 *
 * <p>Remote input never makes it throw: unknown members, stale incarnations and misdirected pings are ignored. Own
 * commands with bad arguments throw {@link IllegalArgumentException} before anything changes.
 */
public final class Swim {

    /** Members told of their own death at once; beyond it the one told longest ago is forgotten. */
    static final int MAX_TOLD = 1_024;

    /** Indirect probes run for others at once; beyond it the oldest is forgotten (no nack is sent for it). */
    static final int MAX_RELAYS = 1_024;

    private final NodeId self;
    private final String address;
    private final SwimConfig config;
    private final RandomGenerator random;

    /** The view of the cluster and the rules that change it. */
    private final MemberTable table;

    /** Membership updates waiting to be piggybacked. */
    private final TransmitQueue queue;

    /** Lifeguard local health. */
    private final Awareness awareness;

    /** Which member to probe next. */
    private final ProbeOrder probeOrder;

    /** Indirect probes this node runs for others: its own ping sequence number to the request. */
    private final LinkedHashMap<Long, Relay> relays = new LinkedHashMap<>();

    /**
     * Members whose stream was lost ({@link SwimInput.StreamLost}), probed one per tick before the round's order
     * resumes, each once; at most every member once, and members no longer probeable are skipped.
     */
    private final Set<NodeId> probeFirst = new LinkedHashSet<>();

    /** The probe of the current round, or null. */
    private Probe probe;

    /** Sequence number of the next ping this node sends (probes and relayed probes share it). */
    private long nextSeq = 1;

    /** The seed addresses of the last join, synced with once more after {@link SwimConfig#joinSyncDelay()}. */
    private List<String> joinSeeds = List.of();

    /** Members failed lately, tried again every {@link SwimConfig#reconnectInterval()}. */
    private final RecentFailures failures = new RecentFailures();

    /** Members held dead but heard of alive, told so ({@link MemberTable#deathToTell}): name to when. */
    private final LinkedHashMap<NodeId, Long> toldDead = new LinkedHashMap<>();

    /** Reconnect attempts made; every second one goes to the seeds when there are some. */
    private long reconnectAttempts;

    /** Whether {@link SwimInput.Start} was handled (the periodic timers run). */
    private boolean started;

    /** An indirect probe run for another member: whom to answer, under which sequence number. */
    private record Relay(long requesterSeq, String requesterAddress, boolean wantNack) {
    }

    /**
     * @param self     this node's name
     * @param address  where this node receives packets and streams
     * @param metadata what this node advertises; at most {@link SwimConfig#maxMetadataBytes()} bytes (copied)
     * @param config   the tunables
     * @param random   the only source of randomness; seed it for reproducible runs
     * @throws IllegalArgumentException if the metadata is too large
     */
    public Swim(NodeId self, String address, byte[] metadata, SwimConfig config, RandomGenerator random) {
        this.self = Objects.requireNonNull(self, "self");
        this.address = Objects.requireNonNull(address, "address");
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        byte[] meta = checkedMetadata(metadata);
        this.queue = new TransmitQueue(config.maxQueuedUpdates(), config.packetBudget());
        this.awareness = new Awareness(config.awarenessMaxMultiplier(), config.awarenessEnabled());
        this.probeOrder = new ProbeOrder(random);
        this.table = new MemberTable(self, address, meta, config, queue, awareness, probeOrder);
    }

    /**
     * Handles one input at time {@code nowNanos} and emits the resulting outputs, in the order they must be carried
     * out.
     *
     * @param input    what happened
     * @param nowNanos the current time on the driver's monotonic clock, in nanoseconds
     * @param out      receives the outputs
     * @throws IllegalArgumentException if {@link SwimInput.UpdateMetadata} carries too much metadata; nothing changed
     * @throws IllegalStateException    on {@link SwimInput.UpdateMetadata} after {@link SwimInput.Leave}
     */
    public void handle(SwimInput input, long nowNanos, Consumer<? super SwimOutput> out) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(out, "out");
        dispatch(input, nowNanos, o -> {
            if (o instanceof MemberEvent e) {
                trackFailure(e, nowNanos);
            }
            out.accept(o);
        });
    }

    private void dispatch(SwimInput input, long nowNanos, Consumer<? super SwimOutput> out) {
        if (input instanceof SwimInput.PacketReceived p) {
            onPacket(p, nowNanos, out);
        } else if (input instanceof SwimInput.StreamReceived s) {
            onStreamMessage(s.fromAddress(), s.message(), nowNanos, out);
        } else if (input instanceof SwimInput.TimerFired t) {
            onTimer(t.timer(), nowNanos, out);
        } else if (input instanceof SwimInput.Start) {
            onStart(nowNanos, out);
        } else if (input instanceof SwimInput.Join j) {
            onJoin(j.seedAddresses(), out);
        } else if (input instanceof SwimInput.SeedsResolved r) {
            onSeedsResolved(r.seedAddresses(), out);
        } else if (input instanceof SwimInput.Leave) {
            onLeave(nowNanos, out);
        } else if (input instanceof SwimInput.UpdateMetadata u) {
            onUpdateMetadata(u.metadata());
        } else if (input instanceof SwimInput.StreamLost l) {
            onStreamLost(l.address());
        } else {
            throw new IllegalStateException("unhandled input " + input);
        }
    }

    /** A snapshot of every known member, this node included, ordered by name. */
    public List<Member> members() {
        return List.copyOf(table.all());
    }

    /** What this node knows about a member, or null if it knows none of that name. */
    public Member member(NodeId id) {
        return table.get(id);
    }

    /**
     * Where to send to {@code id}: its address while it is alive or suspect, else null (unknown, dead or left).
     * Cheaper than {@link #member}, which builds a snapshot: for a send per message.
     */
    public String routableAddress(NodeId id) {
        return table.liveAddress(id);
    }

    /** Alive and suspect members, this node included: the cluster size estimate the formulas scale with. */
    public int aliveCount() {
        return table.aliveCount();
    }

    /** Lifeguard local health score; 0 is healthy. */
    public int awareness() {
        return awareness.score();
    }

    /** This node's own incarnation. */
    public long incarnation() {
        return table.me().incarnation();
    }

    /** The tunables. */
    public SwimConfig config() {
        return config;
    }

    /** This node's name. */
    public NodeId self() {
        return self;
    }

    /** This node's address. */
    public String address() {
        return address;
    }

    /** Driver time at which the running suspicion of {@code id} expires, or -1 if it is not suspected. */
    public long suspicionDeadlineNanos(NodeId id) {
        return table.suspicionDeadlineNanos(id);
    }

    // ---- commands ----

    private void onStart(long now, Consumer<? super SwimOutput> out) {
        if (started) {
            return;
        }
        started = true;
        table.announceSelf();
        out.accept(new ScheduleTimer(stagger(config.probeInterval().toNanos()), new SwimTimer.ProbeTick()));
        out.accept(new ScheduleTimer(stagger(config.gossipInterval().toNanos()), new SwimTimer.GossipTick()));
        out.accept(new ScheduleTimer(stagger(config.pushPullInterval().toNanos()), new SwimTimer.PushPullTick()));
        out.accept(new ScheduleTimer(config.gossipToTheDeadTime().toNanos(), new SwimTimer.Reap()));
        long reconnect = config.reconnectInterval().toNanos();
        if (reconnect > 0) {
            // not staggered: the tick does nothing while no member failed, and takes nothing from the random
            // generator then, so runs without failures draw the same numbers as before the reconnect existed
            out.accept(new ScheduleTimer(reconnect, new SwimTimer.ReconnectTick()));
        }
    }

    private void onJoin(List<String> seeds, Consumer<? super SwimOutput> out) {
        PushPull request = new PushPull(false, true, table.localStates());
        for (String seed : new LinkedHashSet<>(seeds)) {
            if (!seed.equals(address)) {
                out.accept(new SendStream(seed, request));
            }
        }
        joinSeeds = List.copyOf(new LinkedHashSet<>(seeds));
        long delay = config.joinSyncDelay().toNanos();
        if (delay > 0) {
            out.accept(new ScheduleTimer(delay + stagger(delay), new SwimTimer.JoinSync()));
        }
    }

    /** Push-pulls with the seeds as they resolve now (the reconnect's second kind of attempt). */
    private void onSeedsResolved(List<String> seeds, Consumer<? super SwimOutput> out) {
        if (table.leaving()) {
            return;
        }
        PushPull request = new PushPull(false, false, table.localStates());
        for (String seed : new LinkedHashSet<>(seeds)) {
            if (!seed.equals(address)) {
                out.accept(new SendStream(seed, request));
            }
        }
    }

    /** memberlist Leave: our own death, from ourselves, so it is recorded as left; gossiped at once. */
    private void onLeave(long now, Consumer<? super SwimOutput> out) {
        if (table.leaving()) {
            return;
        }
        table.leave(now, out);
        gossip(now, out);
    }

    private void onUpdateMetadata(byte[] metadata) {
        byte[] meta = checkedMetadata(metadata);
        if (table.leaving()) {
            throw new IllegalStateException("cannot update metadata: " + self + " has left the cluster");
        }
        table.updateOwnMetadata(meta);
    }

    private byte[] checkedMetadata(byte[] metadata) {
        Objects.requireNonNull(metadata, "metadata");
        if (metadata.length > config.maxMetadataBytes()) {
            throw new IllegalArgumentException("metadata is " + metadata.length
                    + " bytes; the maximum is maxMetadataBytes = " + config.maxMetadataBytes());
        }
        return metadata.clone();
    }

    // ---- messages ----

    /**
     * Handles each message of a datagram in order; news in it that this node knows to be stale (about a member it
     * holds dead or left, or alive at a newer incarnation) is answered with the newer news, in one datagram back to
     * the sender ({@link SwimConfig#repairStragglers()}). At most one answer per datagram received, within the
     * packet budget.
     */
    private void onPacket(SwimInput.PacketReceived p, long now, Consumer<? super SwimOutput> out) {
        List<SwimMessage> newer = null;
        int size = 0;
        for (SwimMessage m : p.messages()) {
            if (config.repairStragglers()) {
                SwimMessage n = table.newsBehind(m, now);
                if (n != null && size + n.encodedSize() <= config.packetBudget()) {
                    if (newer == null) {
                        newer = new ArrayList<>(2);
                    }
                    newer.add(n);
                    size += n.encodedSize();
                }
            }
            onPacketMessage(p.fromAddress(), m, now, out);
        }
        if (newer != null) {
            sendPacket(p.fromAddress(), newer, out);
        }
    }

    private void onPacketMessage(String from, SwimMessage m, long now, Consumer<? super SwimOutput> out) {
        if (m instanceof Ping p) {
            if (p.target().equals(self)) {
                sendPacket(from, List.of(new Ack(p.seq())), out);
            }
        } else if (m instanceof IndirectPing ip) {
            onIndirectPing(from, ip, out);
        } else if (m instanceof Ack a) {
            onAck(a.seq(), out);
        } else if (m instanceof Nack n) {
            if (probe != null && probe.seq == n.seq()) {
                probe.nacks++;
            }
        } else {
            onGossip(m, now, out);
        }
    }

    private void onStreamMessage(String from, SwimMessage m, long now, Consumer<? super SwimOutput> out) {
        if (m instanceof Ping p) {
            if (p.target().equals(self)) {
                out.accept(new SendStream(from, new Ack(p.seq())));
            }
        } else if (m instanceof Ack a) {
            onAck(a.seq(), out);
        } else if (m instanceof PushPull pp) {
            if (!pp.isReply()) {
                out.accept(new SendStream(from, new PushPull(true, false, table.localStates())));
            }
            for (NodeState s : pp.states()) {
                if (s.state() == MemberState.ALIVE) {
                    tellTheDead(new Alive(s.incarnation(), s.id(), s.address(), s.metadata()), now, out);
                }
            }
            table.mergeRemoteState(pp.states(), now, out);
        } else {
            onGossip(m, now, out);
        }
    }

    private void onGossip(SwimMessage m, long now, Consumer<? super SwimOutput> out) {
        if (m instanceof Alive a) {
            tellTheDead(a, now, out);
            table.aliveNode(a, now, out);
        } else if (m instanceof Suspect s) {
            table.suspectNode(s, now, out);
        } else if (m instanceof Dead d) {
            table.deadNode(d, now, out);
        }
        // push-pull in a datagram, nacks over a stream and the like: ignored
    }

    /**
     * Tells a member this node has held dead for gossipToTheDeadTime or longer, while others say it is alive at no
     * newer incarnation ({@link MemberTable#deathToTell}), of its death, straight to its address, at most once per
     * probe interval per member; it refutes, and the higher incarnation settles it everywhere (not in memberlist,
     * where only a push-pull that happens to list the death to someone else does).
     */
    private void tellTheDead(Alive a, long now, Consumer<? super SwimOutput> out) {
        Dead death = table.deathToTell(a, now);
        if (death == null) {
            return;
        }
        Long told = toldDead.get(a.node());
        if (told != null && now - told < config.probeInterval().toNanos()) {
            return;
        }
        toldDead.remove(a.node());
        toldDead.put(a.node(), now);
        if (toldDead.size() > MAX_TOLD) {
            toldDead.remove(toldDead.keySet().iterator().next());
        }
        sendPacket(a.address(), List.of(death), out);
    }

    /** memberlist handleIndirectPing: ping the target ourselves and relay its ack (or a nack) to the requester. */
    private void onIndirectPing(String from, IndirectPing ip, Consumer<? super SwimOutput> out) {
        long seq = nextSeq++;
        relays.put(seq, new Relay(ip.seq(), from, ip.wantNack()));
        if (relays.size() > MAX_RELAYS) {
            relays.remove(relays.keySet().iterator().next());
        }
        sendPacket(ip.targetAddress(), List.of(new Ping(seq, ip.target())), out);
        out.accept(new ScheduleTimer(SwimMath.nackTimeoutNanos(config.probeTimeout().toNanos()),
                new SwimTimer.IndirectTimeout(seq)));
    }

    private void onAck(long seq, Consumer<? super SwimOutput> out) {
        if (probe != null && probe.seq == seq) {
            if (!probe.acked) {
                probe.acked = true;
                awareness.apply(-1);
            }
            return;
        }
        Relay relay = relays.remove(seq);
        if (relay != null) {
            sendPacket(relay.requesterAddress(), List.of(new Ack(relay.requesterSeq())), out);
        }
    }

    // ---- timers ----

    private void onTimer(SwimTimer timer, long now, Consumer<? super SwimOutput> out) {
        if (timer instanceof SwimTimer.ProbeTick) {
            onProbeTick(now, out);
        } else if (timer instanceof SwimTimer.ProbeTimeout t) {
            onProbeTimeout(t.seq(), out);
        } else if (timer instanceof SwimTimer.IndirectTimeout t) {
            Relay relay = relays.remove(t.seq());
            if (relay != null && relay.wantNack()) {
                sendPacket(relay.requesterAddress(), List.of(new Nack(relay.requesterSeq())), out);
            }
        } else if (timer instanceof SwimTimer.GossipTick) {
            gossip(now, out);
            out.accept(new ScheduleTimer(config.gossipInterval().toNanos(), timer));
        } else if (timer instanceof SwimTimer.PushPullTick) {
            if (!table.leaving()) {
                pushPull(out);
                long interval = SwimMath.pushPullScaleNanos(config.pushPullInterval().toNanos(), aliveCount());
                out.accept(new ScheduleTimer(interval, timer));
            }
        } else if (timer instanceof SwimTimer.JoinSync) {
            if (!table.leaving()) {
                PushPull request = new PushPull(false, false, table.localStates());
                for (String seed : joinSeeds) {
                    if (!seed.equals(address)) {
                        out.accept(new SendStream(seed, request));
                    }
                }
            }
        } else if (timer instanceof SwimTimer.SuspicionTimeout t) {
            table.onSuspicionTimeout(t, now, out);
        } else if (timer instanceof SwimTimer.SuspicionRecheck t) {
            table.onSuspicionRecheck(t, now);
        } else if (timer instanceof SwimTimer.ReconnectTick) {
            onReconnectTick(now, out);
            out.accept(new ScheduleTimer(config.reconnectInterval().toNanos(), timer));
        } else if (timer instanceof SwimTimer.Reap) {
            table.reap(now);
            out.accept(new ScheduleTimer(config.gossipToTheDeadTime().toNanos(), timer));
        } else {
            throw new IllegalStateException("unhandled timer " + timer);
        }
    }

    /** The end of one probe round is the start of the next (memberlist probe, probeNode). */
    private void onProbeTick(long now, Consumer<? super SwimOutput> out) {
        if (table.leaving()) {
            return;
        }
        concludeProbe(now, out);
        startProbe(out);
        out.accept(new ScheduleTimer(awareness.scale(config.probeInterval().toNanos()), new SwimTimer.ProbeTick()));
    }

    private void concludeProbe(long now, Consumer<? super SwimOutput> out) {
        Probe p = probe;
        probe = null;
        if (p == null || p.acked) {
            return;
        }
        awareness.apply(p.failureAwarenessDelta());
        table.suspectNode(new Suspect(p.incarnation, p.target, self), now, out);
    }

    /** Queues the member at {@code address} to be probed first (see {@link SwimInput.StreamLost}). */
    private void onStreamLost(String address) {
        if (!started || table.leaving()) {
            return;
        }
        NodeId id = table.liveAt(address);
        if (id != null && (probe == null || !probe.target.equals(id))) {
            probeFirst.add(id);
        }
    }

    private void startProbe(Consumer<? super SwimOutput> out) {
        NodeId target = nextProbeFirst();
        if (target == null) {
            target = probeOrder.next(table::ids, this::probeable);
        }
        if (target == null) {
            return;
        }
        Member m = table.get(target);
        probe = new Probe(nextSeq++, target, m.address(), m.incarnation());
        List<SwimMessage> messages = new ArrayList<>(2);
        if (config.buddySystem() && m.state() == MemberState.SUSPECT) {
            messages.add(new Suspect(m.incarnation(), target, self));
        }
        messages.add(new Ping(probe.seq, target));
        sendPacket(m.address(), messages, out);
        out.accept(new ScheduleTimer(awareness.scale(config.probeTimeout().toNanos()),
                new SwimTimer.ProbeTimeout(probe.seq)));
    }

    /** The first member of {@link #probeFirst} still probeable, taking it and any skipped before it; or null. */
    private NodeId nextProbeFirst() {
        Iterator<NodeId> it = probeFirst.iterator();
        while (it.hasNext()) {
            NodeId id = it.next();
            it.remove();
            if (probeable(id)) {
                return id;
            }
        }
        return null;
    }

    private boolean probeable(NodeId id) {
        Member m = table.get(id);
        return m != null && !id.equals(self) && !m.state().deadOrLeft();
    }

    /** No direct ack in time: ask others to probe the target, and try the stream ourselves. */
    private void onProbeTimeout(long seq, Consumer<? super SwimOutput> out) {
        Probe p = probe;
        if (p == null || p.seq != seq || p.acked || p.indirect) {
            return;
        }
        p.indirect = true;
        List<Member> peers = randomMembers(config.indirectChecks(), m -> !m.id().equals(self)
                && !m.id().equals(p.target) && m.state() == MemberState.ALIVE);
        boolean wantNack = config.awarenessEnabled();
        IndirectPing request = new IndirectPing(seq, p.target, p.address, wantNack);
        for (Member peer : peers) {
            if (wantNack) {
                p.expectedNacks++;
            }
            sendPacket(peer.address(), List.of(request), out);
        }
        out.accept(new SendStream(p.address, new Ping(seq, p.target)));
    }

    /** Remembers members as they fail, and forgets them once they are back or left. */
    private void trackFailure(MemberEvent e, long now) {
        switch (e.kind()) {
            case FAILED -> failures.failed(e.member().id(), e.member().address(), now);
            case JOINED -> failures.recovered(e.member().id(), now);
            case LEFT -> failures.forget(e.member().id());
            default -> {
            }
        }
    }

    /**
     * Serf's reconnect, as memberlist-style members need it after a partition longer than gossipToTheDeadTime: while
     * members failed less than reconnectTimeout ago, with probability {@code min(1, (failed + recovered) / alive)},
     * push-pull with the next of them in turn, or every second attempt with the seeds (resolved again by the driver).
     * Whoever answers merges both full states, refutes its own death if it is listed dead, and gossip does the rest.
     * Serf's chance is {@code failed / alive}, so that the cluster as a whole makes about one attempt per failed member
     * per interval; counting the failed members that came back within reconnectTimeout too keeps a node that still
     * holds some of them dead after a heal (their refutations did not reach it) trying at about the rate it tried
     * during the cut, where Serf's chance would fall to {@code 1 / alive} (measured in the simulator: with Serf's chance,
     * one node of 40 still held a refuted member dead 10 s after a 60 s cut healed, in seed 3 of
     * {@code LongPartitionSimulationTest}).
     */
    private void onReconnectTick(long now, Consumer<? super SwimOutput> out) {
        failures.expire(now - config.reconnectTimeout().toNanos());
        if (table.leaving() || failures.size() == 0) {
            return;
        }
        double chance = Math.min(1.0, (failures.size() + failures.recoveries()) / (double) Math.max(1, aliveCount()));
        if (chance < 1.0 && random.nextDouble() >= chance) {
            return;
        }
        if (!joinSeeds.isEmpty() && reconnectAttempts++ % 2 == 1) {
            out.accept(new SwimOutput.ResolveSeeds());
            return;
        }
        RecentFailures.Failure target = failures.next();
        out.accept(new SendStream(target.address(), new PushPull(false, false, table.localStates())));
    }

    /** Members declared failed less than reconnectTimeout ago and not back, the reconnect's candidates. */
    public int recentFailures() {
        return failures.size();
    }

    /** Gossip to a few members, live ones or those dead for less than gossipToTheDeadTime (memberlist gossip). */
    private void gossip(long now, Consumer<? super SwimOutput> out) {
        long toTheDead = config.gossipToTheDeadTime().toNanos();
        List<Member> targets = randomMembers(config.gossipNodes(), m -> {
            if (m.id().equals(self)) {
                return false;
            }
            if (m.state() == MemberState.ALIVE || m.state() == MemberState.SUSPECT) {
                return true;
            }
            return m.state() == MemberState.DEAD && now - m.stateChangedNanos() < toTheDead;
        });
        for (Member target : targets) {
            List<SwimMessage> updates = queue.take(config.packetBudget(), retransmitLimit());
            if (updates.isEmpty()) {
                return;
            }
            out.accept(new SendPacket(target.address(), updates));
        }
    }

    private void pushPull(Consumer<? super SwimOutput> out) {
        List<Member> peer = randomMembers(1, m -> !m.id().equals(self) && m.state() == MemberState.ALIVE);
        if (!peer.isEmpty()) {
            out.accept(new SendStream(peer.get(0).address(), new PushPull(false, false, table.localStates())));
        }
    }

    // ---- helpers of this class ----

    private int retransmitLimit() {
        return SwimMath.retransmitLimit(config.retransmitMult(), aliveCount());
    }

    /** Sends the messages as one datagram, filled up with piggybacked updates to the packet budget. */
    private void sendPacket(String to, List<SwimMessage> messages, Consumer<? super SwimOutput> out) {
        int size = 0;
        for (SwimMessage m : messages) {
            size += m.encodedSize();
        }
        List<SwimMessage> updates = queue.take(config.packetBudget() - size, retransmitLimit());
        if (updates.isEmpty()) {
            out.accept(new SendPacket(to, messages));
            return;
        }
        List<SwimMessage> all = new ArrayList<>(messages.size() + updates.size());
        all.addAll(messages);
        all.addAll(updates);
        out.accept(new SendPacket(to, all));
    }

    /**
     * Up to {@code k} distinct members accepted by {@code filter}, drawn at random (memberlist kRandomNodes: at most
     * 3n random probes of the member slots, so the cost does not grow with the cluster when most members qualify).
     */
    private List<Member> randomMembers(int k, Predicate<Member> filter) {
        int n = table.size();
        List<Member> picked = new ArrayList<>(k);
        for (int tries = 0; tries < 3 * n && picked.size() < k; tries++) {
            Member m = table.inSlot(random.nextInt(n));
            if (filter.test(m) && !picked.contains(m)) {
                picked.add(m);
            }
        }
        return picked;
    }

    /** A random delay in {@code [0, interval)}, so periodic timers of nodes started together drift apart. */
    private long stagger(long intervalNanos) {
        return random.nextLong(intervalNanos);
    }
}

package io.plumtree.engine.membership;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.membership.SwimMessage.Alive;
import io.plumtree.engine.membership.SwimMessage.Dead;
import io.plumtree.engine.membership.SwimMessage.NodeState;
import io.plumtree.engine.membership.SwimMessage.Suspect;
import io.plumtree.engine.membership.SwimOutput.MemberEvent;
import io.plumtree.engine.membership.SwimOutput.ScheduleTimer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * This node's view of the cluster and the rules that change it: memberlist's {@code aliveNode}, {@code suspectNode},
 * {@code deadNode}, {@code refute} and {@code mergeRemoteState} (state.go), with the running suspicions. Every
 * accepted change is queued for gossip and reported as a {@link MemberEvent} (never about this node itself, except
 * a name conflict).
 */
final class MemberTable {

    /** Distinct name conflicts remembered, so each is reported once. */
    static final int MAX_CONFLICTS = 1_024;

    private final NodeId self;
    private final String address;
    private final SwimConfig config;

    /** Where accepted updates go to be gossiped. */
    private final TransmitQueue queue;

    /** Raised when this node has to refute an accusation. */
    private final Awareness awareness;

    /** Told of new members, so they are probed this round. */
    private final ProbeOrder probeOrder;

    /** Every known member, this node included. */
    private final MemberSlots members = new MemberSlots();

    /** Alive and suspect members, this node included, kept as members change. */
    private int live;

    /** Running suspicions by suspect; removed when the member refutes, dies or is reaped. */
    private final Map<NodeId, Suspicion> suspicions = new LinkedHashMap<>();

    /** Name conflicts already reported ("name|known address|other address"). */
    private final Set<String> conflicts = new LinkedHashSet<>();

    /** Whether this node is leaving: it no longer refutes its own death nor accepts news of its life. */
    private boolean leaving;

    MemberTable(NodeId self, String address, byte[] metadata, SwimConfig config, TransmitQueue queue,
                Awareness awareness, ProbeOrder probeOrder) {
        this.self = self;
        this.address = address;
        this.config = config;
        this.queue = queue;
        this.awareness = awareness;
        this.probeOrder = probeOrder;
        put(new Member(self, address, 1, MemberState.ALIVE, metadata, 0));
    }

    /** Every change of {@link #members} goes through here, to keep {@link #live} in step. */
    private void put(Member m) {
        MemberState replaced = members.put(m);
        live += (isLive(m.state()) ? 1 : 0) - (replaced != null && isLive(replaced) ? 1 : 0);
    }

    private void remove(NodeId id) {
        int slot = members.slotOf(id);
        if (slot < 0) {
            return;
        }
        live -= isLive(members.state(slot)) ? 1 : 0;
        members.remove(id);
    }

    private static boolean isLive(MemberState state) {
        return state == MemberState.ALIVE || state == MemberState.SUSPECT;
    }

    /** Number of members, this node included. */
    int size() {
        return members.size();
    }

    /** The member in slot {@code i} (slots are in no meaningful order; for random picks). */
    Member inSlot(int i) {
        return members.member(i);
    }

    /** What this node knows about {@code id}, or null. */
    Member get(NodeId id) {
        int slot = members.slotOf(id);
        return slot < 0 ? null : members.member(slot);
    }

    Member me() {
        return get(self);
    }

    /**
     * The other member at {@code address} that is alive or suspect, or null. A scan over every member: for rare
     * events, not for each message.
     */
    NodeId liveAt(String address) {
        for (int slot = 0; slot < members.size(); slot++) {
            if (isLive(members.state(slot)) && members.address(slot).equals(address)
                    && !members.id(slot).equals(self)) {
                return members.id(slot);
            }
        }
        return null;
    }

    /** The address of {@code id} while it is alive or suspect, else null; builds no {@link Member} snapshot. */
    String liveAddress(NodeId id) {
        int slot = members.slotOf(id);
        return slot >= 0 && isLive(members.state(slot)) ? members.address(slot) : null;
    }

    /** Every member, in name order (sorted on each call). */
    List<Member> all() {
        int[] slots = members.slotsInNameOrder();
        List<Member> all = new ArrayList<>(slots.length);
        for (int slot : slots) {
            all.add(members.member(slot));
        }
        return all;
    }

    /** Every member's name, in name order (sorted on each call). */
    List<NodeId> ids() {
        int[] slots = members.slotsInNameOrder();
        List<NodeId> ids = new ArrayList<>(slots.length);
        for (int slot : slots) {
            ids.add(members.id(slot));
        }
        return ids;
    }

    boolean leaving() {
        return leaving;
    }

    /** Alive and suspect members, this node included: the cluster size estimate the formulas scale with. */
    int aliveCount() {
        return live;
    }

    /** Driver time at which the running suspicion of {@code id} expires, or -1 if it is not suspected. */
    long suspicionDeadlineNanos(NodeId id) {
        Suspicion s = suspicions.get(id);
        return s == null ? -1 : s.deadlineNanos();
    }

    /** Queues this node's alive message as it stands. */
    void announceSelf() {
        Member me = me();
        queue.enqueue(self, new Alive(me.incarnation(), self, address, me.metadata()));
    }

    /** New metadata for this node: a new incarnation, gossiped. */
    void updateOwnMetadata(byte[] metadata) {
        Member me = me();
        put(new Member(self, address, me.incarnation() + 1, me.state(), metadata,
                me.stateChangedNanos()));
        announceSelf();
    }

    /** memberlist Leave: our own death, from ourselves, so it is recorded as left. */
    void leave(long now, Consumer<? super SwimOutput> out) {
        leaving = true;
        deadNode(new Dead(me().incarnation(), self, self), now, out);
    }

    /** A suspicion timer fired: declare the suspect dead if this suspicion is still current and really expired. */
    void onSuspicionTimeout(SwimTimer.SuspicionTimeout t, long now, Consumer<? super SwimOutput> out) {
        Suspicion s = suspicions.get(t.node());
        if (s == null || s.incarnation() != t.incarnation() || !s.expired(now)) {
            return;
        }
        Member m = get(t.node());
        if (m != null && m.state() == MemberState.SUSPECT && m.incarnation() == s.incarnation()) {
            deadNode(new Dead(s.incarnation(), t.node(), self), now, out);
        } else {
            suspicions.remove(t.node());
        }
    }

    /** Forgets members dead or left for longer than gossipToTheDeadTime (memberlist resetNodes). */
    void reap(long now) {
        long keep = config.gossipToTheDeadTime().toNanos();
        List<NodeId> reaped = new ArrayList<>();
        for (int slot = 0; slot < members.size(); slot++) {
            if (members.state(slot).deadOrLeft() && now - members.changedNanos(slot) >= keep
                    && !members.id(slot).equals(self)) {
                reaped.add(members.id(slot));
            }
        }
        reaped.sort(null);
        reaped.forEach(this::remove);
        suspicions.keySet().removeIf(id -> members.slotOf(id) < 0);
    }

    /**
     * memberlist aliveNode: a newer incarnation wins; a new address is accepted only for a dead or left member whose
     * incarnation is superseded (or after deadNodeReclaimTime), otherwise it is a conflict, reported once; news of
     * ourselves that differs from what we are is refuted.
     */
    void aliveNode(Alive a, long now, Consumer<? super SwimOutput> out) {
        boolean isSelf = a.node().equals(self);
        if (leaving && isSelf) {
            return;
        }
        if (a.metadata().length > config.maxMetadataBytes()) {
            return;
        }
        int slot = members.slotOf(a.node());
        if (slot >= 0 && !isSelf && a.incarnation() <= members.incarnation(slot)
                && members.address(slot).equals(a.address())) {
            return; // old news of a known member, the common case while gossip spreads
        }
        Member old = slot < 0 ? null : members.member(slot);
        boolean updatesNode = false;
        if (old != null && !old.address().equals(a.address())) {
            if (!isSelf && old.state().deadOrLeft()) {
                long reclaimNanos = config.deadNodeReclaimTime().toNanos();
                boolean canReclaim = reclaimNanos > 0
                        ? now - old.stateChangedNanos() >= reclaimNanos
                        : a.incarnation() > old.incarnation();
                if (!canReclaim) {
                    return;
                }
                updatesNode = true;
            } else {
                reportConflict(old, a, now, out);
                return;
            }
        }
        if (old != null) {
            if (!isSelf && !updatesNode && a.incarnation() <= old.incarnation()) {
                return;
            }
            if (isSelf && a.incarnation() < old.incarnation()) {
                return;
            }
        }
        suspicions.remove(a.node());
        if (isSelf) {
            if (a.incarnation() == old.incarnation() && Arrays.equals(a.metadata(), old.metadata())) {
                return;
            }
            refute(a.incarnation());
            return;
        }
        queue.enqueue(a.node(), a);
        boolean wasLive = old != null && !old.state().deadOrLeft();
        long changed = old != null && old.state() == MemberState.ALIVE ? old.stateChangedNanos() : now;
        Member updated = new Member(a.node(), a.address(), a.incarnation(), MemberState.ALIVE, a.metadata(), changed);
        put(updated);
        if (old == null) {
            probeOrder.add(a.node());
        }
        if (!wasLive) {
            out.accept(new MemberEvent(MemberEvent.Kind.JOINED, updated));
        } else if (!Arrays.equals(old.metadata(), a.metadata())) {
            out.accept(new MemberEvent(MemberEvent.Kind.UPDATED, updated));
        }
    }

    /** Reports a second live claim on a known name once per address pair; the known member is kept. */
    private void reportConflict(Member known, Alive claim, long now, Consumer<? super SwimOutput> out) {
        String key = known.id().name() + "|" + known.address() + "|" + claim.address();
        if (!conflicts.add(key)) {
            return;
        }
        if (conflicts.size() > MAX_CONFLICTS) {
            conflicts.remove(conflicts.iterator().next());
        }
        out.accept(new MemberEvent(MemberEvent.Kind.CONFLICT, new Member(claim.node(), claim.address(),
                claim.incarnation(), MemberState.ALIVE, claim.metadata(), now)));
    }

    /**
     * memberlist suspectNode: an alive member becomes suspect and its suspicion timer starts; an accusation of a
     * running suspicion by a new member confirms it (Lifeguard); an accusation of ourselves is refuted.
     */
    void suspectNode(Suspect s, long now, Consumer<? super SwimOutput> out) {
        Member m = get(s.node());
        if (m == null || s.incarnation() < m.incarnation()) {
            return;
        }
        Suspicion running = suspicions.get(s.node());
        if (running != null && s.incarnation() == running.incarnation()) {
            if (running.confirm(s.from())) {
                queue.enqueue(s.node(), s);
                scheduleSuspicionTimer(s.node(), running, now, out);
            }
            return;
        }
        boolean newerAccusation = running != null && s.incarnation() > running.incarnation();
        if (m.state() != MemberState.ALIVE && !newerAccusation) {
            return;
        }
        if (s.node().equals(self)) {
            refute(s.incarnation());
            return;
        }
        queue.enqueue(s.node(), s);
        put(m.withState(MemberState.SUSPECT, s.incarnation(),
                m.state() == MemberState.SUSPECT ? m.stateChangedNanos() : now));
        int n = aliveCount();
        long min = SwimMath.suspicionTimeoutNanos(config.suspicionMult(), n, config.probeInterval().toNanos());
        int k = 0;
        long max = min;
        if (config.dynamicSuspicion()) {
            k = SwimMath.expectedConfirmations(config.suspicionMult(), n);
            max = config.suspicionMaxTimeoutMult() * min;
        }
        Suspicion suspicion = new Suspicion(s.incarnation(), s.from(), now, k, min, max);
        suspicions.put(s.node(), suspicion);
        scheduleSuspicionTimer(s.node(), suspicion, now, out);
        if (config.repairStragglers() && max > min) {
            out.accept(new ScheduleTimer(min, new SwimTimer.SuspicionRecheck(s.node(), s.incarnation())));
        }
    }

    /**
     * A suspicion has run for the shortest timeout. If it is still running, this node lacks the confirmations the
     * others may have had: members with all of them have declared the suspect dead by now. Gossiping the suspicion
     * once more, as first raised (no new accuser), lets them answer with the death
     * ({@link SwimConfig#repairStragglers()}); members still suspecting count nothing new.
     */
    void onSuspicionRecheck(SwimTimer.SuspicionRecheck t, long now) {
        Suspicion s = suspicions.get(t.node());
        Member m = get(t.node());
        if (s == null || s.incarnation() != t.incarnation() || s.expired(now) || m == null
                || m.state() != MemberState.SUSPECT || m.incarnation() != s.incarnation()) {
            return;
        }
        queue.enqueue(t.node(), new Suspect(s.incarnation(), t.node(), s.firstAccuser()));
    }

    /** Asks for a timer at the suspicion's current deadline (sooner after each confirmation). */
    private void scheduleSuspicionTimer(NodeId node, Suspicion s, long now, Consumer<? super SwimOutput> out) {
        long delay = Math.max(0, s.deadlineNanos() - now);
        out.accept(new ScheduleTimer(delay, new SwimTimer.SuspicionTimeout(node, s.incarnation())));
    }

    /** memberlist deadNode: dead from the member itself means left; our own death is refuted unless we leave. */
    void deadNode(Dead d, long now, Consumer<? super SwimOutput> out) {
        Member m = get(d.node());
        if (m == null || d.incarnation() < m.incarnation()) {
            return;
        }
        suspicions.remove(d.node());
        if (m.state().deadOrLeft()) {
            return;
        }
        boolean isSelf = d.node().equals(self);
        if (isSelf && !leaving) {
            refute(d.incarnation());
            return;
        }
        queue.enqueue(d.node(), d);
        MemberState state = d.isLeave() ? MemberState.LEFT : MemberState.DEAD;
        Member updated = m.withState(state, d.incarnation(), now);
        put(updated);
        if (!isSelf) {
            out.accept(new MemberEvent(d.isLeave() ? MemberEvent.Kind.LEFT : MemberEvent.Kind.FAILED, updated));
        }
    }

    /** Raises our incarnation above the accused one and gossips that we are alive; costs one awareness point. */
    private void refute(long accusedIncarnation) {
        Member me = get(self);
        long inc = Math.max(me.incarnation() + 1, accusedIncarnation + 1);
        awareness.apply(1);
        put(new Member(self, address, inc, MemberState.ALIVE, me.metadata(), me.stateChangedNanos()));
        queue.enqueue(self, new Alive(inc, self, address, me.metadata()));
    }

    /**
     * The news this node holds that the sender of {@code m} has not heard of, or null (the straggler repair,
     * {@link SwimConfig#repairStragglers()}):
     * <ul>
     *   <li>a {@link Dead}: {@code m} is a suspicion of a member this node holds dead or left, at no newer incarnation,
     *       or an alive message of no newer incarnation at the same address, and the member died or left less than
     *       gossipToTheDeadTime ago. A member that accepted the death would gossip the death instead;</li>
     *   <li>an {@link Alive}: {@code m} is a suspicion or a death of a member (this node included) that this node holds
     *       alive at a newer incarnation. The sender missed the refutation; without the answer it would keep the
     *       stale suspicion running, since the suspect itself and everyone else ignore an accusation of an older
     *       incarnation, and declare a live member dead when it ends.</li>
     * </ul>
     */
    SwimMessage newsBehind(SwimMessage m, long now) {
        NodeId about;
        long incarnation;
        if (m instanceof Suspect s) {
            about = s.node();
            incarnation = s.incarnation();
        } else if (m instanceof Alive a) {
            about = a.node();
            incarnation = a.incarnation();
        } else if (m instanceof Dead d) {
            about = d.node();
            incarnation = d.incarnation();
        } else {
            return null;
        }
        int slot = members.slotOf(about);
        if (slot < 0) {
            return null;
        }
        if (members.state(slot) == MemberState.ALIVE) {
            if (m instanceof Alive || incarnation >= members.incarnation(slot)) {
                return null;
            }
            Member alive = members.member(slot);
            return new Alive(alive.incarnation(), about, alive.address(), alive.metadata());
        }
        if (m instanceof Dead || about.equals(self) || !members.state(slot).deadOrLeft()
                || incarnation > members.incarnation(slot)
                || now - members.changedNanos(slot) >= config.gossipToTheDeadTime().toNanos()) {
            return null;
        }
        if (m instanceof Alive a && !a.address().equals(members.address(slot))) {
            return null;
        }
        NodeId from = members.state(slot) == MemberState.LEFT ? about : self;
        return new Dead(members.incarnation(slot), about, from);
    }

    /**
     * The death to tell a member itself, or null: this node holds it dead (not left) at the address and at an
     * incarnation no older than the one {@code a} says it is alive at, since gossipToTheDeadTime or longer. That
     * happens after a long partition heals: each side holds the other dead at the very incarnation the other is alive
     * at, so the alive messages change nothing here, and the member, who alone can settle it by refuting, hears
     * nothing of its death any more (gossip to the dead, which would tell it, ended). Told, it refutes with a higher
     * incarnation, which everyone accepts. Within gossipToTheDeadTime the straggler repair ({@link #newsBehind})
     * answers the sender instead, and gossip to the dead tells the member.
     */
    Dead deathToTell(Alive a, long now) {
        int slot = members.slotOf(a.node());
        if (slot < 0 || a.node().equals(self) || members.state(slot) != MemberState.DEAD
                || a.incarnation() > members.incarnation(slot) || !a.address().equals(members.address(slot))
                || now - members.changedNanos(slot) < config.gossipToTheDeadTime().toNanos()) {
            return null;
        }
        return new Dead(members.incarnation(slot), a.node(), self);
    }

    /** Applies a remote full state as the gossip would be; a remote "dead" is only suspected here. */
    void mergeRemoteState(List<NodeState> states, long now, Consumer<? super SwimOutput> out) {
        for (NodeState s : states) {
            if (s.state() == MemberState.ALIVE) {
                aliveNode(new Alive(s.incarnation(), s.id(), s.address(), s.metadata()), now, out);
            } else if (s.state() == MemberState.LEFT) {
                deadNode(new Dead(s.incarnation(), s.id(), s.id()), now, out);
            } else {
                suspectNode(new Suspect(s.incarnation(), s.id(), self), now, out);
            }
        }
    }

    /** Every member as a push-pull entry, in name order. */
    List<NodeState> localStates() {
        int[] slots = members.slotsInNameOrder();
        List<NodeState> states = new ArrayList<>(slots.length);
        for (int slot : slots) {
            states.add(NodeState.of(members.member(slot)));
        }
        return states;
    }
}

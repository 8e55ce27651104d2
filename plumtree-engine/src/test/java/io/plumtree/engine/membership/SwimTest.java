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
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One core driven input by input on explicit time: each rule of memberlist's state machine checked on its own. */
class SwimTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private static final NodeId SELF = NodeId.of("self");
    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");
    private static final NodeId D = NodeId.of("d");
    private static final NodeId E = NodeId.of("e");

    private Swim core;

    private Swim create(SwimConfig config, NodeId... others) {
        core = new Swim(SELF, "self", new byte[0], config, new SplittableRandom(7));
        List<NodeState> states = new ArrayList<>();
        for (NodeId o : others) {
            states.add(new NodeState(o, o.name(), 1, MemberState.ALIVE, new byte[0]));
        }
        List<SwimOutput> out = handle(new SwimInput.StreamReceived("a", new PushPull(true, true, states)), 0);
        assertThat(out).filteredOn(o -> o instanceof MemberEvent).hasSize(others.length);
        return core;
    }

    private List<SwimOutput> handle(SwimInput input, long now) {
        List<SwimOutput> out = new ArrayList<>();
        core.handle(input, now, out::add);
        return out;
    }

    private List<SwimOutput> packet(String from, long now, SwimMessage... messages) {
        return handle(new SwimInput.PacketReceived(from, List.of(messages)), now);
    }

    private List<SwimOutput> fire(SwimTimer timer, long now) {
        return handle(new SwimInput.TimerFired(timer), now);
    }

    private static <T> List<T> only(List<SwimOutput> out, Class<T> type) {
        return out.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<SwimMessage> allSent(List<SwimOutput> out) {
        List<SwimMessage> sent = new ArrayList<>();
        for (SendPacket p : only(out, SendPacket.class)) {
            sent.addAll(p.messages());
        }
        return sent;
    }

    private static long delayOf(List<SwimOutput> out, Class<? extends SwimTimer> timer) {
        return only(out, ScheduleTimer.class).stream().filter(t -> timer.isInstance(t.timer()))
                .mapToLong(ScheduleTimer::delayNanos).findFirst().orElseThrow();
    }

    private static Ping pingIn(List<SwimOutput> out) {
        return allSent(out).stream().filter(m -> m instanceof Ping).map(Ping.class::cast).findFirst().orElseThrow();
    }

    @Test
    void failedProbesRaiseAwarenessWhichStretchesTheProbeInterval() {
        create(SwimConfig.lan(), A, B, C, D);
        long now = S;
        List<SwimOutput> out = fire(new SwimTimer.ProbeTick(), now);
        Ping ping = pingIn(out);
        assertThat(delayOf(out, SwimTimer.ProbeTimeout.class)).isEqualTo(500 * MS);
        assertThat(delayOf(out, SwimTimer.ProbeTick.class)).isEqualTo(S);

        out = fire(new SwimTimer.ProbeTimeout(ping.seq()), now + 500 * MS);
        List<IndirectPing> indirect = allSent(out).stream().filter(m -> m instanceof IndirectPing)
                .map(IndirectPing.class::cast).toList();
        assertThat(indirect).hasSize(3).allMatch(IndirectPing::wantNack)
                .allMatch(i -> i.target().equals(ping.target()) && i.seq() == ping.seq());
        assertThat(only(out, SendStream.class)).as("fallback ping over the stream")
                .containsExactly(new SendStream(ping.target().name(), new Ping(ping.seq(), ping.target())));

        out = fire(new SwimTimer.ProbeTick(), now + S);
        assertThat(core.awareness()).as("3 nacks expected, none came").isEqualTo(3);
        assertThat(core.member(ping.target()).state()).isEqualTo(MemberState.SUSPECT);
        assertThat(delayOf(out, SwimTimer.ProbeTick.class)).isEqualTo(4 * S);
        assertThat(delayOf(out, SwimTimer.ProbeTimeout.class)).isEqualTo(2000 * MS);

        Ping next = pingIn(out);
        packet(next.target().name(), now + S + MS, new Ack(next.seq()));
        assertThat(core.awareness()).as("a successful probe heals one point").isEqualTo(2);
    }

    @Test
    void aFailedProbeThatOneHelperNackedLeavesAwarenessAlone() {
        create(SwimConfig.lan(), A, B, C, D);
        long now = S;
        Ping ping = pingIn(fire(new SwimTimer.ProbeTick(), now));
        fire(new SwimTimer.ProbeTimeout(ping.seq()), now + 500 * MS);
        packet("x", now + 700 * MS, new Nack(ping.seq()));

        List<SwimOutput> out = fire(new SwimTimer.ProbeTick(), now + S);
        assertThat(core.member(ping.target()).state()).as("the probe failed").isEqualTo(MemberState.SUSPECT);
        assertThat(core.awareness()).as("3 nacks expected, 1 came: this node hears in time, the silent helpers are "
                + "more likely at fault").isZero();
        assertThat(delayOf(out, SwimTimer.ProbeTick.class)).isEqualTo(S);
    }

    @Test
    void withLifeguardOffAwarenessStaysZeroAndNoNacksAreAskedFor() {
        create(SwimConfig.lan().toBuilder().lifeguard(false).build(), A, B, C, D);
        for (int round = 1; round <= 5; round++) {
            List<SwimOutput> out = fire(new SwimTimer.ProbeTick(), round * S);
            assertThat(delayOf(out, SwimTimer.ProbeTick.class)).isEqualTo(S);
            Ping ping = pingIn(out);
            out = fire(new SwimTimer.ProbeTimeout(ping.seq()), round * S + 500 * MS);
            assertThat(allSent(out)).filteredOn(m -> m instanceof IndirectPing)
                    .allMatch(m -> !((IndirectPing) m).wantNack());
        }
        assertThat(core.awareness()).isZero();
    }

    @Test
    void aMemberWhoseStreamWasLostIsProbedAtTheNextTickAheadOfTheRound() {
        create(SwimConfig.lan(), A, B, C, D, E);
        handle(new SwimInput.Start(), 0);
        List<NodeId> round = new ArrayList<>();
        for (int tick = 1; tick <= 5; tick++) {
            round.add(pingIn(fire(new SwimTimer.ProbeTick(), tick * S)).target());
        }
        assertThat(round).as("one round probes each member once").containsExactlyInAnyOrder(A, B, C, D, E);
        NodeId last = round.get(4);

        create(SwimConfig.lan(), A, B, C, D, E); // same seed: the same round
        handle(new SwimInput.Start(), 0);
        handle(new SwimInput.StreamLost("nobody"), 0);
        handle(new SwimInput.StreamLost("self"), 0);
        handle(new SwimInput.StreamLost(last.name()), 0);
        handle(new SwimInput.StreamLost(last.name()), 0);
        List<NodeId> probed = new ArrayList<>();
        for (int tick = 1; tick <= 6; tick++) {
            probed.add(pingIn(fire(new SwimTimer.ProbeTick(), tick * S)).target());
        }
        assertThat(probed).as("the lost member first, once, then the round as it was")
                .containsExactly(last, round.get(0), round.get(1), round.get(2), round.get(3), last);

        create(SwimConfig.lan(), A, B, C, D, E);
        handle(new SwimInput.Start(), 0);
        packet("b", 0, new Dead(1, last, B));
        handle(new SwimInput.StreamLost(last.name()), 0);
        assertThat(pingIn(fire(new SwimTimer.ProbeTick(), S)).target()).as("a dead member is not probed")
                .isEqualTo(round.get(0));
    }

    @Test
    void buddySystemTellsASuspectItIsSuspectedFirstInThePing() {
        create(SwimConfig.lan(), A);
        packet("b", 0, new Suspect(1, A, B));
        List<SwimOutput> out = fire(new SwimTimer.ProbeTick(), S);
        SendPacket ping = only(out, SendPacket.class).get(0);
        assertThat(ping.toAddress()).isEqualTo("a");
        assertThat(ping.messages().get(0)).isEqualTo(new Suspect(1, A, SELF));
        assertThat(ping.messages().get(1)).isInstanceOf(Ping.class);

        create(SwimConfig.lan().toBuilder().buddySystem(false).build(), A);
        packet("b", 0, new Suspect(1, A, B));
        out = fire(new SwimTimer.ProbeTick(), S);
        assertThat(only(out, SendPacket.class).get(0).messages().get(0)).isInstanceOf(Ping.class);
    }

    @Test
    void confirmationsShortenTheSuspicionTimeout() {
        create(SwimConfig.lan(), A, B, C, D, E);
        // n = 6: min = 4 * max(1, log10 6) * 1 s = 4 s, max = 24 s, k = 2
        List<SwimOutput> out = packet("b", 0, new Suspect(1, A, B));
        assertThat(delayOf(out, SwimTimer.SuspicionTimeout.class)).isEqualTo(24 * S);
        out = packet("c", S, new Suspect(1, A, C));
        assertThat(core.suspicionDeadlineNanos(A)).isEqualTo(11_381 * MS);
        assertThat(delayOf(out, SwimTimer.SuspicionTimeout.class)).isEqualTo(10_381 * MS);
        assertThat(allSent(fire(new SwimTimer.GossipTick(), S))).as("a new confirmation is gossiped on")
                .contains(new Suspect(1, A, C));
        out = packet("c", 2 * S, new Suspect(1, A, C));
        assertThat(out).as("the same accuser counts once").isEmpty();
        out = packet("d", 2 * S, new Suspect(1, A, D));
        assertThat(core.suspicionDeadlineNanos(A)).isEqualTo(4 * S);
        assertThat(delayOf(out, SwimTimer.SuspicionTimeout.class)).isEqualTo(2 * S);

        assertThat(fire(new SwimTimer.SuspicionTimeout(A, 1), 3 * S)).as("not yet").isEmpty();
        out = fire(new SwimTimer.SuspicionTimeout(A, 1), 4 * S);
        assertThat(only(out, MemberEvent.class)).extracting(MemberEvent::kind)
                .containsExactly(MemberEvent.Kind.FAILED);
        assertThat(core.member(A).state()).isEqualTo(MemberState.DEAD);
        assertThat(fire(new SwimTimer.SuspicionTimeout(A, 1), 24 * S)).as("stale timer").isEmpty();
    }

    @Test
    void withoutDynamicSuspicionTheTimeoutIsFixedAtTheMinimum() {
        create(SwimConfig.lan().toBuilder().lifeguard(false).build(), A, B, C, D, E);
        List<SwimOutput> out = packet("b", 0, new Suspect(1, A, B));
        assertThat(delayOf(out, SwimTimer.SuspicionTimeout.class)).isEqualTo(4 * S);
        assertThat(packet("c", S, new Suspect(1, A, C))).isEmpty();
        assertThat(core.suspicionDeadlineNanos(A)).isEqualTo(4 * S);
    }

    @Test
    void aliveWithNewerIncarnationEndsASuspicion() {
        create(SwimConfig.lan(), A, B);
        packet("b", 0, new Suspect(1, A, B));
        assertThat(packet("a", S, new Alive(1, A, "a", new byte[0]))).as("same incarnation: stale").isEmpty();
        assertThat(core.member(A).state()).isEqualTo(MemberState.SUSPECT);
        List<SwimOutput> out = packet("a", S, new Alive(2, A, "a", new byte[0]));
        assertThat(out).as("no event for a refutation").isEmpty();
        assertThat(core.member(A).state()).isEqualTo(MemberState.ALIVE);
        assertThat(core.suspicionDeadlineNanos(A)).isEqualTo(-1);
        assertThat(fire(new SwimTimer.SuspicionTimeout(A, 1), 30 * S)).isEmpty();
        assertThat(core.member(A).state()).isEqualTo(MemberState.ALIVE);
    }

    @Test
    void suspicionOrDeathOfSelfIsRefutedWithAHigherIncarnation() {
        create(SwimConfig.lan(), A, B);
        assertThat(core.incarnation()).isEqualTo(1);
        assertThat(packet("a", 0, new Suspect(5, SELF, A))).as("no event about self").isEmpty();
        assertThat(core.incarnation()).isEqualTo(6);
        assertThat(core.awareness()).isEqualTo(1);
        assertThat(allSent(fire(new SwimTimer.GossipTick(), MS))).contains(new Alive(6, SELF, "self", new byte[0]));
        packet("a", 2 * MS, new Dead(6, SELF, A));
        assertThat(core.incarnation()).isEqualTo(7);
        assertThat(core.member(SELF).state()).isEqualTo(MemberState.ALIVE);
        packet("a", 3 * MS, new Suspect(2, SELF, A));
        assertThat(core.incarnation()).as("stale accusation").isEqualTo(7);
    }

    @Test
    void leaveAnnouncesDeadFromSelfStopsProbingAndIsNotRefuted() {
        create(SwimConfig.lan(), A, B);
        List<SwimOutput> out = handle(new SwimInput.Leave(), S);
        assertThat(allSent(out)).contains(new Dead(1, SELF, SELF));
        assertThat(only(out, MemberEvent.class)).isEmpty();
        assertThat(core.member(SELF).state()).isEqualTo(MemberState.LEFT);
        assertThat(fire(new SwimTimer.ProbeTick(), 2 * S)).isEmpty();
        packet("a", 3 * S, new Suspect(1, SELF, A));
        assertThat(core.incarnation()).isEqualTo(1);
    }

    @Test
    void metadataCannotChangeAfterLeaving() {
        create(SwimConfig.lan(), A);
        handle(new SwimInput.Leave(), 0);
        assertThatThrownBy(() -> handle(new SwimInput.UpdateMetadata(new byte[1]), S))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("left");
        assertThat(core.member(SELF).state()).isEqualTo(MemberState.LEFT);
    }

    @Test
    void gossipGoesToTheRecentlyDeadSoHealedPartitionsMerge() {
        create(SwimConfig.lan(), A);
        packet("b", 0, new Dead(1, A, NodeId.of("b")));
        handle(new SwimInput.UpdateMetadata(new byte[] {1}), 0);
        assertThat(only(fire(new SwimTimer.GossipTick(), 29 * S), SendPacket.class))
                .extracting(SendPacket::toAddress).containsExactly("a");
        handle(new SwimInput.UpdateMetadata(new byte[] {2}), 30 * S);
        assertThat(only(fire(new SwimTimer.GossipTick(), 30 * S), SendPacket.class)).as("dead for too long")
                .isEmpty();
    }

    @Test
    void deadFromTheMemberItselfIsLeftOtherwiseFailed() {
        create(SwimConfig.lan(), A, B);
        assertThat(only(packet("a", 0, new Dead(1, A, A)), MemberEvent.class)).extracting(MemberEvent::kind)
                .containsExactly(MemberEvent.Kind.LEFT);
        assertThat(core.member(A).state()).isEqualTo(MemberState.LEFT);
        assertThat(only(packet("a", 0, new Dead(1, B, A)), MemberEvent.class)).extracting(MemberEvent::kind)
                .containsExactly(MemberEvent.Kind.FAILED);
        assertThat(packet("a", 0, new Dead(1, B, A))).as("already dead").isEmpty();
        assertThat(core.aliveCount()).isEqualTo(1);
    }

    @Test
    void remoteFaultsAreIgnored() {
        create(SwimConfig.lan(), A);
        NodeId ghost = NodeId.of("ghost");
        assertThat(packet("x", 0, new Suspect(1, ghost, A), new Dead(1, ghost, A))).isEmpty();
        assertThat(core.member(ghost)).isNull();
        assertThat(packet("x", 0, new Ping(9, NodeId.of("someone-else")))).as("misdirected ping").isEmpty();
        assertThat(packet("x", 0, new Ack(12345), new Nack(777))).as("unknown sequence numbers").isEmpty();
        assertThat(packet("x", 0, new Alive(1, A, "a", new byte[0]))).as("stale alive").isEmpty();
        assertThat(packet("x", 0, new Alive(5, A, "a", new byte[10_000]))).as("oversized metadata").isEmpty();
        assertThat(handle(new SwimInput.StreamReceived("x", new Nack(1)), 0)).isEmpty();
        assertThat(core.member(A).incarnation()).isEqualTo(1);
    }

    @Test
    void pingIsAnsweredWithAckOnTheSameTransport() {
        create(SwimConfig.lan(), A);
        assertThat(only(packet("a", 0, new Ping(3, SELF)), SendPacket.class).get(0).messages().get(0))
                .isEqualTo(new Ack(3));
        assertThat(handle(new SwimInput.StreamReceived("a", new Ping(4, SELF)), 0))
                .containsExactly(new SendStream("a", new Ack(4)));
    }

    @Test
    void indirectPingIsRelayedAndAnsweredWithAckOrNack() {
        create(SwimConfig.lan(), A, B);
        List<SwimOutput> out = packet("a", 0, new IndirectPing(40, B, "b", true));
        Ping relayed = pingIn(out);
        assertThat(only(out, SendPacket.class).get(0).toAddress()).isEqualTo("b");
        assertThat(relayed.target()).isEqualTo(B);
        assertThat(delayOf(out, SwimTimer.IndirectTimeout.class)).as("80 % of the probe timeout").isEqualTo(400 * MS);
        out = packet("b", 10 * MS, new Ack(relayed.seq()));
        assertThat(only(out, SendPacket.class)).singleElement()
                .satisfies(p -> assertThat(p.toAddress()).isEqualTo("a"))
                .satisfies(p -> assertThat(p.messages().get(0)).isEqualTo(new Ack(40)));
        assertThat(fire(new SwimTimer.IndirectTimeout(relayed.seq()), 500 * MS)).as("acked: no nack").isEmpty();

        out = packet("a", S, new IndirectPing(41, B, "b", true));
        Ping second = pingIn(out);
        out = fire(new SwimTimer.IndirectTimeout(second.seq()), S + 500 * MS);
        assertThat(only(out, SendPacket.class).get(0).messages().get(0)).isEqualTo(new Nack(41));

        out = packet("a", 2 * S, new IndirectPing(42, B, "b", false));
        assertThat(fire(new SwimTimer.IndirectTimeout(pingIn(out).seq()), 3 * S)).as("no nack asked").isEmpty();
    }

    @Test
    void pushPullRequestIsAnsweredWithFullStateThenMerged() {
        create(SwimConfig.lan(), A);
        List<NodeState> remote = List.of(
                new NodeState(B, "b", 3, MemberState.ALIVE, new byte[] {1}),
                new NodeState(A, "a", 1, MemberState.DEAD, new byte[0]));
        List<SwimOutput> out = handle(new SwimInput.StreamReceived("b", new PushPull(false, true, remote)), S);
        SendStream reply = only(out, SendStream.class).get(0);
        assertThat(reply.toAddress()).isEqualTo("b");
        PushPull pp = (PushPull) reply.message();
        assertThat(pp.isReply()).isTrue();
        assertThat(pp.states()).extracting(NodeState::id).as("state before the merge").containsExactly(A, SELF);
        assertThat(only(out, MemberEvent.class)).extracting(MemberEvent::kind)
                .containsExactly(MemberEvent.Kind.JOINED);
        assertThat(core.member(B).metadata()).containsExactly(1);
        assertThat(core.member(A).state()).as("a remote dead is only suspected").isEqualTo(MemberState.SUSPECT);
    }

    @Test
    void joinSendsAPushPullToEachSeedButNotToItself() {
        create(SwimConfig.lan());
        List<SwimOutput> out = handle(new SwimInput.Join(List.of("s1", "self", "s2", "s1")), 0);
        assertThat(only(out, SendStream.class)).extracting(SendStream::toAddress).containsExactly("s1", "s2");
        PushPull pp = (PushPull) only(out, SendStream.class).get(0).message();
        assertThat(pp.join()).isTrue();
        assertThat(pp.isReply()).isFalse();
        assertThat(pp.states()).containsExactly(new NodeState(SELF, "self", 1, MemberState.ALIVE, new byte[0]));

        ScheduleTimer sync = only(out, ScheduleTimer.class).get(0);
        assertThat(sync.timer()).isEqualTo(new SwimTimer.JoinSync());
        long delay = SwimConfig.lan().joinSyncDelay().toNanos();
        assertThat(sync.delayNanos()).isBetween(delay, 2 * delay);
        List<SwimOutput> again = handle(new SwimInput.TimerFired(sync.timer()), sync.delayNanos());
        assertThat(only(again, SendStream.class)).as("one more push-pull with the seeds, not a join")
                .extracting(SendStream::toAddress).containsExactly("s1", "s2");
        assertThat(((PushPull) only(again, SendStream.class).get(0).message()).join()).isFalse();
    }

    @Test
    void joinSyncCanBeTurnedOff() {
        create(SwimConfig.lan().toBuilder().joinSyncDelay(java.time.Duration.ZERO).build());
        assertThat(only(handle(new SwimInput.Join(List.of("s1")), 0), ScheduleTimer.class)).isEmpty();
    }

    @Test
    void metadataIsBoundedAndAnUpdateRaisesTheIncarnation() {
        SwimConfig config = SwimConfig.lan();
        assertThatThrownBy(() -> new Swim(SELF, "self", new byte[513], config, new SplittableRandom(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMetadataBytes");
        create(config, A);
        assertThatThrownBy(() -> handle(new SwimInput.UpdateMetadata(new byte[513]), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("513");
        assertThat(core.incarnation()).isEqualTo(1);
        assertThat(core.member(SELF).metadata()).isEmpty();
        handle(new SwimInput.UpdateMetadata(new byte[] {4, 2}), 0);
        assertThat(core.incarnation()).isEqualTo(2);
        assertThat(allSent(fire(new SwimTimer.GossipTick(), MS))).contains(new Alive(2, SELF, "self",
                new byte[] {4, 2}));
        List<SwimOutput> out = packet("a", S, new Alive(2, A, "a", new byte[] {9}));
        assertThat(only(out, MemberEvent.class)).extracting(MemberEvent::kind)
                .containsExactly(MemberEvent.Kind.UPDATED);
    }

    @Test
    void gossipIsRetransmittedALimitedNumberOfTimes() {
        create(SwimConfig.lan(), A, B);
        packet("b", 0, new Dead(1, A, B));
        // n = 2 live members: retransmitMult 4 * ceil(log10(3)) = 4 transmissions in all
        int carried = 0;
        for (int i = 1; i <= 10; i++) {
            carried += (int) allSent(fire(new SwimTimer.GossipTick(), i * 200 * MS)).stream()
                    .filter(m -> m.equals(new Dead(1, A, B))).count();
        }
        assertThat(carried).isEqualTo(4);
    }

    @Test
    void deadMembersAreReapedAfterGossipToTheDeadTime() {
        create(SwimConfig.lan(), A, B);
        packet("b", S, new Dead(1, A, B));
        fire(new SwimTimer.Reap(), 30 * S);
        assertThat(core.member(A)).as("dead for 29 s only").isNotNull();
        List<SwimOutput> out = fire(new SwimTimer.Reap(), 31 * S);
        assertThat(core.member(A)).isNull();
        assertThat(delayOf(out, SwimTimer.Reap.class)).isEqualTo(30 * S);
        assertThat(core.members()).extracting(Member::id).containsExactly(B, SELF);
    }

    @Test
    void addressChangeOfADeadMemberNeedsANewerIncarnationAndOfALiveOneIsAConflict() {
        create(SwimConfig.lan(), A, B);
        List<SwimOutput> out = packet("x", 0, new Alive(5, A, "a2", new byte[0]));
        assertThat(only(out, MemberEvent.class)).extracting(MemberEvent::kind)
                .containsExactly(MemberEvent.Kind.CONFLICT);
        assertThat(packet("x", 0, new Alive(6, A, "a2", new byte[0]))).as("reported once per pair").isEmpty();
        assertThat(core.member(A).address()).isEqualTo("a");
        packet("b", S, new Dead(1, A, B));
        assertThat(packet("x", 2 * S, new Alive(1, A, "a2", new byte[0]))).as("not superseded").isEmpty();
        out = packet("x", 2 * S, new Alive(2, A, "a2", new byte[0]));
        assertThat(only(out, MemberEvent.class)).extracting(MemberEvent::kind)
                .containsExactly(MemberEvent.Kind.JOINED);
        assertThat(core.member(A).address()).isEqualTo("a2");
    }

    @Test
    void everyPacketStaysWithinTheBudget() {
        SwimConfig config = SwimConfig.lan().toBuilder().packetBudget(300).maxMetadataBytes(150).build();
        core = new Swim(SELF, "self", new byte[0], config, new SplittableRandom(3));
        List<NodeState> states = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            states.add(new NodeState(NodeId.of("m" + i), "m" + i, 1, MemberState.ALIVE, new byte[100 + i]));
        }
        handle(new SwimInput.StreamReceived("m0", new PushPull(true, false, states)), 0);
        List<SwimOutput> out = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            out.addAll(fire(new SwimTimer.GossipTick(), i * 200 * MS));
            out.addAll(fire(new SwimTimer.ProbeTick(), i * 200 * MS));
            out.addAll(packet("m1", i * 200 * MS, new Ping(i, SELF)));
        }
        assertThat(only(out, SendPacket.class)).isNotEmpty().allMatch(p -> p.encodedSize() <= 300);
        assertThat(allSent(out)).filteredOn(m -> m instanceof Alive).hasSizeGreaterThan(30);
    }

    private static Swim joined(NodeId self, SwimConfig config, NodeId... all) {
        Swim swim = new Swim(self, self.name(), new byte[0], config, new SplittableRandom(self.name().hashCode()));
        List<NodeState> states = new ArrayList<>();
        for (NodeId o : all) {
            states.add(new NodeState(o, o.name(), 1, MemberState.ALIVE, new byte[0]));
        }
        swim.handle(new SwimInput.StreamReceived("a", new PushPull(true, true, states)), 0, o -> { });
        return swim;
    }

    private static List<SwimOutput> handle(Swim swim, SwimInput input, long now) {
        List<SwimOutput> out = new ArrayList<>();
        swim.handle(input, now, out::add);
        return out;
    }

    @Test
    void aMemberThatMissedADeathAsksAgainAfterTheShortestTimeoutAndIsAnsweredWithTheDeath() {
        NodeId informedId = NodeId.of("informed");
        NodeId staleId = NodeId.of("stale");
        Swim informed = joined(informedId, SwimConfig.lan(), A, B, C, informedId, staleId);
        Swim stale = joined(staleId, SwimConfig.lan(), A, B, C, informedId, staleId);
        long t = 10 * S;
        // the stale member heard one accusation, then missed the confirmations and the death: a long suspicion
        List<SwimOutput> started = handle(stale, new SwimInput.PacketReceived("b", List.of(new Suspect(1, C, B))), t);
        assertThat(stale.member(C).state()).isEqualTo(MemberState.SUSPECT);
        long deadline = stale.suspicionDeadlineNanos(C);
        SwimTimer.SuspicionRecheck recheck = new SwimTimer.SuspicionRecheck(C, 1);
        long recheckAt = t + only(started, ScheduleTimer.class).stream().filter(st -> st.timer().equals(recheck))
                .mapToLong(ScheduleTimer::delayNanos).findFirst().orElseThrow();
        long min = SwimMath.suspicionTimeoutNanos(4, 5, S);
        assertThat(recheckAt).isEqualTo(t + min).isLessThan(deadline);
        long now = t;
        for (int i = 0; i < 50; i++) {
            now += 200 * MS;
            handle(stale, new SwimInput.TimerFired(new SwimTimer.GossipTick()), now);
        }
        assertThat(allSent(handle(stale, new SwimInput.TimerFired(new SwimTimer.GossipTick()), now)))
                .as("the suspicion was gossiped its retransmit limit").doesNotContain(new Suspect(1, C, B));
        handle(informed, new SwimInput.PacketReceived("a", List.of(new Dead(1, C, A))), recheckAt - S);
        assertThat(informed.member(C).state()).isEqualTo(MemberState.DEAD);

        // the shortest timeout has passed and the suspicion still runs: gossip it once more, as first raised
        handle(stale, new SwimInput.TimerFired(recheck), recheckAt);
        List<SwimOutput> gossip = handle(stale, new SwimInput.TimerFired(new SwimTimer.GossipTick()),
                recheckAt + 200 * MS);
        SendPacket carrying = only(gossip, SendPacket.class).stream()
                .filter(p -> p.messages().contains(new Suspect(1, C, B))).findFirst().orElseThrow();
        // whoever holds C dead answers with the death, straight to the sender
        List<SwimOutput> answer = handle(informed, new SwimInput.PacketReceived("stale", carrying.messages()),
                recheckAt + 201 * MS);
        List<SendPacket> toStale = only(answer, SendPacket.class).stream()
                .filter(p -> p.toAddress().equals("stale")).toList();
        assertThat(toStale).hasSize(1);
        assertThat(toStale.get(0).messages()).contains(new Dead(1, C, informedId));

        List<SwimOutput> learned = handle(stale, new SwimInput.PacketReceived("informed",
                toStale.get(0).messages()), recheckAt + 202 * MS);
        assertThat(stale.member(C).state()).as("learned long before its deadline").isEqualTo(MemberState.DEAD);
        assertThat(only(learned, MemberEvent.class)).extracting(MemberEvent::kind).contains(MemberEvent.Kind.FAILED);
        assertThat(recheckAt + 202 * MS).isLessThan(deadline - 10 * S);
    }

    @Test
    void aSuspicionIsGossipedAgainOnlyIfItStillRunsForWantOfConfirmations() {
        create(SwimConfig.lan(), A, B, C, D);
        long t = 10 * S;
        packet("a", t, new Suspect(1, C, A));
        packet("a", t + S, new Alive(2, C, "c", new byte[0]));
        fire(new SwimTimer.SuspicionRecheck(C, 1), t + 12 * S);
        assertThat(allSent(fire(new SwimTimer.GossipTick(), t + 12 * S))).as("refuted")
                .doesNotContain(new Suspect(1, C, A));

        packet("a", t, new Suspect(1, D, A));
        packet("b", t, new Suspect(1, D, B));
        packet("c", t, new Suspect(1, D, C));
        assertThat(core.suspicionDeadlineNanos(D) - t).as("all confirmations: the shortest timeout")
                .isEqualTo(SwimMath.suspicionTimeoutNanos(4, 5, S));
        for (int i = 1; i <= 50; i++) {
            fire(new SwimTimer.GossipTick(), t + i * 200 * MS);
        }
        fire(new SwimTimer.SuspicionRecheck(D, 1), core.suspicionDeadlineNanos(D));
        assertThat(allSent(fire(new SwimTimer.GossipTick(), core.suspicionDeadlineNanos(D))))
                .as("expired: nothing to ask").noneMatch(m -> m instanceof Suspect);
    }

    @Test
    void onlyOlderNewsOfARecentDeathIsAnsweredAndOnlyWhenAsked() {
        create(SwimConfig.lan(), A, B, C);
        long t = 10 * S;
        packet("a", t, new Dead(1, C, A));
        Dead death = new Dead(1, C, SELF);
        Alive oldNews = new Alive(1, C, "c", new byte[0]);
        assertThat(only(packet("b", t + S, new Suspect(1, C, B), oldNews), SendPacket.class))
                .as("one answer per datagram").singleElement()
                .satisfies(p -> assertThat(p.toAddress()).isEqualTo("b"))
                .satisfies(p -> assertThat(p.messages()).contains(death));
        assertThat(allSent(packet("b", t + S, new Suspect(2, C, B)))).as("newer accusation: not stale")
                .doesNotContain(death);
        assertThat(allSent(packet("b", t + S, new Alive(1, C, "c-elsewhere", new byte[0]))))
                .as("another address: not the same news").doesNotContain(death);
        assertThat(allSent(packet("b", t + S, new Suspect(1, B, A)))).as("news of a live member")
                .doesNotContain(death);
        assertThat(allSent(packet("b", t + 30 * S, new Suspect(1, C, B)))).as("dead longer than gossipToTheDeadTime")
                .doesNotContain(death);

        create(SwimConfig.lan().toBuilder().repairStragglers(false).build(), A, B, C);
        packet("a", t, new Dead(1, C, A));
        assertThat(allSent(packet("b", t + S, new Suspect(1, C, B)))).as("switched off").isEmpty();
    }

    @Test
    void aStaleAccusationOfALiveMemberIsAnsweredWithItsNewerIncarnation() {
        create(SwimConfig.lan(), A, B, C);
        long t = 10 * S;
        packet("a", t, new Alive(2, C, "c", new byte[0]));
        for (SwimMessage stale : List.of(new Suspect(1, C, B), new Dead(1, C, B))) {
            assertThat(only(packet("b", t + S, stale), SendPacket.class)).as("answered: %s", stale)
                    .filteredOn(p -> p.toAddress().equals("b")).singleElement()
                    .satisfies(p -> assertThat(p.messages()).anySatisfy(m -> assertThat(m).isInstanceOfSatisfying(
                            Alive.class, a -> {
                                assertThat(a.node()).isEqualTo(C);
                                assertThat(a.incarnation()).isEqualTo(2);
                                assertThat(a.address()).isEqualTo("c");
                            })));
        }
        assertThat(core.member(C).state()).as("stale accusations change nothing here").isEqualTo(MemberState.ALIVE);
        assertThat(allSent(packet("b", t + S, new Suspect(2, C, B)))).as("a current accusation: not stale")
                .noneMatch(m -> m instanceof Alive a && a.node().equals(C));
        assertThat(allSent(packet("b", t + S, new Alive(1, C, "c", new byte[0])))).as("older alive news is harmless")
                .noneMatch(m -> m instanceof Alive a && a.node().equals(C));

        packet("a", t + 2 * S, new Suspect(core.incarnation(), SELF, A));
        long refuted = core.incarnation();
        assertThat(allSent(packet("b", t + 3 * S, new Suspect(refuted - 1, SELF, B))))
                .as("an accusation of this node that it already refuted: answered with its incarnation")
                .anyMatch(m -> m instanceof Alive a && a.node().equals(SELF) && a.incarnation() == refuted);

        create(SwimConfig.lan().toBuilder().repairStragglers(false).build(), A, B, C);
        packet("a", t, new Alive(2, C, "c", new byte[0]));
        assertThat(allSent(packet("b", t + S, new Suspect(1, C, B)))).as("switched off").isEmpty();
    }

    @Test
    void theStragglerRepairEndsAStaleSuspicionLongBeforeItWouldDeclareALiveMemberDead() {
        SwimConfig config = SwimConfig.lan();
        NodeId staleId = NodeId.of("stale");
        NodeId informedId = NodeId.of("informed");
        Swim stale = joined(staleId, config, informedId, C, D);
        Swim informed = joined(informedId, config, staleId, C, D);
        long t = 10 * S;
        // the informed member heard C refute; the stale one missed it and then hears an old accusation
        handle(informed, new SwimInput.PacketReceived("c", List.of(new Alive(2, C, "c", new byte[0]))), t);
        handle(stale, new SwimInput.PacketReceived("d", List.of(new Suspect(1, C, D))), t);
        assertThat(stale.member(C).state()).isEqualTo(MemberState.SUSPECT);

        List<SwimOutput> answer = handle(informed, new SwimInput.PacketReceived("stale",
                List.of(new Suspect(1, C, D))), t + 200 * MS);
        List<SendPacket> toStale = only(answer, SendPacket.class).stream()
                .filter(p -> p.toAddress().equals("stale")).toList();
        assertThat(toStale).hasSize(1);
        handle(stale, new SwimInput.PacketReceived("informed", toStale.get(0).messages()), t + 201 * MS);
        assertThat(stale.member(C).state()).as("refutation learned").isEqualTo(MemberState.ALIVE);
        assertThat(stale.member(C).incarnation()).isEqualTo(2);
    }

    @Test
    void aMemberLongHeldDeadThatOthersCallAliveIsToldOfItsDeathOncePerProbeInterval() {
        create(SwimConfig.lan(), A, B, C);
        long t = 10 * S;
        packet("a", t, new Dead(1, C, A));
        Alive sameIncarnation = new Alive(1, C, "c", new byte[0]);
        Dead death = new Dead(1, C, SELF);
        assertThat(only(packet("b", t + 31 * S, sameIncarnation), SendPacket.class))
                .as("dead longer than gossipToTheDeadTime: the member itself is told")
                .anySatisfy(p -> {
                    assertThat(p.toAddress()).isEqualTo("c");
                    assertThat(p.messages()).contains(death);
                });
        assertThat(only(packet("b", t + 31 * S + 500 * MS, sameIncarnation), SendPacket.class))
                .as("told at most once per probe interval").noneMatch(p -> p.toAddress().equals("c"));
        assertThat(only(packet("b", t + 32 * S + MS, sameIncarnation), SendPacket.class))
                .as("told again a probe interval later").anyMatch(p -> p.toAddress().equals("c"));
        assertThat(only(packet("b", t + 40 * S, new Alive(1, C, "c-elsewhere", new byte[0])), SendPacket.class))
                .as("another address: somebody else").noneMatch(p -> p.toAddress().equals("c"));
        packet("b", t + 41 * S, new Alive(2, C, "c", new byte[0]));
        assertThat(core.member(C).state()).as("the refutation settles it").isEqualTo(MemberState.ALIVE);
    }

    @Test
    void whileMembersAreFailedTheReconnectPushPullsWithThemInTurnAndWithTheSeedsResolvedAgain() {
        create(SwimConfig.lan(), A, B, C);
        handle(new SwimInput.Join(List.of("a")), 0);
        assertThat(only(fire(new SwimTimer.ReconnectTick(), S), SendStream.class)).as("nobody failed").isEmpty();
        packet("a", 2 * S, new Dead(1, B, A));
        packet("a", 2 * S, new Dead(1, C, A));
        assertThat(core.recentFailures()).isEqualTo(2);

        // two failed against two alive (self and a): the chance is 1, so every tick tries
        List<SwimOutput> first = fire(new SwimTimer.ReconnectTick(), 4 * S);
        assertThat(only(first, SendStream.class)).singleElement()
                .satisfies(s -> assertThat(s.toAddress()).isEqualTo("b"))
                .satisfies(s -> assertThat(s.message()).isInstanceOf(PushPull.class));
        assertThat(delayOf(first, SwimTimer.ReconnectTick.class)).isEqualTo(2 * S);
        assertThat(only(fire(new SwimTimer.ReconnectTick(), 6 * S), SwimOutput.ResolveSeeds.class))
                .as("every second attempt: the seeds, resolved again by the driver").hasSize(1);
        assertThat(only(handle(new SwimInput.SeedsResolved(List.of("a", "self", "a2")), 6 * S), SendStream.class))
                .extracting(SendStream::toAddress).containsExactly("a", "a2");
        assertThat(only(fire(new SwimTimer.ReconnectTick(), 8 * S), SendStream.class))
                .extracting(SendStream::toAddress).as("the next failed member in turn").containsExactly("c");

        packet("a", 9 * S, new Alive(2, C, "c", new byte[0]));
        assertThat(core.recentFailures()).as("back alive: no longer tried").isEqualTo(1);
        assertThat(only(fire(new SwimTimer.ReconnectTick(), 12 * S), SendStream.class)).as("b only, or the seeds")
                .allMatch(s -> s.toAddress().equals("b"));
        assertThat(only(fire(new SwimTimer.ReconnectTick(), 2 * S + 10 * 60 * S), SendStream.class))
                .as("after reconnectTimeout nobody is tried").isEmpty();
        assertThat(core.recentFailures()).isZero();
    }

    @Test
    void aZeroReconnectIntervalSchedulesNoReconnect() {
        core = new Swim(SELF, "self", new byte[0], SwimConfig.lan().toBuilder().reconnectInterval(
                java.time.Duration.ZERO).build(), new SplittableRandom(7));
        assertThat(only(handle(new SwimInput.Start(), 0), ScheduleTimer.class))
                .noneMatch(t -> t.timer() instanceof SwimTimer.ReconnectTick);
        core = new Swim(SELF, "self", new byte[0], SwimConfig.lan(), new SplittableRandom(7));
        assertThat(only(handle(new SwimInput.Start(), 0), ScheduleTimer.class))
                .anyMatch(t -> t.timer() instanceof SwimTimer.ReconnectTick && t.delayNanos() == 2 * S);
    }
}

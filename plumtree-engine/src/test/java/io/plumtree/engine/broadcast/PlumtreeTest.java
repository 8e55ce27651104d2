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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The core driven input by input, on explicit time: each handler of the paper checked on its own. */
class PlumtreeTest {

    private static final long MS = 1_000_000L;
    private static final NodeId SELF = NodeId.of("self");
    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");
    private static final NodeId D = NodeId.of("d");
    private static final NodeId ORIGIN = NodeId.of("origin");

    /** eager fanout 2, lazy fanout 2: A and B become eager, C and D lazy. */
    private final PlumtreeConfig config = PlumtreeConfig.lan().toBuilder()
            .eagerFanout(2).lazyFanout(2).maxEagerPeers(4).maxLazyPeers(4)
            .graftMaxRetries(3).maxPayloadBytes(1_000).digestInterval(Duration.ZERO).build();
    private Plumtree core;

    private static final PlumtreeOutput FLUSH_LATER =
            new ScheduleTimer(Duration.ofMillis(100).toNanos(), new PlumtreeTimer.FlushAnnouncements());
    private static final PlumtreeInput FLUSH = new PlumtreeInput.TimerFired(new PlumtreeTimer.FlushAnnouncements());

    @BeforeEach
    void wire() {
        wire(config);
    }

    /** A core of {@code c} told of A, B, C and D: A and B eager, C and D lazy. */
    private void wire(PlumtreeConfig c) {
        core = new Plumtree(SELF, c, new SplittableRandom(42));
        assertThat(handle(new PlumtreeInput.NeighborUp(A), 0)).containsExactly(FLUSH_LATER);
        for (NodeId p : List.of(B, C, D)) {
            assertThat(handle(new PlumtreeInput.NeighborUp(p), 0)).as("one flush is pending").isEmpty();
        }
        assertThat(handle(FLUSH, 0)).as("picked neighbours are told at the flush").containsExactly(
                new Send(A, new PlumtreeMessage.Neighbor()), new Send(B, new PlumtreeMessage.Neighbor()),
                new Send(C, new PlumtreeMessage.Neighbor()), new Send(D, new PlumtreeMessage.Neighbor()));
        assertThat(core.neighbourEagerPeers()).containsExactly(A, B);
        assertThat(core.neighbourLazyPeers()).containsExactly(C, D);
    }

    private List<PlumtreeOutput> handle(PlumtreeInput input, long now) {
        List<PlumtreeOutput> out = new ArrayList<>();
        core.handle(input, now, out::add);
        return out;
    }

    private List<PlumtreeOutput> receive(NodeId from, PlumtreeMessage m, long now) {
        return handle(new PlumtreeInput.Received(from, m), now);
    }

    /** The sweep of first GRAFTs firing. */
    private static final PlumtreeInput SWEEP = new PlumtreeInput.TimerFired(new PlumtreeTimer.GraftSweep());

    /** The sweep scheduled for a message announced just now, in the default config. */
    private final ScheduleTimer sweepAfterTimeout = new ScheduleTimer(config.graftTimeout().toNanos(),
            new PlumtreeTimer.GraftSweep());

    private static MessageId id(long seq) {
        return new MessageId(ORIGIN, seq);
    }

    @Test
    void aRunIsTakenAsItsMessagesOneByOne() {
        List<byte[]> payloads = List.of(new byte[]{1}, new byte[]{2, 2}, new byte[]{3});
        List<PlumtreeOutput> asRun = new ArrayList<>(receive(A, new PlumtreeMessage.GossipRun(ORIGIN, 5, 2, payloads),
                10 * MS));
        asRun.addAll(handle(FLUSH, 110 * MS));
        assertThat(asRun).as("each delivered, in sequence order").contains(
                new Deliver(new MessageId(ORIGIN, 5), 2, payloads.get(0)),
                new Deliver(new MessageId(ORIGIN, 6), 2, payloads.get(1)),
                new Deliver(new MessageId(ORIGIN, 7), 2, payloads.get(2)));

        wire(config);
        List<PlumtreeOutput> oneByOne = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            oneByOne.addAll(receive(A, new Gossip(new MessageId(ORIGIN, 5 + i), 2, payloads.get(i)), 10 * MS));
        }
        oneByOne.addAll(handle(FLUSH, 110 * MS));
        assertThat(asRun).as("what the same messages as GOSSIPs give").isEqualTo(oneByOne);

        assertThat(receive(B, new PlumtreeMessage.GossipRun(ORIGIN, 6, 1, List.of(new byte[]{2, 2})), 120 * MS))
                .as("a run of messages delivered already is a duplicate")
                .doesNotHaveAnyElementsOfTypes(Deliver.class);
    }

    @Test
    void withoutPushingToAllAnOwnBroadcastGoesToTheEagerNeighboursAndIsAnnouncedToTheRest() {
        wire(config.toBuilder().originPushesToAll(false).build());
        byte[] payload = {1, 2, 3};
        List<PlumtreeOutput> out = handle(new PlumtreeInput.Broadcast(payload), 10 * MS);
        MessageId id = new MessageId(SELF, 1);
        assertThat(out).as("the paper's eager set, as for every other origin").containsExactly(
                new Deliver(id, 0, payload),
                new Send(A, new Gossip(id, 1, payload)),
                new Send(B, new Gossip(id, 1, payload)),
                FLUSH_LATER);
        assertThat(core.eagerPeers(SELF)).containsExactly(A, B);
        assertThat(handle(FLUSH, 110 * MS)).containsExactlyInAnyOrder(
                new Send(C, new IHave(List.of(new Announcement(SELF, 1, 1, 1)))),
                new Send(D, new IHave(List.of(new Announcement(SELF, 1, 1, 1)))));
    }

    @Test
    void anOwnBroadcastIsDeliveredLocallyAndPushedToEveryNeighbour() {
        byte[] payload = {1, 2, 3};
        List<PlumtreeOutput> out = handle(new PlumtreeInput.Broadcast(payload), 10 * MS);
        MessageId id = new MessageId(SELF, 1);
        assertThat(out).as("this node's own tree has every neighbour eager, lazy ones included").containsExactly(
                new Deliver(id, 0, payload),
                new Send(A, new Gossip(id, 1, payload)),
                new Send(B, new Gossip(id, 1, payload)),
                new Send(C, new Gossip(id, 1, payload)),
                new Send(D, new Gossip(id, 1, payload)));
        assertThat(core.eagerPeers(SELF)).containsExactly(A, B, C, D);
        assertThat(core.neighbourEagerPeers()).as("other origins' trees still start from the partition")
                .containsExactly(A, B);
        assertThat(core.stats().broadcasts()).isEqualTo(1);
    }

    @Test
    void ownTreePastMaxEagerPeersAnnouncesToTheRestInOneBatch() {
        core = new Plumtree(SELF, config.toBuilder().maxEagerPeers(3).originPushesToAll(true).build(),
                new SplittableRandom(42));
        for (NodeId p : List.of(A, B, C, D)) {
            handle(new PlumtreeInput.NeighborUp(p), 0);
        }
        handle(FLUSH, 0);
        byte[] payload = {1, 2, 3};
        List<PlumtreeOutput> out = handle(new PlumtreeInput.Broadcast(payload), 10 * MS);
        MessageId id = new MessageId(SELF, 1);
        assertThat(out).containsExactly(
                new Deliver(id, 0, payload),
                new Send(A, new Gossip(id, 1, payload)),
                new Send(B, new Gossip(id, 1, payload)),
                new Send(C, new Gossip(id, 1, payload)),
                new ScheduleTimer(config.ihaveInterval().toNanos(), new PlumtreeTimer.FlushAnnouncements()));
        List<PlumtreeOutput> second = handle(new PlumtreeInput.Broadcast(payload), 20 * MS);
        assertThat(second).as("the flush timer is already pending").noneMatch(o -> o instanceof ScheduleTimer);

        List<PlumtreeOutput> flush = handle(FLUSH, 110 * MS);
        MessageId id2 = new MessageId(SELF, 2);
        assertThat(flush).containsExactly(
                new Send(D, new IHave(List.of(new Announcement(SELF, id.sequence(), id2.sequence(), 1)))));
    }

    @Test
    void everyPushDroppedForAFullQueueIsAnnouncedNotOnlyTheFirst() {
        MessageId id1 = new MessageId(SELF, 1);
        MessageId id2 = new MessageId(SELF, 2);
        handle(new PlumtreeInput.Broadcast(new byte[]{1}), 0);
        handle(new PlumtreeInput.Broadcast(new byte[]{2}), 0);
        handle(FLUSH, 100 * MS);
        // both pushes to A were dropped in one turn: the driver reports them after it, A still eager for the first
        assertThat(handle(new PlumtreeInput.PeerCongested(A, id1, 1), 101 * MS)).containsExactly(FLUSH_LATER);
        assertThat(core.eagerPeers(SELF)).doesNotContain(A);
        assertThat(handle(new PlumtreeInput.PeerCongested(A, id2, 1), 101 * MS)).as("the flush is pending").isEmpty();
        assertThat(handle(FLUSH, 201 * MS)).containsExactly(
                new Send(A, new IHave(List.of(new Announcement(SELF, 1, 2, 1)))));
    }

    @Test
    void firstCopyIsDeliveredOnceAndForwardedNeverBack() {
        byte[] payload = {9};
        List<PlumtreeOutput> out = receive(C, new Gossip(id(1), 3, payload), 0);
        assertThat(out).contains(new Deliver(id(1), 3, payload));
        assertThat(out).contains(new Send(A, new Gossip(id(1), 4, payload)), new Send(B, new Gossip(id(1), 4, payload)));
        assertThat(out).noneMatch(o -> o instanceof Send s && s.to().equals(C));
        assertThat(core.eagerPeers(ORIGIN)).as("a per-origin tree is directed: C pushing here changes nothing in what "
                + "this node pushes").containsExactly(A, B);

        List<PlumtreeOutput> dup = receive(A, new Gossip(id(1), 3, payload), 1);
        assertThat(dup).as("a duplicate is never delivered, and its sender is pruned")
                .containsExactly(new Send(A, new Prune(ORIGIN)));
        assertThat(core.eagerPeers(ORIGIN)).as("whether A still wants our copies is A's to say").contains(A);
        assertThat(core.stats().delivered()).isEqualTo(1);
        assertThat(core.stats().duplicates()).isEqualTo(1);
    }

    @Test
    void aDuplicateThatTookFewerHopsPrunesTheFirstSenderInstead() {
        byte[] payload = {9};
        receive(C, new Gossip(id(1), 5, payload), 0);
        assertThat(receive(A, new Gossip(id(1), 2, payload), 1)).as("A's path is shorter: C is pruned, A kept")
                .containsExactly(new Send(C, new Prune(ORIGIN)));
        assertThat(receive(B, new Gossip(id(1), 3, payload), 2)).as("compared with the kept copy's 2 hops")
                .containsExactly(new Send(B, new Prune(ORIGIN)));
        assertThat(receive(A, new Gossip(id(1), 2, payload), 3)).as("a second copy from the kept parent prunes nothing")
                .isEmpty();
        assertThat(core.stats().delivered()).isEqualTo(1);
        assertThat(core.stats().duplicates()).isEqualTo(3);
    }

    @Test
    void duplicatesFromOnePeerArePrunedOncePerGraftTimeoutUntilItIsGraftedAgain() {
        long timeout = config.graftTimeout().toNanos();
        for (long seq = 1; seq <= 3; seq++) {
            receive(C, new Gossip(id(seq), 2, new byte[]{1}), 0);
        }
        receive(B, new IHave(List.of(new Announcement(id(4), 2))), 0);
        assertThat(receive(A, new Gossip(id(1), 2, new byte[]{1}), MS)).containsExactly(new Send(A, new Prune(ORIGIN)));
        assertThat(receive(A, new Gossip(id(2), 2, new byte[]{1}), 2 * MS))
                .as("copies A sent before our PRUNE reached it").isEmpty();
        assertThat(receive(B, new Gossip(id(2), 2, new byte[]{1}), 3 * MS)).as("each peer has its own")
                .containsExactly(new Send(B, new Prune(ORIGIN)));
        assertThat(receive(A, new Gossip(id(3), 2, new byte[]{1}), MS + timeout)).as("a graft timeout later")
                .containsExactly(new Send(A, new Prune(ORIGIN)));

        assertThat(handle(SWEEP, timeout)).as("B is grafted for what it announced")
                .contains(new Send(B, new Graft(ORIGIN, List.of(id(4)))));
        assertThat(receive(B, new Gossip(id(3), 2, new byte[]{1}), 2 * MS + timeout))
                .as("grafted since its PRUNE, less than a graft timeout ago: its next duplicate is pruned at once")
                .containsExactly(new Send(B, new Prune(ORIGIN)));
        assertThat(core.stats().duplicates()).isEqualTo(5);
    }

    @Test
    void aSharedTreeKeepsThePapersSymmetricRules() {
        core = new Plumtree(SELF, config.toBuilder().perOriginTrees(false).build(), new SplittableRandom(42));
        for (NodeId p : List.of(A, B, C, D)) {
            core.handle(new PlumtreeInput.NeighborUp(p), 0, o -> { });
        }
        byte[] payload = {9};
        receive(C, new Gossip(id(1), 3, payload), 0);
        assertThat(core.eagerPeers(ORIGIN)).as("the sender of the first copy becomes eager").contains(C);
        assertThat(receive(A, new Gossip(id(1), 2, payload), 1)).containsExactly(new Send(A, new Prune(ORIGIN)));
        assertThat(core.lazyPeers(ORIGIN)).contains(A);
        assertThat(core.eagerPeers(ORIGIN)).doesNotContain(A);
    }

    @Test
    void pruneChangesOnlyTheTreeOfThatOrigin() {
        receive(A, new Prune(ORIGIN), 0);
        assertThat(core.eagerPeers(ORIGIN)).containsExactly(B);
        assertThat(core.lazyPeers(ORIGIN)).contains(A);
        assertThat(core.eagerPeers(NodeId.of("other"))).containsExactly(A, B);
    }

    @Test
    void aLazyPeerGraftsAMessageItWasOnlyToldAbout() {
        List<PlumtreeOutput> out = receive(C, new IHave(List.of(new Announcement(id(7), 2))), 0);
        assertThat(out).containsExactly(sweepAfterTimeout);
        assertThat(core.missingCount()).isEqualTo(1);

        List<PlumtreeOutput> due = handle(SWEEP, 500 * MS);
        assertThat(due).containsExactly(
                new Send(C, new Graft(ORIGIN, List.of(id(7)))),
                new ScheduleTimer(2 * config.graftTimeout().toNanos(), new PlumtreeTimer.GraftDue(id(7))));
        assertThat(core.eagerPeers(ORIGIN)).as("the GRAFT makes C push here; what this node pushes is unchanged")
                .containsExactly(A, B);

        byte[] payload = {7};
        List<PlumtreeOutput> answer = receive(C, new Gossip(id(7), 2, payload), 510 * MS);
        assertThat(answer).contains(new Deliver(id(7), 2, payload));
        assertThat(core.missingCount()).isZero();
        assertThat(handle(new PlumtreeInput.TimerFired(new PlumtreeTimer.GraftDue(id(7))), 1_500 * MS))
                .as("a stale timer does nothing").isEmpty();
        assertThat(handle(SWEEP, 1_500 * MS)).as("nor does a stale sweep").isEmpty();
    }

    @Test
    void oneSweepGraftsEachMessageAtItsOwnTimeoutInAnnouncementOrder() {
        long timeout = config.graftTimeout().toNanos();
        assertThat(receive(C, new IHave(List.of(new Announcement(id(1), 2))), 0)).containsExactly(sweepAfterTimeout);
        assertThat(receive(D, new IHave(List.of(new Announcement(id(2), 2))), 100 * MS))
                .as("one sweep is outstanding at a time").isEmpty();
        receive(C, new IHave(List.of(new Announcement(id(3), 2))), 200 * MS);
        receive(A, new Gossip(id(3), 1, new byte[]{3}), 250 * MS);

        List<PlumtreeOutput> first = handle(SWEEP, timeout);
        assertThat(first).as("only 1 is due; 3 arrived and is not asked for").filteredOn(o -> o instanceof Send)
                .containsExactly(new Send(C, new Graft(ORIGIN, List.of(id(1)))));
        assertThat(first).as("the next sweep when 2 is due").contains(
                new ScheduleTimer(100 * MS, new PlumtreeTimer.GraftSweep()),
                new ScheduleTimer(2 * timeout, new PlumtreeTimer.GraftDue(id(1))));

        List<PlumtreeOutput> second = handle(SWEEP, timeout + 100 * MS);
        assertThat(second).filteredOn(o -> o instanceof Send)
                .containsExactly(new Send(D, new Graft(ORIGIN, List.of(id(2)))));
        assertThat(second).as("3 arrived: no sweep is left to schedule")
                .noneMatch(o -> o instanceof ScheduleTimer t && t.timer() instanceof PlumtreeTimer.GraftSweep);
        assertThat(core.missingCount()).isEqualTo(2);
    }

    @Test
    void graftsRetryOtherAnnouncersWithBackoffThenGiveUp() {
        receive(C, new IHave(List.of(new Announcement(id(1), 2))), 0);
        receive(D, new IHave(List.of(new Announcement(id(1), 3))), 1);
        PlumtreeTimer due = new PlumtreeTimer.GraftDue(id(1));
        List<NodeId> targets = new ArrayList<>();
        List<Long> delays = new ArrayList<>();
        long now = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            now += 500 * MS;
            for (PlumtreeOutput o : handle(attempt == 0 ? SWEEP : new PlumtreeInput.TimerFired(due), now)) {
                if (o instanceof Send s) {
                    targets.add(s.to());
                } else if (o instanceof ScheduleTimer t) {
                    delays.add(t.delayNanos() / MS);
                }
            }
        }
        assertThat(targets).as("announcers in arrival order, in turn").containsExactly(C, D, C);
        assertThat(delays).containsExactly(1_000L, 2_000L, 4_000L);
        assertThat(core.missingCount()).isZero();
        assertThat(core.stats().graftsAbandoned()).isEqualTo(1);
    }

    @Test
    void graftsToOnePeerAreRateLimitedWithoutSpendingRetries() {
        PlumtreeConfig tight = config.toBuilder().graftBurst(1).graftRatePerSecond(0.001).build();
        core = new Plumtree(SELF, tight, new SplittableRandom(1));
        core.handle(new PlumtreeInput.NeighborUp(C), 0, o -> { });
        MessageId other = new MessageId(NodeId.of("other-origin"), 1);
        receive(C, new IHave(List.of(new Announcement(id(1), 2), new Announcement(other, 2))), 0);
        List<PlumtreeOutput> first = handle(new PlumtreeInput.TimerFired(new PlumtreeTimer.GraftDue(id(1))), MS);
        List<PlumtreeOutput> second = handle(new PlumtreeInput.TimerFired(new PlumtreeTimer.GraftDue(other)), MS);
        assertThat(first).anyMatch(o -> o instanceof Send);
        assertThat(second).noneMatch(o -> o instanceof Send).anyMatch(o -> o instanceof ScheduleTimer);
        assertThat(core.stats().graftsRateLimited()).isEqualTo(1);
        for (int i = 2; i < 20; i++) {
            handle(new PlumtreeInput.TimerFired(new PlumtreeTimer.GraftDue(other)), i * 1_000 * MS);
        }
        assertThat(core.stats().graftsAbandoned()).as("waiting for the rate limit spends no retry").isZero();
        assertThat(core.missingCount()).isEqualTo(2);
    }

    @Test
    void oneGraftAsksForEveryMessageOfTheTreeTheAnnouncerOffered() {
        List<Announcement> burst = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            burst.add(new Announcement(id(i), 2));
        }
        burst.add(new Announcement(new MessageId(NodeId.of("other-origin"), 1), 2));
        receive(C, new IHave(burst), 0);
        receive(D, new IHave(List.of(new Announcement(id(41), 2))), 0);

        List<PlumtreeOutput> due = handle(new PlumtreeInput.TimerFired(new PlumtreeTimer.GraftDue(id(1))), 500 * MS);
        List<MessageId> asked = due.stream().filter(o -> o instanceof Send).map(o -> ((Send) o).message())
                .flatMap(m -> ((Graft) m).ids().stream()).toList();
        assertThat(due.stream().filter(o -> o instanceof Send)).hasSize(1);
        assertThat(asked).as("every message of that tree C announced, nothing else")
                .hasSize(40).allMatch(id -> id.origin().equals(ORIGIN) && id.sequence() <= 40);
        assertThat(handle(new PlumtreeInput.TimerFired(new PlumtreeTimer.GraftDue(id(2))), 500 * MS))
                .as("a message just asked for waits for the answer").noneMatch(o -> o instanceof Send);
    }

    @Test
    void aRateLimitedGraftIsNotAnAttemptAndTriesAgainWhenATokenIsDue() {
        PlumtreeConfig tight = config.toBuilder().graftBurst(1).graftRatePerSecond(10).graftMaxRetries(1).build();
        core = new Plumtree(SELF, tight, new SplittableRandom(1));
        core.handle(new PlumtreeInput.NeighborUp(C), 0, o -> { });
        MessageId other = new MessageId(NodeId.of("other-origin"), 1); // another tree: not in id(1)'s GRAFT
        receive(C, new IHave(List.of(new Announcement(id(1), 2), new Announcement(other, 2))), 0);
        PlumtreeTimer due2 = new PlumtreeTimer.GraftDue(other);
        assertThat(handle(new PlumtreeInput.TimerFired(new PlumtreeTimer.GraftDue(id(1))), MS))
                .anyMatch(o -> o instanceof Send);
        List<PlumtreeOutput> limited = handle(new PlumtreeInput.TimerFired(due2), MS);
        assertThat(limited).noneMatch(o -> o instanceof Send)
                .containsExactly(new ScheduleTimer(100 * MS, due2));
        List<PlumtreeOutput> retried = handle(new PlumtreeInput.TimerFired(due2), 101 * MS);
        assertThat(retried).as("its one attempt was not used up by the rate limit")
                .contains(new Send(C, new Graft(other.origin(), List.of(other))));
        assertThat(core.stats().graftsRateLimited()).isEqualTo(1);
        assertThat(core.stats().graftsAbandoned()).isZero();
    }

    @Test
    void graftIsAnsweredFromTheCacheAndMakesTheSenderEager() {
        byte[] payload = {5};
        receive(A, new Gossip(id(3), 1, payload), 0);
        List<PlumtreeOutput> out = receive(D, new Graft(ORIGIN, List.of(id(3), id(4))), MS);
        assertThat(out).containsExactly(new Send(D, new Gossip(id(3), 2, payload)));
        assertThat(core.eagerPeers(ORIGIN)).contains(D);
        assertThat(core.stats().graftsUnanswerable()).as("id 4 was never here").isEqualTo(1);
    }

    @Test
    void cachedPayloadsExpire() {
        receive(A, new Gossip(id(3), 1, new byte[]{5}), 0);
        long afterTtl = config.cacheTtl().toNanos() + 1;
        assertThat(receive(D, new Graft(ORIGIN, List.of(id(3))), afterTtl)).isEmpty();
    }

    @Test
    void aShorterPathAnnouncedIsGraftedAndTheOldParentPrunedOnceItsCopiesComeSecond() {
        receive(A, new Gossip(id(1), 9, new byte[]{1}), 0);
        List<PlumtreeOutput> out = receive(C, new IHave(List.of(new Announcement(id(1), 9 - 3))), MS);
        assertThat(out).as("the old parent is kept until the shorter path delivers")
                .containsExactly(new Send(C, new Graft(ORIGIN, List.of())));
        assertThat(core.stats().optimizations()).isEqualTo(1);
        assertThat(receive(D, new IHave(List.of(new Announcement(id(1), 5))), 2 * MS))
                .as("one hop better than the new parent is below the threshold").isEmpty();

        receive(A, new Gossip(id(2), 9, new byte[]{2}), 3 * MS);
        assertThat(receive(C, new Gossip(id(2), 6, new byte[]{2}), 4 * MS)).as("the shorter copy prunes the old parent")
                .containsExactly(new Send(A, new Prune(ORIGIN)));
    }

    @Test
    void anAnnouncerThatDoesNotPushIsNotGraftedAgainUntilTheBackoffHasPassed() {
        receive(A, new Gossip(id(1), 9, new byte[]{1}), 0);
        receive(A, new Gossip(id(2), 9, new byte[]{2}), 0);
        receive(A, new Gossip(id(3), 9, new byte[]{3}), 0);
        assertThat(receive(C, new IHave(List.of(new Announcement(id(1), 2))), MS))
                .containsExactly(new Send(C, new Graft(ORIGIN, List.of())));
        assertThat(receive(C, new IHave(List.of(new Announcement(id(2), 2))), 2 * MS))
                .as("C's eager set may be full: asked once per backoff").isEmpty();
        long later = MS + config.graftMaxBackoff().toNanos();
        assertThat(receive(C, new IHave(List.of(new Announcement(id(3), 2))), later))
                .containsExactly(new Send(C, new Graft(ORIGIN, List.of())));
        assertThat(core.stats().optimizations()).isEqualTo(2);
    }

    @Test
    void thresholdZeroTurnsTheOptimizationOff() {
        core = new Plumtree(SELF, config.toBuilder().optimizationThreshold(0).build(), new SplittableRandom(1));
        receive(A, new Gossip(id(1), 9, new byte[]{1}), 0);
        assertThat(receive(C, new IHave(List.of(new Announcement(id(1), 1))), MS)).isEmpty();
    }

    @Test
    void oversizedPayloadIsRefusedAndNothingIsSent() {
        List<PlumtreeOutput> out = new ArrayList<>();
        assertThatThrownBy(() -> core.handle(new PlumtreeInput.Broadcast(new byte[1_001]), 0, out::add))
                .isInstanceOf(PayloadTooLargeException.class)
                .hasMessageContaining("1001 bytes").hasMessageContaining("1000");
        assertThat(out).isEmpty();
        assertThat(core.stats().broadcasts()).isZero();
        assertThat(handle(new PlumtreeInput.Broadcast(new byte[1_000]), 0)).isNotEmpty();
    }

    @Test
    void aPeerGoingDownIsReplacedFromTheLazyPeersAndTheSample() {
        NodeId e = NodeId.of("e");
        handle(new PlumtreeInput.NeighborUp(e), 0);
        handle(FLUSH, 0);
        List<NodeId> before = new ArrayList<>(core.neighbourEagerPeers());
        before.addAll(core.neighbourLazyPeers());
        NodeId gone = core.neighbourEagerPeers().get(0);

        List<PlumtreeOutput> out = handle(new PlumtreeInput.NeighborDown(gone), 0);
        assertThat(core.neighbourEagerPeers()).hasSize(2).doesNotContain(gone);
        assertThat(core.neighbourLazyPeers()).hasSize(2).doesNotContain(gone);
        List<NodeId> after = new ArrayList<>(core.neighbourEagerPeers());
        after.addAll(core.neighbourLazyPeers());
        List<NodeId> added = new ArrayList<>(after);
        added.removeAll(before);
        assertThat(added).as("the one peer left out before fills the gap").hasSize(1);
        assertThat(out).containsExactly(FLUSH_LATER);
        assertThat(handle(FLUSH, 0)).as("the new neighbour is told")
                .containsExactly(new Send(added.get(0), new PlumtreeMessage.Neighbor()));
    }

    @Test
    void theNeighbourPickIsUniformWhateverTheOrderPeersArrive() {
        int[] eagerCount = new int[100];
        for (int seed = 0; seed < 400; seed++) {
            Plumtree p = new Plumtree(SELF, config, new SplittableRandom(seed));
            for (int i = 0; i < 100; i++) {
                p.handle(new PlumtreeInput.NeighborUp(NodeId.of("p" + i)), 0, o -> { });
            }
            for (NodeId eager : p.neighbourEagerPeers()) {
                eagerCount[Integer.parseInt(eager.name().substring(1))]++;
            }
        }
        // 400 runs x 2 eager picks among 100 peers: 8 per peer on average, whatever the arrival order.
        int firstTen = 0;
        for (int i = 0; i < 10; i++) {
            firstTen += eagerCount[i];
        }
        assertThat(firstTen).as("the first peers to arrive are not favoured").isBetween(40, 130);
    }

    @Test
    void aPeerThatPicksUsHearsOfOurMessages() {
        NodeId stranger = NodeId.of("stranger");
        receive(stranger, new PlumtreeMessage.Neighbor(), 0);
        assertThat(core.neighbourLazyPeers()).contains(stranger);
        handle(new PlumtreeInput.Broadcast(new byte[]{1}), 0);
        List<PlumtreeOutput> flush = handle(FLUSH, 100 * MS);
        assertThat(flush).anyMatch(o -> o instanceof Send s && s.to().equals(stranger));
    }

    @Test
    void aPeerThatPicksUsAfterOurTreeWasMadeIsEagerInItAndLazyInOthers() {
        receive(C, new Gossip(id(1), 1, new byte[]{1}), 0);
        handle(new PlumtreeInput.Broadcast(new byte[]{2}), 0);
        handle(new PlumtreeInput.NeighborDown(D), 5 * MS); // room under maxEagerPeers (4)
        NodeId stranger = NodeId.of("stranger");
        receive(stranger, new PlumtreeMessage.Neighbor(), 10 * MS);
        assertThat(core.eagerPeers(SELF)).contains(stranger);
        assertThat(core.lazyPeers(ORIGIN)).contains(stranger);
        byte[] payload = {3};
        List<PlumtreeOutput> out = handle(new PlumtreeInput.Broadcast(payload), 20 * MS);
        assertThat(out).contains(new Send(stranger, new Gossip(new MessageId(SELF, 2), 1, payload)));
    }

    @Test
    void aPeerThatComesBackHearsOfMessagesOfTreesMadeWhileItWasAway() {
        receive(C, new Gossip(id(1), 1, new byte[]{1}), 0);
        handle(new PlumtreeInput.Broadcast(new byte[]{2}), 0);
        handle(new PlumtreeInput.NeighborDown(A), 0);
        assertThat(core.eagerPeers(ORIGIN)).doesNotContain(A);
        assertThat(core.lazyPeers(ORIGIN)).doesNotContain(A);
        handle(FLUSH, 10 * MS);

        handle(new PlumtreeInput.NeighborUp(A), 20 * MS);
        handle(FLUSH, 30 * MS);
        List<PlumtreeOutput> out = new ArrayList<>(receive(C, new Gossip(id(2), 1, new byte[]{3}), 40 * MS));
        out.addAll(handle(new PlumtreeInput.Broadcast(new byte[]{4}), 40 * MS));
        out.addAll(handle(FLUSH, 200 * MS));
        assertThat(out).as("the returning peer hears of the origin's message")
                .anyMatch(o -> o instanceof Send s && s.to().equals(A) && mentions(s.message(), id(2)));
        assertThat(out).as("and of this node's own")
                .anyMatch(o -> o instanceof Send s && s.to().equals(A) && mentions(s.message(), new MessageId(SELF, 2)));
    }

    private static boolean mentions(PlumtreeMessage m, MessageId id) {
        if (m instanceof Gossip g) {
            return g.id().equals(id);
        }
        return m instanceof IHave i && i.announcements().stream().anyMatch(a -> a.covers(id));
    }

    @Test
    void aDigestFromANeighbourGraftsWhatWasLostOnTheWay() {
        core = new Plumtree(SELF, config.toBuilder().digestInterval(Duration.ofSeconds(1)).build(),
                new SplittableRandom(3));
        List<PlumtreeOutput> up = handle(new PlumtreeInput.NeighborUp(C), 0);
        assertThat(up).anyMatch(o -> o instanceof ScheduleTimer t && t.timer() instanceof PlumtreeTimer.DigestDue);
        receive(C, new Gossip(id(1), 1, new byte[]{1}), 10 * MS);
        receive(C, new Gossip(id(4), 1, new byte[]{4}), 20 * MS);

        List<PlumtreeOutput> out = receive(C, new PlumtreeMessage.Digest(List.of(
                new PlumtreeMessage.DigestRun(ORIGIN, 1, 5, 100),
                new PlumtreeMessage.DigestRun(NodeId.of("before-my-time"), 1, 3, 60_000),
                new PlumtreeMessage.DigestRun(NodeId.of("new-origin"), 7, 8, 50))), 5_000 * MS);
        assertThat(out).as("one sweep for the first GRAFTs").containsExactly(sweepAfterTimeout);
        assertThat(core.missingCount()).as("2, 3 and 5 of the known origin and both of the new one are missing")
                .isEqualTo(5);
        List<PlumtreeOutput> due = handle(SWEEP, 5_500 * MS);
        assertThat(due).contains(new Send(C, new Graft(ORIGIN, List.of(id(2), id(3), id(5)))),
                new Send(C, new Graft(NodeId.of("new-origin"), List.of(new MessageId(NodeId.of("new-origin"), 7),
                        new MessageId(NodeId.of("new-origin"), 8)))));
        assertThat(core.stats().digestRecoveries()).isEqualTo(5);
    }

    @Test
    void aDigestRecoversAnOriginsFirstMessageLostWhileTheNextCameThrough() {
        core = new Plumtree(SELF, config.toBuilder().digestInterval(Duration.ofSeconds(1)).build(),
                new SplittableRandom(3));
        handle(new PlumtreeInput.NeighborUp(C), 0);
        receive(C, new Gossip(id(3), 1, new byte[]{3}), 1_000 * MS); // id 2 was lost on every link here
        List<PlumtreeOutput> out = receive(C, new PlumtreeMessage.Digest(List.of(
                new PlumtreeMessage.DigestRun(ORIGIN, 2, 3, 500))), 2_000 * MS);
        assertThat(out).containsExactly(sweepAfterTimeout);
        assertThat(core.lowestMissingSequence(ORIGIN)).as("delivered by C 0.5 s ago, after this node started: below "
                + "the lowest delivered here, but one it could have had").isEqualTo(2);
        receive(D, new PlumtreeMessage.Digest(List.of(new PlumtreeMessage.DigestRun(ORIGIN, 1, 3, 5_000))),
                2_000 * MS);
        assertThat(core.lowestMissingSequence(ORIGIN)).as("delivered by D before this node started: not asked for")
                .isEqualTo(2);
    }

    @Test
    void aDigestNeverAsksAgainForWhatWasDeliveredInARunEvenOnceTheSeenSetForgotIt() {
        core = new Plumtree(SELF, config.toBuilder().digestInterval(Duration.ofSeconds(1)).cacheMaxMessages(4)
                .seenMaxEntries(4).build(), new SplittableRandom(3));
        handle(new PlumtreeInput.NeighborUp(C), 0);
        for (long seq = 1; seq <= 10; seq++) {
            receive(C, new Gossip(id(seq), 1, new byte[]{1}), seq * MS);
        }
        receive(D, new PlumtreeMessage.Digest(List.of(new PlumtreeMessage.DigestRun(ORIGIN, 1, 12, 5))), 100 * MS);
        assertThat(handle(SWEEP, 600 * MS)).as("only 11 and 12 are missing; 1 to 6 are out of the seen set but "
                + "delivered").filteredOn(o -> o instanceof Send)
                .containsExactly(new Send(D, new Graft(ORIGIN, List.of(id(11), id(12)))));
    }

    /** A core whose seen set holds four messages, which has delivered the origin's first message from C. */
    private void forgetfulCoreWithAGapAtTwo() {
        core = new Plumtree(SELF, config.toBuilder().cacheMaxMessages(4).seenMaxEntries(4).build(),
                new SplittableRandom(3));
        handle(new PlumtreeInput.NeighborUp(C), 0);
        receive(C, new Gossip(id(1), 1, new byte[]{1}), MS);
    }

    @Test
    void aLateCopyAboveAGapIsNotDeliveredAgainOnceTheSeenSetForgotIt() {
        forgetfulCoreWithAGapAtTwo();
        for (long seq = 3; seq <= 10; seq++) {
            receive(C, new Gossip(id(seq), 1, new byte[]{1}), seq * MS);
        }
        long delivered = core.stats().delivered();
        List<PlumtreeOutput> out = receive(D, new Gossip(id(3), 2, new byte[]{1}), 20 * MS);
        assertThat(out).as("3 was delivered, above the gap at 2, and the seen set of 4 forgot it")
                .noneMatch(o -> o instanceof PlumtreeOutput.Deliver);
        assertThat(core.stats().delivered()).isEqualTo(delivered);

        assertThat(receive(D, new Gossip(id(2), 2, new byte[]{1}), 21 * MS)).as("the gap fills: delivered once")
                .filteredOn(o -> o instanceof PlumtreeOutput.Deliver).hasSize(1);
        assertThat(receive(D, new Gossip(id(7), 2, new byte[]{1}), 22 * MS)).as("now inside the run")
                .noneMatch(o -> o instanceof PlumtreeOutput.Deliver);
        assertThat(core.stats().delivered()).isEqualTo(delivered + 1);
    }

    @Test
    void aGapTooFarBehindToBeRepairedIsGivenUpAndNothingAboveItIsDeliveredTwice() {
        forgetfulCoreWithAGapAtTwo();
        long last = Plumtree.GAP_WINDOW + 1_000;
        for (long seq = 3; seq <= last; seq++) {
            core.handle(new PlumtreeInput.Received(C, new Gossip(id(seq), 1, new byte[]{1})), 2 * MS, o -> { });
        }
        long delivered = core.stats().delivered();
        assertThat(delivered).isEqualTo(last - 1);
        for (long seq : new long[]{3, Plumtree.GAP_WINDOW, Plumtree.GAP_WINDOW + 500, last}) {
            assertThat(receive(D, new Gossip(id(seq), 2, new byte[]{1}), 3 * MS)).as("late copy of %d", seq)
                    .noneMatch(o -> o instanceof PlumtreeOutput.Deliver);
        }
        assertThat(receive(D, new Gossip(id(2), 2, new byte[]{1}), 4 * MS))
                .as("the gap, %d messages behind the newest, was given up", last - 2)
                .noneMatch(o -> o instanceof PlumtreeOutput.Deliver);
        assertThat(core.stats().delivered()).isEqualTo(delivered);
        assertThat(core.stats().gapsGivenUp()).isEqualTo(1);
    }

    @Test
    void aDigestListsWhatWasDeliveredWithinTheWindowAsRuns() {
        core = new Plumtree(SELF, config.toBuilder().digestInterval(Duration.ofSeconds(1))
                .digestWindow(Duration.ofSeconds(10)).build(), new SplittableRandom(3));
        handle(new PlumtreeInput.NeighborUp(C), 0);
        for (long seq : new long[]{1, 2, 3, 5, 6}) {
            receive(C, new Gossip(id(seq), 1, new byte[]{1}), seq * 1_000 * MS);
        }
        List<PlumtreeOutput> out = handle(new PlumtreeInput.TimerFired(new PlumtreeTimer.DigestDue()),
                12_500 * MS);
        assertThat(out).contains(new Send(C, new PlumtreeMessage.Digest(List.of(
                new PlumtreeMessage.DigestRun(ORIGIN, 3, 3, 9_500),
                new PlumtreeMessage.DigestRun(ORIGIN, 5, 6, 7_500)))));
        assertThat(out).as("the next round").anyMatch(o -> o instanceof ScheduleTimer t
                && t.timer() instanceof PlumtreeTimer.DigestDue);
    }

    @Test
    void floodModePushesPayloadsToEveryoneAndNeverPrunes() {
        core = new Plumtree(SELF, config.toBuilder().flood(true).build(), new SplittableRandom(1));
        for (NodeId p : List.of(A, B, C, D)) {
            handle(new PlumtreeInput.NeighborUp(p), 0);
        }
        handle(FLUSH, 0);
        List<PlumtreeOutput> out = handle(new PlumtreeInput.Broadcast(new byte[]{1}), 0);
        assertThat(out).filteredOn(o -> o instanceof Send s && s.message() instanceof Gossip).hasSize(4);
        assertThat(out).noneMatch(o -> o instanceof ScheduleTimer);
        assertThat(receive(A, new Gossip(new MessageId(SELF, 1), 2, new byte[]{1}), 1)).isEmpty();
    }

    @Test
    void ownMessagesEchoedBackAreDuplicates() {
        handle(new PlumtreeInput.Broadcast(new byte[]{1}), 0);
        List<PlumtreeOutput> out = receive(A, new Gossip(new MessageId(SELF, 1), 2, new byte[]{1}), 1);
        assertThat(out).containsExactly(new Send(A, new Prune(SELF)));
    }

    @Test
    void announcementsPerPeerAreBoundedInRunsAndDroppedMessagesCounted() {
        core = new Plumtree(SELF, config.toBuilder().maxPendingIHaves(2).build(), new SplittableRandom(1));
        core.handle(new PlumtreeInput.NeighborUp(A), 0, o -> { });
        core.handle(new PlumtreeInput.NeighborUp(B), 0, o -> { });
        core.handle(new PlumtreeInput.NeighborUp(C), 0, o -> { });
        core.handle(FLUSH, 0, o -> { });
        for (long seq : new long[]{1, 2, 4, 6, 7, 8}) { // runs 1..2, 4, 6..8
            receive(A, new Gossip(id(seq), 1, new byte[]{1}), 0);
        }
        List<PlumtreeOutput> flush = handle(FLUSH, Duration.ofMillis(100).toNanos());
        assertThat(flush).containsExactly(new Send(C, new IHave(List.of(
                new Announcement(ORIGIN, 4, 4, 2), new Announcement(ORIGIN, 6, 8, 2)))));
        assertThat(core.stats().announcementsDropped()).as("the two messages of the oldest run").isEqualTo(2);
    }

    @Test
    void interleavedOriginsEachKeepOneRunAndAChangedHopCountStartsANewOne() {
        NodeId other = NodeId.of("other-origin");
        for (long seq = 1; seq <= 3; seq++) {
            receive(A, new Gossip(id(seq), 1, new byte[]{1}), 0);
            receive(A, new Gossip(new MessageId(other, seq), 1, new byte[]{2}), 0);
        }
        receive(A, new Gossip(id(4), 5, new byte[]{1}), 0);
        List<PlumtreeOutput> flush = handle(FLUSH, Duration.ofMillis(100).toNanos());
        IHave expected = new IHave(List.of(new Announcement(ORIGIN, 1, 3, 2), new Announcement(other, 1, 3, 2),
                new Announcement(ORIGIN, 4, 4, 6)));
        assertThat(flush).containsExactly(new Send(C, expected), new Send(D, expected));
    }

    @Test
    void anAnnouncedRunIsGraftedOnlyWhereItIsNotDelivered() {
        for (long seq = 1; seq <= 100; seq++) {
            receive(A, new Gossip(id(seq), 1, new byte[]{1}), 0);
        }
        receive(A, new Gossip(id(103), 1, new byte[]{1}), 0);
        List<PlumtreeOutput> out = receive(C, new IHave(List.of(new Announcement(ORIGIN, 1, 105, 2))), MS);
        assertThat(out).containsExactly(sweepAfterTimeout);
        assertThat(core.missingCount()).isEqualTo(4);
        assertThat(handle(SWEEP, MS + config.graftTimeout().toNanos())).as("GRAFT for 101, 102, 104 and 105 only")
                .filteredOn(o -> o instanceof Send)
                .containsExactly(new Send(C, new Graft(ORIGIN, List.of(id(101), id(102), id(104), id(105)))));
        receive(D, new IHave(List.of(new Announcement(ORIGIN, 1, 50_000_000, 2))), 2 * MS);
        assertThat(core.missingCount()).as("a huge run is looked at only so far").isBetween(5, 4 + 4_096);
    }

    // ---- the in-flight window (docs/broadcast.md, departure 9) ----

    private static List<PlumtreeMessage.Ack> acks(List<PlumtreeOutput> out, NodeId to) {
        return out.stream()
                .filter(o -> o instanceof Send s && s.to().equals(to) && s.message() instanceof PlumtreeMessage.Ack)
                .map(o -> (PlumtreeMessage.Ack) ((Send) o).message()).toList();
    }

    @Test
    void aMemberAcknowledgesTheRunOfAnOriginsMessagesToItEveryEighthOfTheWindow() {
        wire(config.toBuilder().maxInFlight(16).build());
        byte[] payload = {1};
        assertThat(acks(receive(A, new Gossip(id(1), 1, payload), MS), ORIGIN)).isEmpty();
        assertThat(acks(receive(A, new Gossip(id(2), 1, payload), MS), ORIGIN))
                .containsExactly(new PlumtreeMessage.Ack(ORIGIN, 2));
        assertThat(acks(receive(A, new Gossip(id(4), 1, payload), MS), ORIGIN)).as("3 is missing").isEmpty();
        assertThat(acks(receive(A, new Gossip(id(3), 1, payload), MS), ORIGIN)).as("the run reached 4")
                .containsExactly(new PlumtreeMessage.Ack(ORIGIN, 4));
        assertThat(acks(receive(A, new Gossip(id(5), 1, payload), MS), ORIGIN)).isEmpty();
        assertThat(core.stats().acksSent()).isEqualTo(2);

        List<PlumtreeOutput> own = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            own.addAll(handle(new PlumtreeInput.Broadcast(payload), 2 * MS));
        }
        assertThat(own).as("a node does not acknowledge its own messages")
                .noneMatch(o -> o instanceof Send s && s.message() instanceof PlumtreeMessage.Ack);
    }

    @Test
    void ownBroadcastsWaitWhileAMemberIsAWholeWindowBehindUntilItAcknowledgesOrGoes() {
        wire(config.toBuilder().maxInFlight(16).build());
        byte[] payload = {1};
        for (int i = 0; i < 16; i++) {
            assertThat(core.admitsBroadcast(MS)).as("broadcast %d", i + 1).isTrue();
            handle(new PlumtreeInput.Broadcast(payload), MS);
        }
        assertThat(core.admitsBroadcast(MS)).isFalse();
        assertThat(core.inFlight()).isEqualTo(16);
        for (NodeId p : List.of(A, B, C)) {
            receive(p, new PlumtreeMessage.Ack(SELF, 16), 2 * MS);
        }
        receive(D, new PlumtreeMessage.Ack(ORIGIN, 16), 2 * MS);
        assertThat(core.admitsBroadcast(2 * MS)).as("d acknowledged another origin's stream, not ours").isFalse();
        receive(D, new PlumtreeMessage.Ack(SELF, 1), 3 * MS);
        assertThat(core.admitsBroadcast(3 * MS)).isTrue();
        assertThat(core.inFlight()).isEqualTo(15);

        handle(new PlumtreeInput.Broadcast(payload), 4 * MS);
        assertThat(core.admitsBroadcast(4 * MS)).isFalse();
        handle(new PlumtreeInput.NeighborDown(D), 5 * MS);
        assertThat(core.admitsBroadcast(5 * MS)).as("the member it waited for went").isTrue();
        assertThat(core.inFlight()).isEqualTo(1);
    }

    @Test
    void aMemberThatAcknowledgesNothingForTheLaggardTimeoutIsLeftBehind() {
        core = new Plumtree(SELF, config.toBuilder().maxInFlight(16).laggardTimeout(Duration.ofSeconds(2)).build(),
                new SplittableRandom(42));
        handle(new PlumtreeInput.NeighborUp(A), 0);
        for (int i = 0; i < 16; i++) {
            handle(new PlumtreeInput.Broadcast(new byte[]{1}), MS);
        }
        assertThat(core.admitsBroadcast(10 * MS)).isFalse();
        assertThat(core.admitsBroadcast(10 * MS + Duration.ofSeconds(2).toNanos() - 1)).isFalse();
        assertThat(core.admitsBroadcast(10 * MS + Duration.ofSeconds(2).toNanos())).isTrue();
        assertThat(core.stats().membersLeftBehind()).isEqualTo(1);
    }

    @Test
    void aFilledGapLongerThanOneWalkIsCaughtUpDeliveryByDeliveryAndAcknowledged() {
        wire(config.toBuilder().maxInFlight(16).build());
        byte[] payload = {1};
        receive(A, new Gossip(id(1), 1, payload), MS);
        for (long seq = 3; seq <= 5_000; seq++) {
            assertThat(acks(receive(A, new Gossip(id(seq), 1, payload), MS), ORIGIN)).as("2 is missing").isEmpty();
        }
        assertThat(acks(receive(A, new Gossip(id(2), 1, payload), 2 * MS), ORIGIN)).as("one walk of 4,096")
                .containsExactly(new PlumtreeMessage.Ack(ORIGIN, 4_098));
        assertThat(acks(receive(A, new Gossip(id(5_001), 1, payload), 3 * MS), ORIGIN))
                .as("the next delivery walks the rest (it waited for the bitmap to overflow, 131,072 later)")
                .containsExactly(new PlumtreeMessage.Ack(ORIGIN, 5_001));
        assertThat(receive(A, new Gossip(id(4_500), 1, payload), 4 * MS)).as("still delivered once")
                .noneMatch(o -> o instanceof Deliver);
    }

    @Test
    void withoutPushingToAllAGraftBeyondTheOriginsEagerFanoutIsAnsweredButLeavesTheGrafterLazyInItsTree() {
        wire(config.toBuilder().originPushesToAll(false).build());
        byte[] payload = {1};
        handle(new PlumtreeInput.Broadcast(payload), MS);
        MessageId first = new MessageId(SELF, 1);
        assertThat(receive(C, new Graft(SELF, List.of(first)), 2 * MS)).as("answered")
                .contains(new Send(C, new Gossip(first, 1, payload)));
        assertThat(core.eagerPeers(SELF)).as("eagerFanout 2: C finds a relay").containsExactly(A, B);
        assertThat(handle(new PlumtreeInput.Broadcast(payload), 3 * MS))
                .noneMatch(o -> o instanceof Send s && s.to().equals(C) && s.message() instanceof Gossip);

        receive(C, new Graft(ORIGIN, List.of()), 4 * MS);
        assertThat(core.eagerPeers(ORIGIN)).as("another origin's tree takes it, up to maxEagerPeers").contains(C);
    }

    @Test
    void withoutPushingToAllNoShortcutIsGraftedToTheOriginItself() {
        NodeId origin = C;
        byte[] payload = {1};
        MessageId m = new MessageId(origin, 1);
        for (boolean pushesToAll : List.of(true, false)) {
            wire(config.toBuilder().originPushesToAll(pushesToAll).build());
            receive(A, new Gossip(m, 5, payload), MS);
            List<PlumtreeOutput> out = receive(origin, new IHave(List.of(new Announcement(m, 1))), 2 * MS);
            if (pushesToAll) {
                assertThat(out).as("a shortcut of 4 hops").contains(new Send(origin, new Graft(origin, List.of())));
            } else {
                assertThat(out).as("the origin keeps eagerFanout peers and would leave us lazy")
                        .noneMatch(o -> o instanceof Send s && s.message() instanceof Graft);
            }
        }
    }
}

package io.plumtree.engine.state;

import io.plumtree.engine.NodeId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicatedStateTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");

    private static final StateConfig CONFIG = StateConfig.local().toBuilder()
            .tombstoneGrace(Duration.ofSeconds(10))
            .deadNodeGrace(Duration.ofSeconds(20))
            .build();

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    @Test
    void everyWriteTakesTheNodesNextVersionAndReplicates() {
        StateHarness h = new StateHarness(CONFIG, 1, "a", "b", "c");
        h.handle("a", new StateInput.Set("k", "1"));
        h.handle("a", new StateInput.Set("j", "2"));
        h.handle("a", new StateInput.Set("k", "3"));
        h.handle("a", new StateInput.Delete("j"));
        assertThat(h.changes("a")).extracting(StateOutput.KeyChanged::version).containsExactly(1L, 2L, 3L, 4L);
        assertThat(h.core("a").maxVersion(A)).isEqualTo(4);

        h.runFor(seconds(2));
        for (String n : List.of("b", "c")) {
            assertThat(h.core(n).value(A, "k")).isEqualTo("3");
            assertThat(h.core(n).value(A, "j")).isNull();
            assertThat(h.core(n).maxVersion(A)).isEqualTo(4);
        }
    }

    @Test
    void versionsStartAtTheFirstVersionAndOnlyGrow() {
        ReplicatedState core = new ReplicatedState(A, CONFIG, new SplittableRandom(1), 1_000);
        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            StateInput input = i % 3 == 2 ? new StateInput.Delete("k" + (i % 4)) : new StateInput.Set("k" + (i % 4), "v" + i);
            core.handle(input, 0, o -> { });
            versions.add(core.maxVersion(A));
        }
        assertThat(versions.get(0)).isEqualTo(1_000);
        for (int i = 1; i < versions.size(); i++) {
            assertThat(versions.get(i)).isGreaterThanOrEqualTo(versions.get(i - 1));
        }
        assertThat(core.lastGcVersion(A)).as("versions of an earlier run count as collected").isEqualTo(999);
    }

    @Test
    void aKeyWithATimeToLiveIsDeletedByItsOwnerEverywhere() {
        StateHarness h = new StateHarness(CONFIG, 2, "a", "b");
        h.handle("a", new StateInput.Set("lease", "x", Duration.ofSeconds(5)));
        h.handle("a", new StateInput.Set("keep", "y"));
        h.runFor(seconds(4));
        assertThat(h.core("b").value(A, "lease")).isEqualTo("x");
        h.runFor(seconds(2));
        assertThat(h.core("a").value(A, "lease")).isNull();
        assertThat(h.core("b").value(A, "lease")).isNull();
        assertThat(h.core("b").value(A, "keep")).isEqualTo("y");
        assertThat(h.changes("b")).filteredOn(c -> c.key().equals("lease")).extracting(StateOutput.KeyChanged::newValue)
                .containsExactly("x", null);
    }

    @Test
    void aRewrittenKeyOutlivesTheTimeToLiveOfItsEarlierWrite() {
        StateHarness h = new StateHarness(CONFIG, 3, "a", "b");
        h.handle("a", new StateInput.Set("lease", "x", Duration.ofSeconds(5)));
        h.runFor(seconds(3));
        h.handle("a", new StateInput.Set("lease", "x2"));
        h.runFor(seconds(10));
        assertThat(h.core("b").value(A, "lease")).isEqualTo("x2");
    }

    @Test
    void tombstonesAreCollectedAfterTheirGraceEverywhere() {
        StateHarness h = new StateHarness(CONFIG, 4, "a", "b");
        h.handle("a", new StateInput.Set("k", "v"));
        h.runFor(seconds(1));
        h.handle("a", new StateInput.Delete("k"));
        long deleteVersion = h.core("a").maxVersion(A);
        h.runFor(seconds(1));
        assertThat(h.core("a").pendingTombstones()).isEqualTo(1);
        assertThat(h.core("b").pendingTombstones()).isEqualTo(1);
        assertThat(h.core("b").lastGcVersion(A)).isZero();

        h.runFor(seconds(11));
        assertThat(h.core("a").pendingTombstones()).isZero();
        assertThat(h.core("b").pendingTombstones()).isZero();
        assertThat(h.core("a").lastGcVersion(A)).isEqualTo(deleteVersion);
        assertThat(h.core("b").lastGcVersion(A)).isEqualTo(deleteVersion);
        assertThat(h.core("a").stats().tombstonesCollected()).isEqualTo(1);
        assertThat(h.core("b").value(A, "k")).isNull();
    }

    @Test
    void aPeerBehindACollectionIsResetInsteadOfResurrectingTheDeletedKey() {
        StateHarness h = new StateHarness(CONFIG, 5, "a", "b", "c");
        h.handle("a", new StateInput.Set("gone", "1"));
        h.handle("a", new StateInput.Set("kept", "2"));
        h.runFor(seconds(2));
        assertThat(h.core("c").value(A, "gone")).isEqualTo("1");

        h.cutOff("c");
        h.handle("a", new StateInput.Delete("gone"));
        h.handle("a", new StateInput.Set("new", "3"));
        h.runFor(seconds(15)); // a and b learn the delete and collect its tombstone; c hears nothing
        assertThat(h.core("a").lastGcVersion(A)).isPositive();
        assertThat(h.core("b").lastGcVersion(A)).isPositive();
        assertThat(h.core("c").value(A, "gone")).isEqualTo("1");

        h.reconnect("c");
        h.runFor(seconds(3));
        for (String n : List.of("a", "b", "c")) {
            assertThat(h.core(n).value(A, "gone")).as(n).isNull();
            assertThat(h.core(n).value(A, "kept")).as(n).isEqualTo("2");
            assertThat(h.core(n).value(A, "new")).as(n).isEqualTo("3");
        }
        assertThat(h.core("c").stats().resets()).isPositive();
        assertThat(h.changes("c")).filteredOn(c -> c.key().equals("gone"))
                .extracting(StateOutput.KeyChanged::oldValue, StateOutput.KeyChanged::newValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "1"),
                        org.assertj.core.groups.Tuple.tuple("1", null));
        assertThat(h.changes("c")).filteredOn(c -> c.key().equals("kept")).hasSize(1);
    }

    @Test
    void subscriptionsSeeOnlyTheirPrefixWithOldAndNewValues() {
        ReplicatedState core = new ReplicatedState(A, CONFIG, new SplittableRandom(6));
        List<StateOutput> out = new ArrayList<>();
        core.handle(new StateInput.Subscribe(7, "svc/"), 0, out::add);
        core.handle(new StateInput.Subscribe(8, ""), 0, out::add);
        core.handle(new StateInput.Set("svc/http", "8080"), 0, out::add);
        core.handle(new StateInput.Set("load", "0.5"), 0, out::add);
        core.handle(new StateInput.Set("svc/http", "8081"), 0, out::add);
        core.handle(new StateInput.Set("svc/http", "8081"), 0, out::add); // same value: no change to report
        core.handle(new StateInput.Delete("svc/http"), 0, out::add);
        core.handle(new StateInput.Unsubscribe(8), 0, out::add);
        core.handle(new StateInput.Set("svc/grpc", "9090"), 0, out::add);
        assertThat(out).containsExactly(
                new StateOutput.KeyChanged(7, A, "svc/http", null, "8080", 1),
                new StateOutput.KeyChanged(8, A, "svc/http", null, "8080", 1),
                new StateOutput.KeyChanged(8, A, "load", null, "0.5", 2),
                new StateOutput.KeyChanged(7, A, "svc/http", "8080", "8081", 3),
                new StateOutput.KeyChanged(8, A, "svc/http", "8080", "8081", 3),
                new StateOutput.KeyChanged(7, A, "svc/http", "8081", null, 5),
                new StateOutput.KeyChanged(8, A, "svc/http", "8081", null, 5),
                new StateOutput.KeyChanged(7, A, "svc/grpc", null, "9090", 6));
    }

    @Test
    void remoteChangesReachSubscribersWithTheirOwner() {
        StateHarness h = new StateHarness(CONFIG, 7, "a", "b");
        h.handle("b", new StateInput.Subscribe(1, "svc/"));
        h.handle("a", new StateInput.Set("svc/http", "8080"));
        h.handle("a", new StateInput.Set("other", "x"));
        h.runFor(seconds(1));
        h.handle("a", new StateInput.Set("svc/http", "8081"));
        h.runFor(seconds(1));
        assertThat(h.changes("b")).filteredOn(c -> c.subscription() == 1)
                .extracting(StateOutput.KeyChanged::node, StateOutput.KeyChanged::key,
                        StateOutput.KeyChanged::oldValue, StateOutput.KeyChanged::newValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(A, "svc/http", null, "8080"),
                        org.assertj.core.groups.Tuple.tuple(A, "svc/http", "8080", "8081"));
    }

    @Test
    void aDeadMembersStateIsKeptFrozenForTheGraceThenDropped() {
        StateHarness h = new StateHarness(CONFIG, 8, "a", "b", "c");
        h.handle("a", new StateInput.Set("k", "v"));
        h.runFor(seconds(1));
        h.handle("b", new StateInput.PeerDown(A));
        h.handle("a", new StateInput.Set("k", "v2")); // c still takes a for alive and may relay this to b
        h.runFor(seconds(15));
        assertThat(h.core("b").value(A, "k")).as("frozen: deltas about a dead member are ignored").isEqualTo("v");
        assertThat(h.core("b").snapshot().nodes().get(A).alive()).isFalse();
        assertThat(h.core("c").value(A, "k")).isEqualTo("v2");

        h.runFor(seconds(6));
        assertThat(h.core("b").holds(A)).isFalse();
        assertThat(h.core("b").value(A, "k")).isNull();
        assertThat(h.changes("b")).last().isEqualTo(new StateOutput.KeyChanged(0, A, "k", "v", null, 1));
        h.runFor(seconds(5));
        assertThat(h.core("b").holds(A)).as("a dropped state does not come back through a peer").isFalse();
    }

    @Test
    void aMemberBackWithinTheGraceKeepsItsStateAndCatchesUp() {
        StateHarness h = new StateHarness(CONFIG, 9, "a", "b", "c");
        h.handle("a", new StateInput.Set("k", "v"));
        h.runFor(seconds(1));
        h.handle("b", new StateInput.PeerDown(A));
        h.handle("a", new StateInput.Set("k", "v2"));
        h.runFor(seconds(5));
        h.handle("b", new StateInput.PeerUp(A));
        h.runFor(seconds(30));
        assertThat(h.core("b").holds(A)).isTrue();
        assertThat(h.core("b").value(A, "k")).isEqualTo("v2");
    }

    @Test
    void aLeftMembersStateIsDroppedAtOnce() {
        StateHarness h = new StateHarness(CONFIG, 10, "a", "b", "c");
        h.handle("a", new StateInput.Set("k", "v"));
        h.runFor(seconds(1));
        h.handle("b", new StateInput.PeerLeft(A));
        assertThat(h.core("b").holds(A)).isFalse();
        assertThat(h.changes("b")).last().isEqualTo(new StateOutput.KeyChanged(0, A, "k", "v", null, 1));
        h.runFor(seconds(5));
        assertThat(h.core("b").holds(A)).isFalse();
        assertThat(h.core("b").stats().ignored()).as("c's deltas about a are ignored at b").isPositive();
    }

    @Test
    void aDeltaStaysWithinItsByteBoundAndTheRestFollowsInLaterRounds() {
        StateConfig config = CONFIG.toBuilder().maxDeltaBytes(4_096).maxValueBytes(512).build();
        ReplicatedState a = new ReplicatedState(A, config, new SplittableRandom(11));
        a.handle(new StateInput.PeerUp(B), 0, o -> { });
        for (int i = 0; i < 100; i++) {
            a.handle(new StateInput.Set("key-" + i, "v".repeat(100)), 0, o -> { });
        }
        List<StateOutput> out = new ArrayList<>();
        a.handle(new StateInput.Received(B, new StateMessage.Syn(new Digest(List.of()))), 0, out::add);
        StateMessage.SynAck synAck = (StateMessage.SynAck) ((StateOutput.Send) out.get(0)).message();
        assertThat(synAck.delta().encodedSize()).isLessThanOrEqualTo(4_096).isGreaterThan(4_096 - 200);
        NodeDelta d = synAck.delta().nodes().get(0);
        assertThat(d.fromVersion()).isZero();
        assertThat(d.toVersion()).as("a cut node delta ends at its last entry").isEqualTo(d.entries().size())
                .isLessThan(100);

        StateHarness h = new StateHarness(config, 12, "a", "b");
        for (int i = 0; i < 100; i++) {
            h.handle("a", new StateInput.Set("key-" + i, "v".repeat(100)));
        }
        h.runFor(seconds(0.15));
        assertThat(h.core("b").maxVersion(A)).isBetween(1L, 99L);
        h.runFor(seconds(3));
        assertThat(h.core("b").maxVersion(A)).isEqualTo(100);
        assertThat(h.core("b").value(A, "key-99")).isEqualTo("v".repeat(100));
    }

    @Test
    void theMostStaleNodesGoFirst() {
        StateConfig config = CONFIG.toBuilder().maxDeltaBytes(1_200).maxValueBytes(64).build();
        ReplicatedState a = new ReplicatedState(A, config, new SplittableRandom(13));
        a.handle(new StateInput.PeerUp(B), 0, o -> { });
        a.handle(new StateInput.PeerUp(C), 0, o -> { });
        // a holds c up to 20 and b up to 2
        a.handle(new StateInput.Received(C, new StateMessage.Ack(new Delta(List.of(
                nodeDelta(C, 20), nodeDelta(B, 2))))), 0, o -> { });
        assertThat(a.maxVersion(C)).isEqualTo(20);
        List<StateOutput> out = new ArrayList<>();
        Digest peer = new Digest(List.of(new NodeDigest(A, 0, 0), new NodeDigest(B, 0, 0), new NodeDigest(C, 0, 0)));
        a.handle(new StateInput.Received(B, new StateMessage.Syn(peer)), 0, out::add);
        StateMessage.SynAck synAck = (StateMessage.SynAck) ((StateOutput.Send) out.get(0)).message();
        assertThat(synAck.delta().nodes()).extracting(NodeDelta::node).containsExactly(C, B);
    }

    private static NodeDelta nodeDelta(NodeId node, int versions) {
        List<VersionedValue> entries = new ArrayList<>();
        for (int v = 1; v <= versions; v++) {
            entries.add(new VersionedValue("k" + v, "value-" + v, v));
        }
        return new NodeDelta(node, 0, versions, 0, entries);
    }

    @Test
    void deltasAboutThisNodeOrWithAGapAreIgnored() {
        ReplicatedState a = new ReplicatedState(A, CONFIG, new SplittableRandom(14));
        a.handle(new StateInput.PeerUp(B), 0, o -> { });
        a.handle(new StateInput.Set("mine", "1"), 0, o -> { });
        Delta forged = new Delta(List.of(
                new NodeDelta(A, 0, 9, 0, List.of(new VersionedValue("mine", "forged", 9))),
                new NodeDelta(B, 5, 9, 0, List.of(new VersionedValue("k", "v", 9)))));
        a.handle(new StateInput.Received(B, new StateMessage.Ack(forged)), 0, o -> { });
        assertThat(a.value(A, "mine")).isEqualTo("1");
        assertThat(a.maxVersion(A)).isEqualTo(1);
        assertThat(a.value(B, "k")).isNull();
        assertThat(a.maxVersion(B)).isZero();
        assertThat(a.stats().ignored()).isEqualTo(1);
        assertThat(a.stats().gaps()).isEqualTo(1);
    }

    @Test
    void localWritesBeyondTheLimitsAreRefusedBeforeAnyOutput() {
        StateConfig config = CONFIG.toBuilder().maxKeyBytes(8).maxValueBytes(8).maxKeysPerNode(2)
                .maxDeltaBytes(4_096).build();
        ReplicatedState a = new ReplicatedState(A, config, new SplittableRandom(15));
        List<StateOutput> out = new ArrayList<>();
        a.handle(new StateInput.Subscribe(1, ""), 0, out::add);
        assertThatThrownBy(() -> a.handle(new StateInput.Set("123456789", "v"), 0, out::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxKeyBytes");
        assertThatThrownBy(() -> a.handle(new StateInput.Set("k", "é".repeat(5)), 0, out::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxValueBytes");
        a.handle(new StateInput.Set("k1", "v"), 0, out::add);
        a.handle(new StateInput.Set("k2", "v"), 0, out::add);
        a.handle(new StateInput.Set("k2", "w"), 0, out::add);
        assertThatThrownBy(() -> a.handle(new StateInput.Set("k3", "v"), 0, out::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxKeysPerNode");
        assertThat(out).hasSize(3);
        assertThat(a.maxVersion(A)).isEqualTo(3);
    }

    @Test
    void remoteEntriesBeyondTheLimitsAreRefusedAndCounted() {
        StateConfig config = CONFIG.toBuilder().maxKeysPerNode(2).build();
        ReplicatedState a = new ReplicatedState(A, config, new SplittableRandom(16));
        a.handle(new StateInput.PeerUp(B), 0, o -> { });
        a.handle(new StateInput.Received(B, new StateMessage.Ack(new Delta(List.of(nodeDelta(B, 3))))), 0,
                o -> { });
        assertThat(a.maxVersion(B)).as("holds the prefix it accepted").isEqualTo(2);
        assertThat(a.stats().rejected()).isEqualTo(1);
    }

    @Test
    void theSnapshotShowsLiveKeysOfEveryNodeHeld() {
        StateHarness h = new StateHarness(CONFIG, 17, "a", "b");
        h.handle("a", new StateInput.Set("x", "1"));
        h.handle("a", new StateInput.Set("y", "2"));
        h.handle("a", new StateInput.Delete("y"));
        h.handle("b", new StateInput.Set("z", "3"));
        h.runFor(seconds(1));
        StateSnapshot s = h.core("b").snapshot();
        assertThat(s.nodes().keySet()).containsExactly(A, B);
        assertThat(s.nodes().get(A).values()).containsExactly(java.util.Map.entry("x", "1"));
        assertThat(s.nodes().get(A).maxVersion()).isEqualTo(3);
        assertThat(s.value(B, "z")).isEqualTo("3");
    }

    @Test
    void aRoundSendsOneSynToEachOfFanoutDistinctPeers() {
        StateConfig config = CONFIG.toBuilder().fanout(3).build();
        ReplicatedState a = new ReplicatedState(A, config, new SplittableRandom(18));
        for (int i = 0; i < 10; i++) {
            a.handle(new StateInput.PeerUp(NodeId.of("p" + i)), 0, o -> { });
        }
        for (int round = 0; round < 20; round++) {
            List<NodeId> to = new ArrayList<>();
            a.handle(new StateInput.TimerFired(new StateTimer.GossipTick()), 0, o -> {
                if (o instanceof StateOutput.Send s) {
                    assertThat(s.message()).isInstanceOf(StateMessage.Syn.class);
                    to.add(s.to());
                }
            });
            assertThat(to).hasSize(3).doesNotHaveDuplicates().doesNotContain(A);
        }
    }
}

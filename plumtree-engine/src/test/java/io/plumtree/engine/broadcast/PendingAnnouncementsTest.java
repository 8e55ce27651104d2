package io.plumtree.engine.broadcast;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage.Announcement;
import io.plumtree.engine.broadcast.PlumtreeMessage.IHave;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs shared by the lazy peers of a tree, split per peer at the flush. */
class PendingAnnouncementsTest {

    private static final NodeId A = NodeId.of("a");
    private static final NodeId B = NodeId.of("b");
    private static final NodeId C = NodeId.of("c");
    private static final NodeId ORIGIN = NodeId.of("origin");
    private static final NodeId OTHER = NodeId.of("other");

    private static List<Map.Entry<NodeId, IHave>> drain(PendingAnnouncements pending) {
        List<Map.Entry<NodeId, IHave>> sent = new ArrayList<>();
        pending.drain((peer, ihave) -> sent.add(Map.entry(peer, ihave)));
        return sent;
    }

    private static IHave ihave(Announcement... runs) {
        return new IHave(List.of(runs));
    }

    @Test
    void oneRunServesEveryLazyPeerExceptTheSender() {
        PendingAnnouncements pending = new PendingAnnouncements(16, 64);
        NodeId[] lazy = {A, B, C};
        for (long seq = 1; seq <= 100; seq++) {
            pending.add(lazy, B, ORIGIN, seq, 2);
        }
        IHave all = ihave(new Announcement(ORIGIN, 1, 100, 2));
        assertThat(drain(pending)).containsExactly(Map.entry(A, all), Map.entry(C, all));
        assertThat(pending.isEmpty()).isTrue();
        assertThat(drain(pending)).isEmpty();
    }

    @Test
    void aChangedLazySetStartsANewRunSoEachPeerHearsOnlyWhatItWasLazyFor() {
        PendingAnnouncements pending = new PendingAnnouncements(16, 64);
        NodeId[] before = {A, B};
        NodeId[] after = {A, C};
        pending.add(before, null, ORIGIN, 1, 1);
        pending.add(before, null, ORIGIN, 2, 1);
        pending.add(after, null, ORIGIN, 3, 1);
        pending.add(new NodeId[]{A, C}, null, ORIGIN, 4, 1); // equal contents, another array: the same run
        assertThat(drain(pending)).containsExactly(
                Map.entry(A, ihave(new Announcement(ORIGIN, 1, 2, 1), new Announcement(ORIGIN, 3, 4, 1))),
                Map.entry(B, ihave(new Announcement(ORIGIN, 1, 2, 1))),
                Map.entry(C, ihave(new Announcement(ORIGIN, 3, 4, 1))));
    }

    @Test
    void anotherSenderOrHopCountOrAGapStartsANewRunAndOriginsInterleave() {
        PendingAnnouncements pending = new PendingAnnouncements(16, 64);
        NodeId[] lazy = {A};
        pending.add(lazy, null, ORIGIN, 1, 1);
        pending.add(lazy, null, OTHER, 1, 1);
        pending.add(lazy, null, ORIGIN, 2, 1);
        pending.add(lazy, null, OTHER, 2, 1);
        pending.add(lazy, null, ORIGIN, 3, 4);
        pending.add(lazy, C, ORIGIN, 4, 4);
        pending.add(lazy, C, ORIGIN, 6, 4);
        assertThat(drain(pending)).containsExactly(Map.entry(A, ihave(
                new Announcement(ORIGIN, 1, 2, 1), new Announcement(OTHER, 1, 2, 1), new Announcement(ORIGIN, 3, 3, 4),
                new Announcement(ORIGIN, 4, 4, 4), new Announcement(ORIGIN, 6, 6, 4))));
    }

    @Test
    void theOldestRunIsDroppedPastTheBoundAndCountedPerPeer() {
        PendingAnnouncements pending = new PendingAnnouncements(2, 64);
        NodeId[] lazy = {A, B, C};
        pending.add(lazy, C, ORIGIN, 1, 1);
        pending.add(lazy, C, ORIGIN, 2, 1);
        pending.add(lazy, C, ORIGIN, 4, 1);
        pending.add(lazy, C, ORIGIN, 6, 1);
        assertThat(pending.dropped()).as("messages 1 and 2, each for A and B").isEqualTo(4);
        IHave rest = ihave(new Announcement(ORIGIN, 4, 4, 1), new Announcement(ORIGIN, 6, 6, 1));
        assertThat(drain(pending)).containsExactly(Map.entry(A, rest), Map.entry(B, rest));
    }

    @Test
    void aForgottenPeerIsToldNothingAndBatchesAreSplitAtTheBatchSize() {
        PendingAnnouncements pending = new PendingAnnouncements(16, 2);
        NodeId[] lazy = {A, B};
        for (long seq = 1; seq <= 9; seq += 2) {
            pending.add(lazy, null, ORIGIN, seq, 1);
        }
        pending.forget(B);
        pending.add(A, OTHER, 1, 3);
        assertThat(drain(pending)).containsExactly(
                Map.entry(A, ihave(new Announcement(ORIGIN, 1, 1, 1), new Announcement(ORIGIN, 3, 3, 1))),
                Map.entry(A, ihave(new Announcement(ORIGIN, 5, 5, 1), new Announcement(ORIGIN, 7, 7, 1))),
                Map.entry(A, ihave(new Announcement(ORIGIN, 9, 9, 1), new Announcement(OTHER, 1, 1, 3))));
    }
}

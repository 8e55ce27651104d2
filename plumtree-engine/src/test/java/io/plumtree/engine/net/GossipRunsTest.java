package io.plumtree.engine.net;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.node.Frame;
import io.plumtree.engine.wire.DropCounters;
import io.plumtree.engine.wire.FrameCodec;
import io.plumtree.engine.wire.WireLimits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GossipRunsTest {

    private static final NodeId SELF = NodeId.of("self");

    private final GossipRuns runs = new GossipRuns(SELF);
    /** What {@link GossipRuns#release} sent: peer, then frame. */
    private final List<String> peers = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();

    private static Frame.Broadcast own(long sequence, int payloadBytes) {
        return new Frame.Broadcast(SELF, new PlumtreeMessage.Gossip(new MessageId(SELF, sequence), 1,
                new byte[payloadBytes]));
    }

    private void push(Frame.Broadcast frame, String... to) {
        for (String peer : to) {
            assertThat(runs.holds(frame)).isTrue();
            runs.add(peer, frame);
        }
    }

    private void release() {
        runs.release((peer, frame) -> {
            peers.add(peer);
            frames.add(frame);
        });
    }

    /** The sequences the frames sent to {@code peer} carry, in the order sent. */
    private List<Long> sequencesTo(String peer) {
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            if (!peers.get(i).equals(peer)) {
                continue;
            }
            PlumtreeMessage m = ((Frame.Broadcast) frames.get(i)).message();
            if (m instanceof PlumtreeMessage.Gossip g) {
                sequences.add(g.id().sequence());
            } else {
                PlumtreeMessage.GossipRun run = (PlumtreeMessage.GossipRun) m;
                for (int k = 0; k < run.payloads().size(); k++) {
                    sequences.add(run.gossip(k).id().sequence());
                }
            }
        }
        return sequences;
    }

    @Test
    void consecutiveBroadcastsToTheSamePeersLeaveAsOneRunPerPeer() {
        List<byte[]> payloads = new ArrayList<>();
        for (long s = 1; s <= 10; s++) {
            Frame.Broadcast f = own(s, 100);
            payloads.add(((PlumtreeMessage.Gossip) f.message()).payload());
            push(f, "a", "b");
        }
        release();

        assertThat(peers).containsExactly("a", "b");
        assertThat(frames.get(0)).isSameAs(frames.get(1)); // one frame object, encoded once for both
        PlumtreeMessage.GossipRun run = (PlumtreeMessage.GossipRun) ((Frame.Broadcast) frames.get(0)).message();
        assertThat(run.origin()).isEqualTo(SELF);
        assertThat(run.firstSequence()).isEqualTo(1);
        assertThat(run.hops()).isEqualTo(1);
        assertThat(run.payloads()).containsExactlyElementsOf(payloads); // the same arrays, not copies
        assertThat(runs.isEmpty()).isTrue();
    }

    @Test
    void aMessageAloneGoesAsTheFrameTheCoreMade() {
        Frame.Broadcast f = own(7, 10);
        push(f, "a");
        release();
        assertThat(frames).containsExactly(f);
    }

    @Test
    void aDifferentSetOfPeersEndsARunAndEveryPeerKeepsPushOrder() {
        push(own(1, 10), "a", "b");
        push(own(2, 10), "a", "b");
        push(own(3, 10), "a");
        push(own(4, 10), "a", "b");
        push(own(5, 10), "b", "a"); // same peers, another order: another run
        release();

        assertThat(frames).hasSize(7);
        assertThat(sequencesTo("a")).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(sequencesTo("b")).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void aGapInSequencesOrAnotherHopCountEndsARun() {
        push(own(1, 10), "a");
        push(own(2, 10), "a");
        push(own(4, 10), "a");
        push(new Frame.Broadcast(SELF, new PlumtreeMessage.Gossip(new MessageId(SELF, 5), 3, new byte[1])), "a");
        release();

        assertThat(frames).hasSize(3);
        assertThat(sequencesTo("a")).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void runsStayWithinTheirMessageAndByteBounds() {
        for (long s = 1; s <= GossipRuns.MAX_RUN_MESSAGES + 1; s++) {
            push(own(s, 1), "a");
        }
        release();
        assertThat(frames).hasSize(2);

        frames.clear();
        peers.clear();
        int perMessage = GossipRuns.MAX_RUN_BYTES / 4 - 4; // four fill a run exactly, lengths counted
        for (long s = 100; s < 109; s++) {
            push(own(s, perMessage), "a");
        }
        push(own(109, GossipRuns.MAX_RUN_BYTES + 1), "a"); // larger than a run: alone
        release();
        assertThat(frames).hasSize(4); // 4 + 4 + 1, then the large one
        for (Frame f : frames) {
            PlumtreeMessage m = ((Frame.Broadcast) f).message();
            if (m instanceof PlumtreeMessage.GossipRun run) {
                assertThat(run.payloads().stream().mapToLong(p -> 4 + p.length).sum())
                        .isLessThanOrEqualTo(GossipRuns.MAX_RUN_BYTES);
            }
        }
        assertThat(sequencesTo("a")).containsExactly(100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L);
    }

    @Test
    void underALowFrameLimitRunsAreShorterAndEveryFrameEncodes() {
        WireLimits limits = new WireLimits(1_500, 1_000 + WireLimits.MAX_GOSSIP_FRAME_OVERHEAD, 1_000, 4_096, 4_096,
                100_000);
        GossipRuns small = new GossipRuns(SELF, GossipRuns.maxRunBytes(limits));
        for (long s = 1; s <= 50; s++) {
            small.add("a", own(s, 100));
        }
        small.add("a", own(51, 1_000)); // the largest payload the limits allow: alone
        small.release((peer, frame) -> frames.add(frame));

        FrameCodec codec = new FrameCodec(SELF.name(), limits, new DropCounters());
        for (Frame f : frames) {
            assertThat(codec.encode(f).remaining()).as("%s", f).isLessThanOrEqualTo(limits.maxFrameBytes() + 4);
        }
        assertThat(frames).as("nine 100-byte payloads per run, then the rest, then the large one alone").hasSize(7);
    }

    @Test
    void asksForAReleaseOnceEnoughPayloadIsHeld() {
        int perMessage = 1_000;
        long s = 1;
        while (true) {
            Frame.Broadcast f = own(s++, perMessage);
            boolean full = runs.add("a", f);
            if (full) {
                break;
            }
            assertThat(s).isLessThan(1_000);
        }
        assertThat((long) runs.heldMessages() * perMessage).isGreaterThanOrEqualTo(GossipRuns.MAX_HELD_BYTES)
                .isLessThan(GossipRuns.MAX_HELD_BYTES + perMessage);
    }

    @Test
    void relayedGossipFormsRunsOfItsOwnOriginOnly() {
        NodeId other = NodeId.of("other");
        push(relayed(other, 1), "a");
        push(relayed(other, 2), "a");
        push(own(3, 10), "a"); // the next sequence, but another origin: another run
        release();

        assertThat(frames).hasSize(2);
        PlumtreeMessage.GossipRun run = (PlumtreeMessage.GossipRun) ((Frame.Broadcast) frames.get(0)).message();
        assertThat(run.origin()).isEqualTo(other);
        assertThat(run.firstSequence()).isEqualTo(1);
        assertThat(run.hops()).isEqualTo(2);
        assertThat(((Frame.Broadcast) frames.get(0)).from()).isEqualTo(SELF);
        assertThat(((Frame.Broadcast) frames.get(1)).message()).isInstanceOf(PlumtreeMessage.Gossip.class);
    }

    private static Frame.Broadcast relayed(NodeId origin, long sequence) {
        return new Frame.Broadcast(SELF, new PlumtreeMessage.Gossip(new MessageId(origin, sequence), 2, new byte[10]));
    }

    @Test
    void asksForAReleaseAfterSoManyMessagesHoweverSmall() {
        for (long s = 1; s < GossipRuns.MAX_HELD_MESSAGES; s++) {
            assertThat(runs.add("a", own(s, 0))).isFalse();
        }
        assertThat(runs.add("a", own(GossipRuns.MAX_HELD_MESSAGES, 0))).isTrue();
        release();
        assertThat(sequencesTo("a")).hasSize(GossipRuns.MAX_HELD_MESSAGES);
        assertThat(frames).hasSize(GossipRuns.MAX_HELD_MESSAGES / GossipRuns.MAX_RUN_MESSAGES);
    }

    @Test
    void holdsOnlyTheGossipThisNodeSends() {
        NodeId other = NodeId.of("other");
        assertThat(runs.holds(relayed(other, 1))).as("relayed gossip").isTrue();
        assertThat(runs.holds(new Frame.Broadcast(other, new PlumtreeMessage.Gossip(new MessageId(other, 1), 2,
                new byte[1])))).as("a frame another node sends").isFalse();
        assertThat(runs.holds(new Frame.Broadcast(SELF, new PlumtreeMessage.Prune(SELF)))).isFalse();
        assertThat(runs.holds(new Frame.Hello("127.0.0.1:1"))).isFalse();
        assertThat(runs.holds(own(1, 1))).isTrue();
    }
}

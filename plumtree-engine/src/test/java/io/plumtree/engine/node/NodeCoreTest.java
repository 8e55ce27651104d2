package io.plumtree.engine.node;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.Plumtree;
import io.plumtree.engine.broadcast.PlumtreeConfig;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.broadcast.PlumtreeTimer;
import io.plumtree.engine.membership.MemberState;
import io.plumtree.engine.membership.Swim;
import io.plumtree.engine.membership.SwimConfig;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.membership.SwimOutput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The wiring of membership to broadcast, one node driven input by input. */
class NodeCoreTest {

    private static final NodeId SELF = NodeId.of("self");
    private static final NodeId PEER = NodeId.of("peer");
    private static final long MS = 1_000_000L;

    private final NodeCore core = new NodeCore(
            new Swim(SELF, "self:7946", new byte[0], SwimConfig.lan(), new SplittableRandom(1)),
            new Plumtree(SELF, PlumtreeConfig.lan(), new SplittableRandom(2)));

    private List<NodeOutput> handle(NodeInput input, long now) {
        List<NodeOutput> out = new ArrayList<>();
        core.handle(input, now, out::add);
        return out;
    }

    private static <T> List<T> only(List<NodeOutput> out, Class<T> type) {
        return out.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The peer's join push-pull: it now knows us, and we learn it is alive at peer:7946. */
    private List<NodeOutput> peerJoins(long now) {
        SwimMessage.PushPull join = new SwimMessage.PushPull(false, true, List.of(
                new SwimMessage.NodeState(PEER, "peer:7946", 1, MemberState.ALIVE, new byte[0])));
        return handle(new NodeInput.FrameReceived("peer:7946", new Frame.Membership(join)), now);
    }

    @Test
    void aJoinedMemberBecomesABroadcastNeighbourAndPayloadsGoToItsAddress() {
        handle(new NodeInput.Start(), 0);
        List<NodeOutput> out = peerJoins(10 * MS);
        assertThat(only(out, NodeOutput.MembershipChanged.class)).extracting(m -> m.event().kind())
                .containsExactly(SwimOutput.MemberEvent.Kind.JOINED);
        assertThat(only(out, NodeOutput.SendFrame.class)).as("the push-pull reply goes back over the stream")
                .anySatisfy(f -> assertThat(f.frame()).isInstanceOf(Frame.Membership.class));
        assertThat(core.broadcast().neighbourEagerPeers()).containsExactly(PEER);

        List<NodeOutput> sent = handle(new NodeInput.Broadcast(new byte[]{7}), 20 * MS);
        assertThat(only(sent, NodeOutput.Delivered.class)).hasSize(1);
        assertThat(only(sent, NodeOutput.SendFrame.class)).singleElement().satisfies(f -> {
            assertThat(f.toAddress()).isEqualTo("peer:7946");
            assertThat(f.frame()).isInstanceOfSatisfying(Frame.Broadcast.class, b -> {
                assertThat(b.from()).isEqualTo(SELF);
                assertThat(b.message()).isInstanceOf(PlumtreeMessage.Gossip.class);
            });
        });
    }

    @Test
    void aBroadcastFrameIsDeliveredWithItsOriginAndTimersComeBackTagged() {
        handle(new NodeInput.Start(), 0);
        peerJoins(0);
        io.plumtree.engine.MessageId id = new io.plumtree.engine.MessageId(PEER, 1);
        List<NodeOutput> out = handle(new NodeInput.FrameReceived("peer:7946",
                new Frame.Broadcast(PEER, new PlumtreeMessage.Gossip(id, 1, new byte[]{1}))), 5 * MS);
        assertThat(only(out, NodeOutput.Delivered.class)).singleElement()
                .satisfies(d -> assertThat(d.delivery().id()).isEqualTo(id));
        List<NodeOutput> flush = handle(new NodeInput.TimerFired(
                new NodeTimer.Broadcast(new PlumtreeTimer.FlushAnnouncements())), 100 * MS);
        assertThat(flush).allSatisfy(o -> assertThat(o).isNotInstanceOf(NodeOutput.Delivered.class));
    }

    @Test
    void aFailedMemberStopsBeingANeighbourAndGetsNoMorePayloads() {
        handle(new NodeInput.Start(), 0);
        peerJoins(0);
        SwimMessage.Dead dead = new SwimMessage.Dead(1, PEER, NodeId.of("someone"));
        List<NodeOutput> out = handle(new NodeInput.PacketReceived("x:1", List.of(dead)), 10 * MS);
        assertThat(only(out, NodeOutput.MembershipChanged.class)).extracting(m -> m.event().kind())
                .containsExactly(SwimOutput.MemberEvent.Kind.FAILED);
        assertThat(core.broadcast().neighbourEagerPeers()).isEmpty();
        assertThat(only(handle(new NodeInput.Broadcast(new byte[]{1}), 20 * MS), NodeOutput.SendFrame.class))
                .isEmpty();
    }

    @Test
    void aPayloadForAPeerMembershipDoesNotKnowIsDroppedAndCounted() {
        handle(new NodeInput.Start(), 0);
        NodeId ghost = NodeId.of("ghost");
        handle(new NodeInput.FrameReceived("ghost:1", new Frame.Broadcast(ghost,
                new PlumtreeMessage.Graft(SELF, List.of()))), 0);
        List<NodeOutput> out = handle(new NodeInput.Broadcast(new byte[]{1}), MS);
        assertThat(only(out, NodeOutput.SendFrame.class)).as("no address for the grafting stranger").isEmpty();
        assertThat(core.unroutable()).isEqualTo(1);
    }

    @Test
    void oversizedBroadcastsAreRefusedBeforeAnythingIsSent() {
        List<NodeOutput> out = new ArrayList<>();
        assertThatThrownBy(() -> core.handle(new NodeInput.Broadcast(new byte[(1 << 20) + 1]), 0, out::add))
                .isInstanceOf(io.plumtree.engine.broadcast.PayloadTooLargeException.class);
        assertThat(out).isEmpty();
    }

    @Test
    void theTwoCoresMustShareTheName() {
        assertThatThrownBy(() -> new NodeCore(
                new Swim(SELF, "self:1", new byte[0], SwimConfig.lan(), new SplittableRandom(1)),
                new Plumtree(PEER, PlumtreeConfig.lan(), new SplittableRandom(1))))
                .isInstanceOf(IllegalStateException.class);
    }
}

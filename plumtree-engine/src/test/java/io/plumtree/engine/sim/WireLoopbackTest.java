package io.plumtree.engine.sim;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.node.Frame;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WireLoopbackTest {

    private final WireLoopback wire = new WireLoopback(1_400);

    @Test
    void datagramsRoundTripAndTheirWireSizeIsKnown() {
        List<SwimMessage> sent = List.of(new SwimMessage.Ping(7, NodeId.of("b")),
                new SwimMessage.Suspect(3, NodeId.of("c"), NodeId.of("a")));
        List<SwimMessage> received = wire.carry(sent);
        assertThat(received).isEqualTo(sent);
        int messages = sent.stream().mapToInt(SwimMessage::encodedSize).sum();
        assertThat(wire.lastBytes()).isGreaterThan(messages);
    }

    @Test
    void framesRoundTrip() {
        byte[] payload = {1, 2, 3};
        Frame sent = new Frame.Broadcast(NodeId.of("a"),
                new PlumtreeMessage.Gossip(new MessageId(NodeId.of("a"), 1), 1, payload));
        Frame received = wire.carry(sent);
        assertThat(received).isInstanceOfSatisfying(Frame.Broadcast.class, b -> {
            assertThat(b.from()).isEqualTo(NodeId.of("a"));
            PlumtreeMessage.Gossip g = (PlumtreeMessage.Gossip) b.message();
            assertThat(g.payload()).containsExactly(1, 2, 3);
        });
    }

    @Test
    void aPacketOverTheBudgetFailsTheRun() {
        List<SwimMessage> tooMany = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tooMany.add(new SwimMessage.Suspect(1, NodeId.of("member-" + i), NodeId.of("accuser")));
        }
        assertThatThrownBy(() -> wire.carry(tooMany)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exceeds the packet budget of 1400");
    }
}

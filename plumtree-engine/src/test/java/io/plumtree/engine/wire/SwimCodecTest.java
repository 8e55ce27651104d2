package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.membership.MemberState;
import io.plumtree.engine.membership.SwimMessage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static io.plumtree.engine.wire.WireAssertions.assertDecodedTo;
import static io.plumtree.engine.wire.WireAssertions.assertDropped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwimCodecTest {

    private final SwimCodec codec = new SwimCodec(WireLimits.defaults());

    @Test
    void everyTypeRoundTripsAtExactlyItsEncodedSize() {
        for (long seed = 0; seed < 300; seed++) {
            for (SwimMessage m : new WireSamples(seed).everySwimMessage()) {
                ByteBuffer bytes = codec.encode(m);
                assertThat(bytes.remaining()).as("seed=%d %s", seed, m).isEqualTo(m.encodedSize());
                assertDecodedTo(codec.decode(bytes), m);
                assertThat(bytes.position()).as("decode leaves the buffer alone").isZero();
            }
        }
    }

    @Test
    void typeBytesAreTheDocumentedConstants() {
        NodeId n = NodeId.of("n");
        List<SwimMessage> messages = List.of(new SwimMessage.Ping(1, n), new SwimMessage.IndirectPing(1, n, "a", true),
                new SwimMessage.Ack(1), new SwimMessage.Nack(1), new SwimMessage.Suspect(1, n, n),
                new SwimMessage.Alive(1, n, "a", new byte[0]), new SwimMessage.Dead(1, n, n),
                new SwimMessage.PushPull(false, false, List.of()));
        int[] types = {SwimCodec.PING, SwimCodec.INDIRECT_PING, SwimCodec.ACK, SwimCodec.NACK, SwimCodec.SUSPECT,
                SwimCodec.ALIVE, SwimCodec.DEAD, SwimCodec.PUSH_PULL};
        assertThat(types).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        for (int i = 0; i < messages.size(); i++) {
            assertThat(codec.encode(messages.get(i)).get(0)).isEqualTo((byte) types[i]);
        }
    }

    @Test
    void layoutIsTheDocumentedOne() {
        SwimMessage ping = new SwimMessage.IndirectPing(0x0102030405060708L, NodeId.of("bé"), "h:1", true);
        byte[] expected = RawBytes.of().u8(2).i64(0x0102030405060708L).u16(3).raw((byte) 'b', (byte) 0xC3,
                (byte) 0xA9).str("h:1").u8(1).bytes();
        assertThat(RawBytes.toArray(codec.encode(ping))).containsExactly(expected);

        SwimMessage.NodeState state = new SwimMessage.NodeState(NodeId.of("a"), "x", 7, MemberState.LEFT,
                new byte[]{9});
        SwimMessage pushPull = new SwimMessage.PushPull(true, false, List.of(state));
        byte[] expectedPushPull = RawBytes.of().u8(8).u8(1).u8(0).i32(1)
                .str("a").str("x").i64(7).u8(3).i32(1).u8(9).bytes();
        assertThat(RawBytes.toArray(codec.encode(pushPull))).containsExactly(expectedPushPull);
    }

    @Test
    void everyProperPrefixIsTruncated() {
        for (SwimMessage m : new WireSamples(42).everySwimMessage()) {
            byte[] bytes = RawBytes.toArray(codec.encode(m));
            for (int length = 0; length < bytes.length; length++) {
                assertDropped(codec.decode(ByteBuffer.wrap(bytes, 0, length)), DropReason.TRUNCATED);
            }
        }
    }

    @Test
    void bytesAfterTheMessageAreTrailing() {
        byte[] bytes = RawBytes.toArray(codec.encode(new SwimMessage.Ack(5)));
        assertDropped(codec.decode(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length + 1))),
                DropReason.TRAILING_BYTES);
    }

    @Test
    void unknownTypesAreDropped() {
        for (int type : new int[]{0, 9, 127, 255}) {
            assertDropped(codec.decode(RawBytes.of().u8(type).i64(1).buffer()), DropReason.UNKNOWN_TYPE);
        }
    }

    @Test
    void valuesARecordRefusesAreInvalidFields() {
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.PING).i64(1).str(" ").buffer()),
                DropReason.INVALID_FIELD);
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.PING).i64(1).str("").buffer()),
                DropReason.INVALID_FIELD);
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.PING).i64(1).str("n".repeat(256)).buffer()),
                DropReason.INVALID_FIELD);
    }

    @Test
    void malformedScalarsAreInvalidFields() {
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.PING).i64(1).u16(2).u8(0xC3).u8(0x28).buffer()),
                DropReason.INVALID_FIELD);
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.INDIRECT_PING).i64(1).str("t").str("a").u8(2)
                .buffer()), DropReason.INVALID_FIELD);
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.PUSH_PULL).u8(0).u8(0).i32(1)
                .str("a").str("x").i64(7).u8(4).i32(0).buffer()), DropReason.INVALID_FIELD);
    }

    @Test
    void lengthsOverTheirLimitsAreTooLarge() {
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.PING).i64(1).str("漢".repeat(256)).buffer()),
                DropReason.TOO_LARGE);
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.ALIVE).i64(1).str("n")
                .str("h".repeat(WireLimits.MAX_ADDRESS_BYTES + 1)).i32(0).buffer()), DropReason.TOO_LARGE);
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.ALIVE).i64(1).str("n").str("h").i32(-1).buffer()),
                DropReason.TOO_LARGE);
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.ALIVE).i64(1).str("n").str("h")
                .i32(Integer.MAX_VALUE).buffer()), DropReason.TRUNCATED);
    }

    @Test
    void countsAreBoundedBeforeAllocating() {
        int max = WireLimits.defaults().maxPushPullStates();
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.PUSH_PULL).u8(0).u8(0).i32(max + 1).buffer()),
                DropReason.TOO_MANY_ELEMENTS);
        assertDropped(codec.decode(RawBytes.of().u8(SwimCodec.PUSH_PULL).u8(0).u8(0).i32(-1).buffer()),
                DropReason.TOO_MANY_ELEMENTS);
        long allocated = AllocationMeter.bytesAllocatedBy(() -> assertDropped(
                codec.decode(RawBytes.of().u8(SwimCodec.PUSH_PULL).u8(0).u8(0).i32(max).buffer()),
                DropReason.TRUNCATED));
        assertThat(allocated).as("a count the bytes cannot hold allocates no list").isLessThan(64 * 1024);
    }

    @Test
    void encoderRefusesWhatPeersWouldDrop() {
        SwimMessage longAddress = new SwimMessage.Alive(1, NodeId.of("n"),
                "h".repeat(WireLimits.MAX_ADDRESS_BYTES + 1), new byte[0]);
        assertThatThrownBy(() -> codec.encode(longAddress)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address");
        SwimCodec small = new SwimCodec(new WireLimits(1500, 8 << 20, 1 << 20, 10, 10, 1));
        SwimMessage.NodeState s = new SwimMessage.NodeState(NodeId.of("a"), "x", 1, MemberState.ALIVE, new byte[0]);
        assertThatThrownBy(() -> small.encode(new SwimMessage.PushPull(false, false, List.of(s, s))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("push-pull");
    }
}

package io.plumtree.engine.wire;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.node.Frame;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.plumtree.engine.wire.WireAssertions.assertDecodedTo;
import static io.plumtree.engine.wire.WireAssertions.assertDropped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameCodecTest {

    private static final String LABEL = "ラベル";

    private final DropCounters counters = new DropCounters();
    private final FrameCodec codec = new FrameCodec(LABEL, WireLimits.defaults(), counters);

    /** Frames of every message type, with random fields. */
    static List<Frame> everyFrame(WireSamples samples) {
        List<Frame> frames = new ArrayList<>();
        for (SwimMessage m : samples.everySwimMessage()) {
            frames.add(new Frame.Membership(m));
        }
        for (PlumtreeMessage m : samples.everyPlumtreeMessage()) {
            frames.add(new Frame.Broadcast(samples.nodeId(), m));
        }
        frames.add(new Frame.Hello(samples.address()));
        for (io.plumtree.engine.state.StateMessage m : samples.everyStateMessage()) {
            frames.add(new Frame.State(samples.nodeId(), m));
        }
        return frames;
    }

    @Test
    void everyFrameRoundTripsAtItsEncodedSize() {
        for (long seed = 0; seed < 200; seed++) {
            for (Frame f : everyFrame(new WireSamples(seed))) {
                ByteBuffer bytes = codec.encode(f);
                assertThat((long) bytes.remaining()).isEqualTo(codec.encodedSize(f));
                assertThat(bytes.getInt(0)).as("length prefix").isEqualTo(bytes.remaining() - 4);
                assertDecodedTo(codec.decode(bytes), f);
            }
        }
        assertThat(counters.total()).isZero();
    }

    @Test
    void layoutIsPrefixEnvelopeThenMessage() {
        Frame membership = new Frame.Membership(new SwimMessage.Ack(9));
        assertThat(RawBytes.toArray(codec.encode(membership))).containsExactly(
                RawBytes.envelope(Envelope.KIND_MEMBERSHIP_FRAME, LABEL).u8(SwimCodec.ACK).i64(9).framed());
        Frame broadcast = new Frame.Broadcast(NodeId.of("s"), new PlumtreeMessage.Prune(NodeId.of("r")));
        assertThat(RawBytes.toArray(codec.encode(broadcast))).containsExactly(
                RawBytes.envelope(Envelope.KIND_BROADCAST_FRAME, LABEL).str("s").u8(PlumtreeCodec.PRUNE).str("r")
                        .framed());
        Frame hello = new Frame.Hello("10.0.0.7:7946");
        assertThat(RawBytes.toArray(codec.encode(hello))).containsExactly(
                RawBytes.envelope(Envelope.KIND_HELLO_FRAME, LABEL).str("10.0.0.7:7946").framed());
    }

    @Test
    void everyProperPrefixIsTruncatedAndExtraBytesAreTrailing() {
        for (Frame f : everyFrame(new WireSamples(11))) {
            byte[] frame = RawBytes.toArray(codec.encode(f));
            for (int length = 0; length < frame.length; length++) {
                assertDropped(codec.decode(ByteBuffer.wrap(frame, 0, length)), DropReason.TRUNCATED);
            }
            assertDropped(codec.decode(ByteBuffer.wrap(Arrays.copyOf(frame, frame.length + 1))),
                    DropReason.TRAILING_BYTES);
        }
    }

    @Test
    void aBodyShorterThanItsContentIsTruncatedAndLongerIsTrailing() {
        assertDropped(codec.decode(ByteBuffer.wrap(RawBytes.envelope(Envelope.KIND_MEMBERSHIP_FRAME, LABEL)
                .u8(SwimCodec.ACK).i32(1).framed())), DropReason.TRUNCATED);
        assertDropped(codec.decode(ByteBuffer.wrap(RawBytes.envelope(Envelope.KIND_MEMBERSHIP_FRAME, LABEL)
                .u8(SwimCodec.ACK).i64(1).u8(0).framed())), DropReason.TRAILING_BYTES);
    }

    @Test
    void headerFaultsAreDropped() {
        byte[] foreign = RawBytes.toArray(new FrameCodec("other", WireLimits.defaults(), new DropCounters())
                .encode(new Frame.Membership(new SwimMessage.Ack(1))));
        assertDropped(codec.decode(ByteBuffer.wrap(foreign)), DropReason.FOREIGN_LABEL);
        assertDropped(codec.decode(ByteBuffer.wrap(RawBytes.of().u8(0x50).u8(0x55).u8(1).u8(2).str8(LABEL)
                .framed())), DropReason.BAD_MAGIC);
        assertDropped(codec.decode(ByteBuffer.wrap(RawBytes.of().u8(0x50).u8(0x54).u8(0).u8(2).str8(LABEL)
                .framed())), DropReason.UNKNOWN_VERSION);
        assertDropped(codec.decode(ByteBuffer.wrap(RawBytes.envelope(Envelope.KIND_PACKET, LABEL).u16(0)
                .framed())), DropReason.UNKNOWN_TYPE);
        assertDropped(codec.decode(ByteBuffer.wrap(RawBytes.envelope(9, LABEL).framed())),
                DropReason.UNKNOWN_TYPE);
        assertDropped(codec.decode(ByteBuffer.wrap(RawBytes.envelope(Envelope.KIND_BROADCAST_FRAME, LABEL)
                .str("s").u8(99).framed())), DropReason.UNKNOWN_TYPE);
        assertDropped(codec.decode(ByteBuffer.wrap(RawBytes.envelope(Envelope.KIND_BROADCAST_FRAME, LABEL)
                .str(" ").u8(PlumtreeCodec.NEIGHBOR).framed())), DropReason.INVALID_FIELD);
        assertThat(counters.total()).isEqualTo(7);
    }

    @Test
    void aHugeDeclaredLengthIsRefusedWithoutAllocating() {
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            assertDropped(codec.decode(RawBytes.of().i32(Integer.MAX_VALUE).buffer()), DropReason.TOO_LARGE);
            assertDropped(codec.decode(RawBytes.of().i32(0x80000000).buffer()), DropReason.TOO_LARGE);
            assertDropped(codec.decode(RawBytes.of().i32((8 << 20) + 1).buffer()), DropReason.TOO_LARGE);
        });
        assertThat(allocated).isLessThan(64 * 1024);
    }

    @Test
    void encoderRefusesFramesOverTheLimit() {
        WireLimits small = new WireLimits(1500, 4096, 1024, 4096, 4096, 100_000);
        FrameCodec smallCodec = new FrameCodec(LABEL, small, counters);
        List<MessageId> ids = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            ids.add(new MessageId(NodeId.of("root"), i));
        }
        Frame big = new Frame.Broadcast(NodeId.of("s"), new PlumtreeMessage.Graft(NodeId.of("root"), ids));
        assertThatThrownBy(() -> smallCodec.encode(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximum is 4096");
        assertThatThrownBy(() -> smallCodec.encode(big, ByteBuffer.allocate(1 << 20)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLargestPayloadFitsTheSmallestAllowedFrame() {
        WireLimits tight = new WireLimits(1500, 1000 + WireLimits.MAX_GOSSIP_FRAME_OVERHEAD, 1000, 1, 1, 1);
        FrameCodec c = new FrameCodec("l".repeat(255), tight, counters);
        NodeId longest = NodeId.of("漢".repeat(NodeId.MAX_LENGTH));
        Frame f = new Frame.Broadcast(longest, new PlumtreeMessage.Gossip(new MessageId(longest, Long.MAX_VALUE),
                Integer.MAX_VALUE, new byte[1000]));
        assertThat(c.encodedSize(f)).isEqualTo(4L + tight.maxFrameBytes() - Sealer.OVERHEAD);
        assertDecodedTo(c.decode(c.encode(f)), f);
        FrameCodec sealed = new FrameCodec("l".repeat(255), tight, counters,
                Sealing.with(Keyring.of(new byte[32]), nonce -> nonce[0]++));
        assertThat(sealed.encodedSize(f)).isEqualTo(4L + tight.maxFrameBytes());
        assertDecodedTo(sealed.decode(sealed.encode(f)), f);
    }
}

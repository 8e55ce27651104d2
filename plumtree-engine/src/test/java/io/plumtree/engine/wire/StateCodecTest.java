package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.state.Delta;
import io.plumtree.engine.state.Digest;
import io.plumtree.engine.state.NodeDelta;
import io.plumtree.engine.state.NodeDigest;
import io.plumtree.engine.state.StateMessage;
import io.plumtree.engine.state.VersionedValue;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static io.plumtree.engine.wire.WireAssertions.assertDecodedTo;
import static io.plumtree.engine.wire.WireAssertions.assertDropped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateCodecTest {

    private final WireLimits limits = WireLimits.defaults();
    private final StateCodec codec = new StateCodec(limits);

    @Test
    void everyTypeRoundTripsAtExactlyItsEncodedSize() {
        for (long seed = 0; seed < 300; seed++) {
            for (StateMessage m : new WireSamples(seed).everyStateMessage()) {
                ByteBuffer bytes = codec.encode(m);
                assertThat(bytes.remaining()).as("seed=%d %s", seed, m).isEqualTo(m.encodedSize());
                assertDecodedTo(codec.decode(bytes), m);
            }
        }
    }

    @Test
    void layoutIsTheDocumentedOne() {
        Digest digest = new Digest(List.of(new NodeDigest(NodeId.of("a"), 7, 2)));
        assertThat(RawBytes.toArray(codec.encode(new StateMessage.Syn(digest))))
                .containsExactly(RawBytes.of().u8(1).i32(1).str("a").i64(7).i64(2).bytes());
        Delta delta = new Delta(List.of(new NodeDelta(NodeId.of("b"), 3, 9, 1, List.of(
                new VersionedValue("k", "vé", 4), new VersionedValue("x", null, 9)))));
        byte[] deltaBytes = RawBytes.of().i32(1).str("b").i64(3).i64(9).i64(1).i32(2)
                .str("k").i64(4).u8(0).i32(3).raw((byte) 'v', (byte) 0xC3, (byte) 0xA9)
                .str("x").i64(9).u8(1).bytes();
        assertThat(RawBytes.toArray(codec.encode(new StateMessage.Ack(delta))))
                .containsExactly(RawBytes.of().u8(3).raw(deltaBytes).bytes());
        assertThat(RawBytes.toArray(codec.encode(new StateMessage.SynAck(digest, Delta.EMPTY))))
                .containsExactly(RawBytes.of().u8(2).i32(1).str("a").i64(7).i64(2).i32(0).bytes());
    }

    @Test
    void everyProperPrefixIsTruncated() {
        for (StateMessage m : new WireSamples(7).everyStateMessage()) {
            byte[] bytes = RawBytes.toArray(codec.encode(m));
            for (int length = 0; length < bytes.length; length++) {
                assertDropped(codec.decode(ByteBuffer.wrap(bytes, 0, length)), DropReason.TRUNCATED);
            }
        }
    }

    @Test
    void trailingBytesAndUnknownTypesAreDropped() {
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.ACK).i32(0).u8(0).buffer()),
                DropReason.TRAILING_BYTES);
        assertDropped(codec.decode(RawBytes.of().u8(0).buffer()), DropReason.UNKNOWN_TYPE);
        assertDropped(codec.decode(RawBytes.of().u8(4).buffer()), DropReason.UNKNOWN_TYPE);
    }

    @Test
    void valuesARecordRefusesAreInvalidFields() {
        // negative version in a digest
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.SYN).i32(1).str("a").i64(-1).i64(0).buffer()),
                DropReason.INVALID_FIELD);
        // blank node name
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.SYN).i32(1).str(" ").i64(1).i64(0).buffer()),
                DropReason.INVALID_FIELD);
        // toVersion below fromVersion
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.ACK).i32(1).str("b").i64(5).i64(4).i64(0).i32(0)
                .buffer()), DropReason.INVALID_FIELD);
        // entry versions not ascending
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.ACK).i32(1).str("b").i64(0).i64(9).i64(0).i32(2)
                .str("k").i64(5).u8(1).str("j").i64(5).u8(1).buffer()), DropReason.INVALID_FIELD);
        // entry above toVersion
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.ACK).i32(1).str("b").i64(0).i64(4).i64(0).i32(1)
                .str("k").i64(5).u8(1).buffer()), DropReason.INVALID_FIELD);
        // deletion flag other than 0 or 1
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.ACK).i32(1).str("b").i64(0).i64(5).i64(0).i32(1)
                .str("k").i64(5).u8(2).buffer()), DropReason.INVALID_FIELD);
        // malformed UTF-8 in a value
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.ACK).i32(1).str("b").i64(0).i64(5).i64(0).i32(1)
                .str("k").i64(5).u8(0).i32(1).raw((byte) 0xC3).buffer()), DropReason.INVALID_FIELD);
    }

    @Test
    void countsAndValuesAreBoundedBeforeAllocating() {
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.SYN).i32(limits.maxPushPullStates() + 1).buffer()),
                DropReason.TOO_MANY_ELEMENTS);
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.ACK).i32(-1).buffer()),
                DropReason.TOO_MANY_ELEMENTS);
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.ACK).i32(1).str("b").i64(0).i64(5).i64(0)
                .i32(StateCodec.MAX_ENTRIES_PER_NODE + 1).buffer()), DropReason.TOO_MANY_ELEMENTS);
        assertDropped(codec.decode(RawBytes.of().u8(StateCodec.ACK).i32(1).str("b").i64(0).i64(5).i64(0).i32(1)
                .str("k").i64(5).u8(0).i32(limits.maxPayloadBytes() + 1).buffer()), DropReason.TOO_LARGE);
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            assertDropped(codec.decode(RawBytes.of().u8(StateCodec.SYN).i32(limits.maxPushPullStates()).buffer()),
                    DropReason.TRUNCATED);
            assertDropped(codec.decode(RawBytes.of().u8(StateCodec.ACK).i32(1).str("b").i64(0).i64(5).i64(0)
                    .i32(1).str("k").i64(5).u8(0).i32(limits.maxPayloadBytes()).buffer()), DropReason.TRUNCATED);
        });
        assertThat(allocated).as("declared sizes the bytes cannot hold allocate nothing").isLessThan(64 * 1024);
    }

    @Test
    void encoderRefusesWhatPeersWouldDrop() {
        StateCodec small = new StateCodec(new WireLimits(1500, 1 << 20, 16, 1, 1, 1));
        Digest two = new Digest(List.of(new NodeDigest(NodeId.of("a"), 1, 0), new NodeDigest(NodeId.of("b"), 1, 0)));
        assertThatThrownBy(() -> small.encode(new StateMessage.Syn(two)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("digest");
        Delta big = new Delta(List.of(new NodeDelta(NodeId.of("a"), 0, 1, 0,
                List.of(new VersionedValue("k", "v".repeat(17), 1)))));
        assertThatThrownBy(() -> small.encode(new StateMessage.Ack(big)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("value");
    }
}

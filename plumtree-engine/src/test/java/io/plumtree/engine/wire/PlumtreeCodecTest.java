package io.plumtree.engine.wire;

import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static io.plumtree.engine.wire.WireAssertions.assertDecodedTo;
import static io.plumtree.engine.wire.WireAssertions.assertDropped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlumtreeCodecTest {

    private final WireLimits limits = WireLimits.defaults();
    private final PlumtreeCodec codec = new PlumtreeCodec(limits);

    @Test
    void everyTypeRoundTripsAtExactlyItsEncodedSize() {
        for (long seed = 0; seed < 300; seed++) {
            for (PlumtreeMessage m : new WireSamples(seed).everyPlumtreeMessage()) {
                ByteBuffer bytes = codec.encode(m);
                assertThat(bytes.remaining()).as("seed=%d %s", seed, m).isEqualTo(codec.encodedSize(m));
                assertDecodedTo(codec.decode(bytes), m);
            }
        }
    }

    @Test
    void layoutIsTheDocumentedOne() {
        PlumtreeMessage gossip = new PlumtreeMessage.Gossip(new MessageId(NodeId.of("o"), 5), 2, new byte[]{7, 8});
        assertThat(RawBytes.toArray(codec.encode(gossip)))
                .containsExactly(RawBytes.of().u8(1).str("o").i64(5).i32(2).i32(2).u8(7).u8(8).bytes());
        PlumtreeMessage run = new PlumtreeMessage.GossipRun(NodeId.of("o"), 5, 2,
                List.of(new byte[]{7, 8}, new byte[0], new byte[]{9}));
        assertThat(RawBytes.toArray(codec.encode(run))).containsExactly(RawBytes.of().u8(8).str("o").i64(5).i32(2)
                .i32(3).i32(2).u8(7).u8(8).i32(0).i32(1).u8(9).bytes());
        assertDropped(codec.decode(RawBytes.of().u8(8).str("o").i64(5).i32(2).i32(0).buffer()),
                DropReason.INVALID_FIELD); // a run of no messages
        PlumtreeMessage ihave = new PlumtreeMessage.IHave(
                List.of(new PlumtreeMessage.Announcement(NodeId.of("o"), 5, 900, 3)));
        assertThat(RawBytes.toArray(codec.encode(ihave)))
                .containsExactly(RawBytes.of().u8(2).i32(1).str("o").i64(5).i64(900).i32(3).bytes());
        assertDropped(codec.decode(RawBytes.of().u8(2).i32(1).str("o").i64(900).i64(5).i32(3).buffer()),
                DropReason.INVALID_FIELD);
        PlumtreeMessage graft = new PlumtreeMessage.Graft(NodeId.of("o"), List.of(new MessageId(NodeId.of("o"), 9)));
        assertThat(RawBytes.toArray(codec.encode(graft)))
                .containsExactly(RawBytes.of().u8(3).str("o").i32(1).str("o").i64(9).bytes());
        assertThat(RawBytes.toArray(codec.encode(new PlumtreeMessage.Prune(NodeId.of("o")))))
                .containsExactly(RawBytes.of().u8(4).str("o").bytes());
        assertThat(RawBytes.toArray(codec.encode(new PlumtreeMessage.Neighbor()))).containsExactly(5);
        PlumtreeMessage digest = new PlumtreeMessage.Digest(
                List.of(new PlumtreeMessage.DigestRun(NodeId.of("o"), 3, 7, 250)));
        assertThat(RawBytes.toArray(codec.encode(digest)))
                .containsExactly(RawBytes.of().u8(6).i32(1).str("o").i64(3).i64(7).i32(250).bytes());
        assertDropped(codec.decode(RawBytes.of().u8(6).i32(1).str("o").i64(7).i64(3).i32(0).buffer()),
                DropReason.INVALID_FIELD);
        assertThat(RawBytes.toArray(codec.encode(new PlumtreeMessage.Ack(NodeId.of("o"), 4_096))))
                .containsExactly(RawBytes.of().u8(7).str("o").i64(4_096).bytes());
        assertDropped(codec.decode(RawBytes.of().u8(7).str("o").i64(0).buffer()), DropReason.INVALID_FIELD);
    }

    @Test
    void everyProperPrefixIsTruncated() {
        for (PlumtreeMessage m : new WireSamples(7).everyPlumtreeMessage()) {
            byte[] bytes = RawBytes.toArray(codec.encode(m));
            for (int length = 0; length < bytes.length; length++) {
                assertDropped(codec.decode(ByteBuffer.wrap(bytes, 0, length)), DropReason.TRUNCATED);
            }
        }
    }

    @Test
    void trailingBytesAndUnknownTypesAreDropped() {
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.NEIGHBOR).u8(0).buffer()),
                DropReason.TRAILING_BYTES);
        assertDropped(codec.decode(RawBytes.of().u8(0).buffer()), DropReason.UNKNOWN_TYPE);
        assertDropped(codec.decode(RawBytes.of().u8(9).buffer()), DropReason.UNKNOWN_TYPE);
    }

    @Test
    void valuesARecordRefusesAreInvalidFields() {
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.GOSSIP).str("o").i64(1).i32(0).i32(0).buffer()),
                DropReason.INVALID_FIELD);
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.GOSSIP).str("o").i64(-3).i32(1).i32(0).buffer()),
                DropReason.INVALID_FIELD);
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.GOSSIP).str("\t").i64(1).i32(1).i32(0).buffer()),
                DropReason.INVALID_FIELD);
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.IHAVE).i32(0).buffer()),
                DropReason.INVALID_FIELD);
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.IHAVE).i32(1).str("o").i64(1).i64(1).i32(-1)
                .buffer()), DropReason.INVALID_FIELD);
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.GRAFT).str("a").i32(1).str("b").i64(1).buffer()),
                DropReason.INVALID_FIELD);
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.PRUNE).str(" ").buffer()),
                DropReason.INVALID_FIELD);
    }

    @Test
    void countsAndPayloadsAreBoundedBeforeAllocating() {
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.IHAVE).i32(limits.maxAnnouncements() + 1)
                .buffer()), DropReason.TOO_MANY_ELEMENTS);
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.GRAFT).str("a").i32(limits.maxGraftIds() + 1)
                .buffer()), DropReason.TOO_MANY_ELEMENTS);
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.GRAFT).str("a").i32(Integer.MIN_VALUE)
                .buffer()), DropReason.TOO_MANY_ELEMENTS);
        assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.GOSSIP).str("o").i64(1).i32(1)
                .i32(limits.maxPayloadBytes() + 1).buffer()), DropReason.TOO_LARGE);
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.GOSSIP).str("o").i64(1).i32(1)
                    .i32(limits.maxPayloadBytes()).buffer()), DropReason.TRUNCATED);
            assertDropped(codec.decode(RawBytes.of().u8(PlumtreeCodec.IHAVE).i32(limits.maxAnnouncements())
                    .buffer()), DropReason.TRUNCATED);
        });
        assertThat(allocated).as("declared sizes the bytes cannot hold allocate nothing").isLessThan(64 * 1024);
    }

    @Test
    void encoderRefusesWhatPeersWouldDrop() {
        PlumtreeCodec small = new PlumtreeCodec(new WireLimits(1500, 1 << 20, 16, 1, 1, 10));
        MessageId id = new MessageId(NodeId.of("o"), 1);
        assertThatThrownBy(() -> small.encode(new PlumtreeMessage.Gossip(id, 1, new byte[17])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload");
        PlumtreeMessage.Announcement a = new PlumtreeMessage.Announcement(id, 1);
        assertThatThrownBy(() -> small.encode(new PlumtreeMessage.IHave(List.of(a, a))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IHave");
        assertThatThrownBy(() -> small.encode(new PlumtreeMessage.Graft(NodeId.of("o"), List.of(id, id))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Graft");
    }

    @Test
    void payloadIsCopiedOutOfTheInput() {
        byte[] bytes = RawBytes.toArray(codec.encode(new PlumtreeMessage.Gossip(
                new MessageId(NodeId.of("o"), 1), 1, new byte[]{1, 2, 3})));
        PlumtreeMessage.Gossip g = (PlumtreeMessage.Gossip) ((Decoded.Ok<PlumtreeMessage>) codec.decode(
                ByteBuffer.wrap(bytes))).value();
        Arrays.fill(bytes, (byte) 0);
        assertThat(g.payload()).containsExactly(1, 2, 3);
    }
}

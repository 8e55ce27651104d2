package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.membership.SwimMessage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.plumtree.engine.wire.WireAssertions.assertDecodedTo;
import static io.plumtree.engine.wire.WireAssertions.assertDropped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketCodecTest {

    private static final String LABEL = "prod-eu";

    private final DropCounters counters = new DropCounters();
    private final PacketCodec codec = new PacketCodec(LABEL, WireLimits.defaults(), counters);

    /** Random small messages up to the SWIM packet budget of 1400 bytes. */
    private static List<SwimMessage> budgetFull(WireSamples samples) {
        List<SwimMessage> messages = new ArrayList<>();
        int size = 0;
        while (true) {
            SwimMessage m = samples.smallSwimMessage();
            if (size + m.encodedSize() > 1400) {
                return messages;
            }
            size += m.encodedSize();
            messages.add(m);
        }
    }

    @Test
    void aFullPacketBudgetRoundTripsWithinTheDefaultDatagram() {
        for (long seed = 0; seed < 200; seed++) {
            List<SwimMessage> messages = budgetFull(new WireSamples(seed));
            byte[] packet = codec.encode(messages);
            assertThat(packet.length).isEqualTo(codec.headerBytes() + messages.stream()
                    .mapToInt(SwimMessage::encodedSize).sum()).isLessThanOrEqualTo(1500);
            assertDecodedTo(codec.decode(ByteBuffer.wrap(packet)), messages);
        }
        assertThat(counters.total()).isZero();
    }

    @Test
    void everyTypeWithLongUnicodeFieldsRoundTripsInALargeDatagram() {
        PacketCodec large = new PacketCodec("クラスタ", new WireLimits(WireLimits.MAX_UDP_PAYLOAD, 8 << 20, 1 << 20,
                4096, 4096, 100_000), counters);
        for (long seed = 0; seed < 50; seed++) {
            List<SwimMessage> messages = new WireSamples(seed).everySwimMessage();
            assertDecodedTo(large.decode(ByteBuffer.wrap(large.encode(messages))), messages);
        }
    }

    @Test
    void headerIsMagicVersionKindLabelCount() {
        byte[] packet = codec.encode(List.of(new SwimMessage.Ack(1)));
        byte[] expected = RawBytes.envelope(Envelope.KIND_PACKET, LABEL).u16(1).u8(SwimCodec.ACK).i64(1).bytes();
        assertThat(packet).containsExactly(expected);
        assertThat(codec.headerBytes()).isEqualTo(5 + LABEL.length() + 2);
    }

    @Test
    void emptyPacketAndEmptyLabelAreAllowed() {
        PacketCodec unlabelled = new PacketCodec("", WireLimits.defaults(), counters);
        assertDecodedTo(unlabelled.decode(ByteBuffer.wrap(unlabelled.encode(List.of()))), List.of());
        assertDropped(codec.decode(ByteBuffer.wrap(unlabelled.encode(List.of()))), DropReason.FOREIGN_LABEL);
    }

    @Test
    void foreignLabelBadMagicUnknownVersionAndKindAreDroppedAndCounted() {
        byte[] foreign = new PacketCodec("prod-us", WireLimits.defaults(), new DropCounters())
                .encode(List.of(new SwimMessage.Ack(1)));
        assertDropped(codec.decode(ByteBuffer.wrap(foreign)), DropReason.FOREIGN_LABEL);
        byte[] sameLengthForeign = new PacketCodec("prod-EU", WireLimits.defaults(), new DropCounters())
                .encode(List.of(new SwimMessage.Ack(1)));
        assertDropped(codec.decode(ByteBuffer.wrap(sameLengthForeign)), DropReason.FOREIGN_LABEL);

        byte[] good = codec.encode(List.of(new SwimMessage.Ack(1)));
        byte[] badMagic = good.clone();
        badMagic[1] = 0x55;
        assertDropped(codec.decode(ByteBuffer.wrap(badMagic)), DropReason.BAD_MAGIC);
        byte[] badVersion = good.clone();
        badVersion[2] = 1;
        assertDropped(codec.decode(ByteBuffer.wrap(badVersion)), DropReason.UNKNOWN_VERSION);
        byte[] frameKind = good.clone();
        frameKind[3] = Envelope.KIND_MEMBERSHIP_FRAME;
        assertDropped(codec.decode(ByteBuffer.wrap(frameKind)), DropReason.UNKNOWN_TYPE);

        assertThat(counters.get(DropReason.FOREIGN_LABEL)).isEqualTo(2);
        assertThat(counters.get(DropReason.BAD_MAGIC)).isEqualTo(1);
        assertThat(counters.get(DropReason.UNKNOWN_VERSION)).isEqualTo(1);
        assertThat(counters.get(DropReason.UNKNOWN_TYPE)).isEqualTo(1);
        assertThat(counters.total()).isEqualTo(5);
    }

    @Test
    void everyProperPrefixIsTruncatedAndExtraBytesAreTrailing() {
        List<SwimMessage> messages = budgetFull(new WireSamples(3));
        byte[] packet = codec.encode(messages);
        for (int length = 0; length < packet.length; length++) {
            assertDropped(codec.decode(ByteBuffer.wrap(packet, 0, length)), DropReason.TRUNCATED);
        }
        assertDropped(codec.decode(ByteBuffer.wrap(Arrays.copyOf(packet, packet.length + 1))),
                DropReason.TRAILING_BYTES);
        assertThat(counters.get(DropReason.TRUNCATED)).isEqualTo(packet.length);
    }

    @Test
    void aCountTheBytesCannotHoldIsTruncated() {
        byte[] packet = RawBytes.envelope(Envelope.KIND_PACKET, LABEL).u16(0xFFFF).u8(SwimCodec.ACK).i64(1).bytes();
        assertDropped(codec.decode(ByteBuffer.wrap(packet)), DropReason.TRUNCATED);
    }

    @Test
    void invalidFieldsInsideAPacketAreDropped() {
        byte[] packet = RawBytes.envelope(Envelope.KIND_PACKET, LABEL).u16(1).u8(SwimCodec.PING).i64(1).str(" ")
                .bytes();
        assertDropped(codec.decode(ByteBuffer.wrap(packet)), DropReason.INVALID_FIELD);
    }

    @Test
    void oversizedPacketsAreRefusedOnBothSides() {
        List<SwimMessage> tooMany = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tooMany.add(new SwimMessage.Ping(i, NodeId.of("node-" + i)));
        }
        assertThatThrownBy(() -> codec.encode(tooMany)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maximum datagram is 1500 bytes");
        assertDropped(codec.decode(ByteBuffer.allocate(1501)), DropReason.TOO_LARGE);
    }

    @Test
    void labelsAreBoundedTo255Bytes() {
        new PacketCodec("l".repeat(255), WireLimits.defaults(), counters);
        assertThatThrownBy(() -> new PacketCodec("é".repeat(128), WireLimits.defaults(), counters))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255");
    }
}

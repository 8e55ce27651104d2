package io.plumtree.engine.wire;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.node.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.plumtree.engine.wire.TestKeys.key;
import static io.plumtree.engine.wire.TestKeys.sealing;
import static io.plumtree.engine.wire.WireAssertions.assertDecodedTo;
import static io.plumtree.engine.wire.WireAssertions.assertDropped;
import static org.assertj.core.api.Assertions.assertThat;

/** Packets and frames sealed with a keyring: round trips, rotation, tampering, and the clear/sealed boundary. */
class SealedCodecTest {

    private static final String LABEL = "prod-eu";
    private static final WireLimits LIMITS = WireLimits.defaults();

    private final byte[] k1 = key(32, 1);
    private final byte[] k2 = key(16, 2);
    private final DropCounters counters = new DropCounters();

    private PacketCodec packets(Keyring keyring, int sender) {
        return new PacketCodec(LABEL, LIMITS, counters, sealing(keyring, sender));
    }

    private FrameCodec frames(Keyring keyring, int sender) {
        return new FrameCodec(LABEL, LIMITS, counters, sealing(keyring, sender));
    }

    private static List<SwimMessage> someMessages(long seed) {
        WireSamples samples = new WireSamples(seed);
        List<SwimMessage> messages = new ArrayList<>();
        for (int i = 0; i < 1 + seed % 5; i++) {
            messages.add(samples.smallSwimMessage());
        }
        return messages;
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 24, 32})
    void packetsAndFramesRoundTripWithEveryKeySize(int length) {
        Keyring ring = Keyring.of(key(length, length));
        PacketCodec packetCodec = packets(ring, 1);
        FrameCodec frameCodec = frames(ring, 2);
        for (long seed = 0; seed < 30; seed++) {
            List<SwimMessage> messages = someMessages(seed);
            byte[] packet = packetCodec.encode(messages);
            assertThat((long) packet.length).isEqualTo(packetCodec.encodedSize(messages))
                    .isEqualTo(new PacketCodec(LABEL, LIMITS, counters).encodedSize(messages) + 28);
            assertDecodedTo(packetCodec.decode(ByteBuffer.wrap(packet)), messages);
            for (Frame f : FrameCodecTest.everyFrame(new WireSamples(seed))) {
                ByteBuffer frame = frameCodec.encode(f);
                assertThat((long) frame.remaining()).isEqualTo(frameCodec.encodedSize(f))
                        .isEqualTo(new FrameCodec(LABEL, LIMITS, counters).encodedSize(f) + 28);
                assertThat(frame.getInt(0)).as("length prefix").isEqualTo(frame.remaining() - 4);
                assertDecodedTo(frameCodec.decode(frame), f);
            }
        }
        assertDecodedTo(packetCodec.decode(ByteBuffer.wrap(packetCodec.encode(List.of()))), List.of());
        assertThat(counters.total()).isZero();
    }

    @Test
    void layoutIsClearHeaderWithTheSealedBitThenNonceCiphertextTag() {
        Keyring ring = Keyring.of(k1);
        byte[] packet = packets(ring, 5).encode(List.of(new SwimMessage.Ack(1)));
        byte[] header = RawBytes.envelope(Envelope.KIND_PACKET | Sealer.SEALED_KIND, LABEL).bytes();
        assertThat(Arrays.copyOf(packet, header.length)).containsExactly(header);
        byte[] clearBody = RawBytes.of().u16(1).u8(SwimCodec.ACK).i64(1).bytes();
        assertThat(packet).hasSize(header.length + 12 + clearBody.length + 16);
        byte[] sealedBody = Arrays.copyOfRange(packet, header.length, packet.length);
        Decoded<byte[]> opened = new Sealer(ring, TestKeys.counting(0)).open(sealedBody, header);
        assertThat(((Decoded.Ok<byte[]>) opened).value()).containsExactly(clearBody);

        ByteBuffer frame = frames(ring, 6).encode(new Frame.Membership(new SwimMessage.Ack(9)));
        byte[] frameBytes = RawBytes.toArray(frame);
        byte[] frameHeader = RawBytes.envelope(Envelope.KIND_MEMBERSHIP_FRAME | Sealer.SEALED_KIND, LABEL).bytes();
        assertThat(frameBytes).hasSize(4 + frameHeader.length + 28 + 9);
        assertThat(Arrays.copyOfRange(frameBytes, 4, 4 + frameHeader.length)).containsExactly(frameHeader);
    }

    @Test
    void sizesAccountForTheSealingOverhead() {
        assertThat(packets(Keyring.of(k1), 1).headerBytes()).isEqualTo(5 + LABEL.length() + 2 + 28);
        PacketCodec longest = new PacketCodec("x".repeat(65), LIMITS, counters, sealing(Keyring.of(k1), 1));
        assertThat(1400 + longest.headerBytes()).isEqualTo(1500);
        List<SwimMessage> full = new ArrayList<>();
        for (int i = 0; i < 1400 / 9; i++) {
            full.add(new SwimMessage.Ack(i));
        }
        full.add(new SwimMessage.Nack(1)); // 155 × 9 + 9 = 1404: over the budget by 4, over the datagram by 4
        byte[] packet = new PacketCodec("x".repeat(61), LIMITS, counters, sealing(Keyring.of(k1), 1)).encode(full);
        assertThat(packet).hasSize(1500);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> longest.encode(full))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1504 bytes");
    }

    @Test
    void rotationOpensWithEveryKeyOfTheRing() {
        Frame f = new Frame.Broadcast(NodeId.of("s"), new PlumtreeMessage.Prune(NodeId.of("r")));
        Keyring old = Keyring.of(k1);
        ByteBuffer sealedWithK1 = frames(old, 1).encode(f);

        assertDecodedTo(frames(old, 2).decode(sealedWithK1.duplicate()), f);
        assertDecodedTo(frames(old.withSecondary(k2), 2).decode(sealedWithK1.duplicate()), f);
        Keyring rotated = old.withPrimary(k2);
        assertDecodedTo(frames(rotated, 2).decode(sealedWithK1.duplicate()), f);
        assertDropped(frames(rotated.without(k1), 2).decode(sealedWithK1.duplicate()), DropReason.FORGED);

        ByteBuffer sealedWithK2 = frames(rotated, 3).encode(f);
        assertDecodedTo(frames(old.withSecondary(k2), 2).decode(sealedWithK2.duplicate()), f);
        assertDropped(frames(old, 2).decode(sealedWithK2.duplicate()), DropReason.FORGED);

        List<SwimMessage> messages = someMessages(4);
        byte[] packet = packets(old, 1).encode(messages);
        assertDecodedTo(packets(rotated, 2).decode(ByteBuffer.wrap(packet)), messages);
        assertDropped(packets(rotated.without(k1), 2).decode(ByteBuffer.wrap(packet)), DropReason.FORGED);
        assertThat(counters.get(DropReason.FORGED)).isEqualTo(3);
    }

    @Test
    void flippingAnyBitOfASealedPacketDropsItWithoutThrowing() {
        PacketCodec codec = packets(Keyring.of(k1), 1);
        byte[] packet = codec.encode(someMessages(3));
        int header = 5 + LABEL.length();
        for (int i = 0; i < packet.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = packet.clone();
                bad[i] ^= (byte) (1 << bit);
                Decoded<List<SwimMessage>> decoded = codec.decode(ByteBuffer.wrap(bad));
                assertThat(decoded).as("byte %d bit %d", i, bit).isInstanceOf(Decoded.Dropped.class);
                if (i >= header || i == 3 && bit < 7) {
                    // body, or the kind changed to another sealed kind: authentication catches it
                    DropReason expected = i >= header ? DropReason.FORGED : DropReason.UNKNOWN_TYPE;
                    assertDropped(decoded, expected);
                }
            }
        }
        byte[] unsealedKind = packet.clone();
        unsealedKind[3] = Envelope.KIND_PACKET;
        assertDropped(codec.decode(ByteBuffer.wrap(unsealedKind)), DropReason.UNSEALED);
    }

    @Test
    void flippingAnyBitOfASealedFrameDropsItWithoutThrowing() {
        FrameCodec codec = frames(Keyring.of(k1), 1);
        for (Frame f : FrameCodecTest.everyFrame(new WireSamples(8))) {
            byte[] frame = RawBytes.toArray(codec.encode(f));
            int header = 4 + 5 + LABEL.length();
            for (int i = 0; i < frame.length; i++) {
                byte[] bad = frame.clone();
                bad[i] ^= (byte) (1 << (i % 8));
                Decoded<Frame> decoded = codec.decode(ByteBuffer.wrap(bad));
                assertThat(decoded).as("byte %d", i).isInstanceOf(Decoded.Dropped.class);
                if (i >= header) {
                    assertDropped(decoded, DropReason.FORGED);
                }
            }
            // the other frame kind, sealed: the kind is authenticated
            byte[] otherKind = frame.clone();
            otherKind[4 + 3] = (byte) ((frame[4 + 3] == (byte) 0x82 ? 3 : 2) | Sealer.SEALED_KIND);
            assertDropped(codec.decode(ByteBuffer.wrap(otherKind)), DropReason.FORGED);
        }
    }

    @Test
    void aFrameRelabelledToOurLabelFailsAuthentication() {
        Keyring ring = Keyring.of(k1);
        FrameCodec foreign = new FrameCodec("prod-us", LIMITS, counters, sealing(ring, 1));
        Frame f = new Frame.Membership(new SwimMessage.Ack(1));
        byte[] frame = RawBytes.toArray(foreign.encode(f));
        FrameCodec ours = frames(ring, 2);
        assertDropped(ours.decode(ByteBuffer.wrap(frame)), DropReason.FOREIGN_LABEL);
        byte[] relabelled = frame.clone();
        byte[] label = LABEL.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(label, 0, relabelled, 4 + 5, label.length);
        assertDropped(ours.decode(ByteBuffer.wrap(relabelled)), DropReason.FORGED);

        PacketCodec foreignPackets = new PacketCodec("prod-us", LIMITS, counters, sealing(ring, 3));
        byte[] packet = foreignPackets.encode(List.of(new SwimMessage.Ack(1)));
        System.arraycopy(label, 0, packet, 5, label.length);
        assertDropped(packets(ring, 4).decode(ByteBuffer.wrap(packet)), DropReason.FORGED);
    }

    @Test
    void clearInputToASealedCodecIsUnsealedAndSealedInputToAClearCodecIsUnknown() {
        Keyring ring = Keyring.of(k1);
        PacketCodec clearPackets = new PacketCodec(LABEL, LIMITS, counters);
        FrameCodec clearFrames = new FrameCodec(LABEL, LIMITS, counters);
        List<SwimMessage> messages = someMessages(2);
        Frame f = new Frame.Membership(new SwimMessage.Ack(3));

        assertDropped(packets(ring, 1).decode(ByteBuffer.wrap(clearPackets.encode(messages))), DropReason.UNSEALED);
        assertDropped(frames(ring, 1).decode(clearFrames.encode(f)), DropReason.UNSEALED);
        assertDropped(clearPackets.decode(ByteBuffer.wrap(packets(ring, 2).encode(messages))),
                DropReason.UNKNOWN_TYPE);
        assertDropped(clearFrames.decode(frames(ring, 2).encode(f)), DropReason.UNKNOWN_TYPE);
        // a sealed frame kind in a datagram, a sealed packet kind in a frame
        assertDropped(packets(ring, 1).decode(ByteBuffer.wrap(RawBytes.toArray(frames(ring, 3).encode(f)), 4,
                5 + LABEL.length() + 28 + 9)), DropReason.UNKNOWN_TYPE);
        assertThat(counters.get(DropReason.UNSEALED)).isEqualTo(2);
        assertThat(counters.get(DropReason.UNKNOWN_TYPE)).isEqualTo(3);
    }

    @Test
    void shortSealedBodiesAreTruncatedAndEveryPrefixIsDropped() {
        PacketCodec codec = packets(Keyring.of(k1), 1);
        byte[] packet = codec.encode(someMessages(1));
        for (int length = 0; length < packet.length; length++) {
            Decoded<List<SwimMessage>> decoded = codec.decode(ByteBuffer.wrap(packet, 0, length));
            assertDropped(decoded, length < 5 + LABEL.length() + 28 ? DropReason.TRUNCATED : DropReason.FORGED);
        }
        assertDropped(codec.decode(ByteBuffer.wrap(Arrays.copyOf(packet, packet.length + 1))), DropReason.FORGED);
    }

    @Test
    void aReaderCutsSealedFramesAcrossEverySplit() {
        Keyring ring = Keyring.of(k2, k1);
        FrameCodec sender = frames(ring, 1);
        FrameCodec receiver = frames(Keyring.of(k1, k2), 2);
        List<Frame> sent = FrameCodecTest.everyFrame(new WireSamples(21));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Frame f : sent) {
            stream.writeBytes(RawBytes.toArray(sender.encode(f)));
        }
        stream.writeBytes(RawBytes.toArray(new FrameCodec(LABEL, LIMITS, counters).encode(sent.get(0))));
        byte[] forged = RawBytes.toArray(sender.encode(sent.get(1)));
        forged[forged.length - 1] ^= 1;
        stream.writeBytes(forged);
        stream.writeBytes(RawBytes.toArray(sender.encode(sent.get(2))));
        byte[] bytes = stream.toByteArray();

        List<Frame> expected = new ArrayList<>(sent);
        expected.add(sent.get(2));
        for (int chunk : new int[] {1, 3, 17, 200, bytes.length}) {
            FrameReader reader = new FrameReader(receiver);
            List<Frame> received = new ArrayList<>();
            int dropped = 0;
            for (int at = 0; at < bytes.length; at += chunk) {
                ReadResult r = reader.read(ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at)),
                        received::add);
                assertThat(r.isFatal()).isFalse();
                dropped += r.dropped();
            }
            assertThat(dropped).isEqualTo(2);
            assertThat(received).usingRecursiveComparison().isEqualTo(expected);
            assertThat(reader.bufferedBytes()).isZero();
        }
    }
}

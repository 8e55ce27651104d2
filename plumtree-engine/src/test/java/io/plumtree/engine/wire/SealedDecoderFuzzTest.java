package io.plumtree.engine.wire;

import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.node.Frame;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DecoderFuzzTest}'s mutations on sealed packets and frames (and clear ones, and frames sealed with a key we
 * do not hold), fed to decoders with a three-key keyring: none may throw or over-allocate, only unmutated sealed
 * input may decode.
 */
class SealedDecoderFuzzTest {

    private static final long SEED = 0x5EA1_F022L;
    private static final int INPUTS = 5_000;
    private static final String LABEL = "fuzz";
    /** Each key tried costs a copy of the input: allow a fixed amount plus a multiple of it. */

    private final WireLimits limits = WireLimits.defaults();
    private final DropCounters counters = new DropCounters();
    private final Keyring ring = Keyring.of(TestKeys.key(16, 1), TestKeys.key(24, 2), TestKeys.key(32, 3));
    private final PacketCodec packets = new PacketCodec(LABEL, limits, counters, TestKeys.sealing(ring, 1));
    private final FrameCodec frames = new FrameCodec(LABEL, limits, counters, TestKeys.sealing(ring, 2));

    private List<byte[]> corpus() {
        List<byte[]> corpus = new ArrayList<>();
        Keyring secondary = ring.withPrimary(TestKeys.key(24, 2));
        Keyring unknown = Keyring.of(TestKeys.key(32, 9));
        PacketCodec[] packetSenders = {packets, new PacketCodec(LABEL, limits, counters,
                TestKeys.sealing(secondary, 3)), new PacketCodec(LABEL, limits, counters)};
        FrameCodec[] frameSenders = {frames, new FrameCodec(LABEL, limits, counters, TestKeys.sealing(secondary, 4)),
                new FrameCodec(LABEL, limits, counters, TestKeys.sealing(unknown, 5)),
                new FrameCodec(LABEL, limits, counters)};
        for (long seed = 0; seed < 10; seed++) {
            WireSamples samples = new WireSamples(seed);
            List<SwimMessage> small = new ArrayList<>();
            for (int i = 0; i < 1 + seed % 6; i++) {
                small.add(samples.smallSwimMessage());
            }
            for (PacketCodec sender : packetSenders) {
                corpus.add(sender.encode(small));
            }
            List<Frame> everyFrame = FrameCodecTest.everyFrame(samples);
            for (int i = 0; i < everyFrame.size(); i++) {
                corpus.add(RawBytes.toArray(frameSenders[i % frameSenders.length].encode(everyFrame.get(i))));
            }
        }
        return corpus;
    }

    @Test
    void sealedDecodersNeverThrowOrOverAllocateOnHostileInput() {
        int decodedSomething = DecoderFuzzTest.fuzz(SEED, INPUTS, corpus(), this::decodeEverywhere);
        assertThat(decodedSomething).as("some inputs survive mutation (a truncation to the whole, a splice)")
                .isPositive();
        assertThat(counters.get(DropReason.FORGED)).isPositive();
        assertThat(counters.get(DropReason.UNSEALED)).isPositive();
    }

    private int decodeEverywhere(byte[] input, int chunk) {
        int ok = 0;
        ok += packets.decode(ByteBuffer.wrap(input)).isOk() ? 1 : 0;
        ok += frames.decode(ByteBuffer.wrap(input)).isOk() ? 1 : 0;
        int[] delivered = new int[1];
        FrameReader chunked = new FrameReader(frames);
        for (int at = 0; at < input.length; at += chunk) {
            ReadResult r = chunked.read(ByteBuffer.wrap(input, at, Math.min(chunk, input.length - at)),
                    f -> delivered[0]++);
            if (r.isFatal()) {
                break;
            }
        }
        return ok + delivered[0];
    }
}

package io.plumtree.engine.wire;

import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.node.Frame;
import io.plumtree.engine.state.StateMessage;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Feeds every decoder random and mutated input (bit flips, truncations, splices, huge lengths and counts): none may
 * throw, and none may allocate more than a small multiple of the input it was given.
 */
class DecoderFuzzTest {

    private static final long SEED = 0x5EED_F022L;
    private static final int INPUTS = 20_000;
    private static final String LABEL = "fuzz";
    /** Bytes a decode may allocate: a fixed allowance plus a multiple of the input (objects built from it). */
    private static final long FIXED_ALLOWANCE = 256 * 1024;
    private static final long PER_INPUT_BYTE = 64;

    private static final int[] HUGE_INTS = {0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000, 0x0001_0000, 100_000, 4_097,
            (8 << 20) + 1};

    private static byte[] sink;

    private final WireLimits limits = WireLimits.defaults();
    private final DropCounters counters = new DropCounters();
    private final PacketCodec packets = new PacketCodec(LABEL, limits, counters);
    private final FrameCodec frames = new FrameCodec(LABEL, limits, counters);
    private final SwimCodec swim = new SwimCodec(limits);
    private final PlumtreeCodec plumtree = new PlumtreeCodec(limits);
    private final StateCodec state = new StateCodec(limits);

    private List<byte[]> corpus() {
        List<byte[]> corpus = new ArrayList<>();
        for (long seed = 0; seed < 20; seed++) {
            WireSamples samples = new WireSamples(seed);
            List<SwimMessage> small = new ArrayList<>();
            for (int i = 0; i < 1 + seed % 6; i++) {
                small.add(samples.smallSwimMessage());
            }
            corpus.add(packets.encode(small));
            for (SwimMessage m : samples.everySwimMessage()) {
                corpus.add(RawBytes.toArray(swim.encode(m)));
            }
            for (PlumtreeMessage m : samples.everyPlumtreeMessage()) {
                corpus.add(RawBytes.toArray(plumtree.encode(m)));
            }
            for (StateMessage m : samples.everyStateMessage()) {
                corpus.add(RawBytes.toArray(state.encode(m)));
            }
            for (Frame f : FrameCodecTest.everyFrame(samples)) {
                corpus.add(RawBytes.toArray(frames.encode(f)));
            }
        }
        return corpus;
    }

    /** Decodes one input, fed in chunks of the given size, with every decoder; answers how many accepted it. */
    @FunctionalInterface
    interface Decoders {
        int decodeEverywhere(byte[] input, int chunk);
    }

    /**
     * Feeds {@code inputs} mutations of the corpus to the decoders: none may throw, none may allocate beyond
     * {@value #FIXED_ALLOWANCE} bytes plus {@value #PER_INPUT_BYTE} per input byte.
     *
     * @return how many decoder runs accepted their input
     */
    static int fuzz(long seed, int inputs, List<byte[]> corpus, Decoders decoders) {
        SplittableRandom random = new SplittableRandom(seed);
        int decodedSomething = 0;
        for (int i = 0; i < inputs; i++) {
            byte[] input = mutate(corpus.get(random.nextInt(corpus.size())),
                    corpus.get(random.nextInt(corpus.size())), random);
            int chunk = 1 + random.nextInt(64);
            int[] ok = new int[1];
            long allocated;
            try {
                allocated = AllocationMeter.bytesAllocatedBy(() -> ok[0] = decoders.decodeEverywhere(input, chunk));
            } catch (Throwable t) {
                throw new AssertionError("decoder threw on input " + i + " (reproduce with seed=" + seed + "): "
                        + HexFormat.of().formatHex(input), t);
            }
            decodedSomething += ok[0];
            if (allocated > FIXED_ALLOWANCE + PER_INPUT_BYTE * input.length) {
                // The first run of a code path in this JVM also pays for class loading and call-site linking (a
                // string concatenation's first use allocates hundreds of KB); a decoder that over-allocates does it
                // again on the same input, so only the second measurement counts.
                allocated = AllocationMeter.bytesAllocatedBy(() -> decoders.decodeEverywhere(input, chunk));
            }
            if (allocated > FIXED_ALLOWANCE + PER_INPUT_BYTE * input.length) {
                fail("input %d of %d bytes allocated %d bytes (seed=%d): %s", i, input.length, allocated, seed,
                        HexFormat.of().formatHex(input));
            }
        }
        return decodedSomething;
    }

    static byte[] mutate(byte[] base, byte[] other, SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0: {
                byte[] b = new byte[random.nextInt(1600)];
                random.nextBytes(b);
                return b;
            }
            case 1: {
                byte[] b = base.clone();
                int flips = 1 + random.nextInt(8);
                for (int i = 0; i < flips && b.length > 0; i++) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return b;
            }
            case 2:
                return Arrays.copyOf(base, random.nextInt(base.length + 1));
            case 3: {
                int cut = random.nextInt(base.length + 1);
                int from = random.nextInt(other.length + 1);
                byte[] b = Arrays.copyOf(base, cut + other.length - from);
                System.arraycopy(other, from, b, cut, other.length - from);
                return b;
            }
            case 4: {
                byte[] b = base.clone();
                if (b.length >= 4) {
                    ByteBuffer.wrap(b).putInt(random.nextInt(b.length - 3), HUGE_INTS[random.nextInt(HUGE_INTS.length)]);
                }
                if (b.length >= 2 && random.nextBoolean()) {
                    ByteBuffer.wrap(b).putShort(random.nextInt(b.length - 1), (short) 0xFFFF);
                }
                return b;
            }
            default: {
                byte[] extra = new byte[1 + random.nextInt(8)];
                random.nextBytes(extra);
                int at = random.nextInt(base.length + 1);
                byte[] b = new byte[base.length + extra.length];
                System.arraycopy(base, 0, b, 0, at);
                System.arraycopy(extra, 0, b, at, extra.length);
                System.arraycopy(base, at, b, at + extra.length, base.length - at);
                return b;
            }
        }
    }

    @Test
    void theAllocationMeterSeesAllocations() {
        if (AllocationMeter.supported()) {
            assertThat(AllocationMeter.bytesAllocatedBy(() -> sink = new byte[1 << 20])).isGreaterThan(1 << 20);
        }
    }

    @Test
    void noDecoderThrowsOrOverAllocatesOnHostileInput() {
        int decodedSomething = fuzz(SEED, INPUTS, corpus(), this::decodeEverywhere);
        assertThat(decodedSomething).as("mutations still reach the decoders' success paths").isPositive();
        assertThat(counters.total()).isPositive();
    }

    /** Runs every decoder on {@code input}; answers how many accepted it. */
    private int decodeEverywhere(byte[] input, int chunk) {
        int ok = 0;
        ok += packets.decode(ByteBuffer.wrap(input)).isOk() ? 1 : 0;
        ok += frames.decode(ByteBuffer.wrap(input)).isOk() ? 1 : 0;
        ok += swim.decode(ByteBuffer.wrap(input)).isOk() ? 1 : 0;
        ok += plumtree.decode(ByteBuffer.wrap(input)).isOk() ? 1 : 0;
        ok += state.decode(ByteBuffer.wrap(input)).isOk() ? 1 : 0;

        int[] delivered = new int[1];
        FrameReader whole = new FrameReader(frames);
        whole.read(ByteBuffer.wrap(input), f -> delivered[0]++);
        if (whole.bufferedBytes() > input.length) {
            throw new AssertionError("reader holds more than it was given");
        }
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

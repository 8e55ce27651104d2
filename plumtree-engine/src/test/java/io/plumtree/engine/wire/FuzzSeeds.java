package io.plumtree.engine.wire;

import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.node.Frame;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the seed inputs of the wire fuzz targets (valid packets, streams and sealed bodies of every message type,
 * from {@link WireSamples}) into the directories where Jazzer replays them:
 * {@code src/test/resources/io/plumtree/engine/wire/<TestClass>Inputs/<method>/seed-*}. Run from the module
 * directory, after a change of the wire format: {@code java -cp <test classpath> io.plumtree.engine.wire.FuzzSeeds}.
 * Inputs Jazzer found (crashes kept as regression tests) live in the same directories under other names and are
 * left alone.
 */
final class FuzzSeeds {

    /** Largest seed written: libFuzzer's default input length limit. */
    private static final int MAX_SEED_BYTES = 4096;
    private static final int SAMPLES = 12;
    /** Samples whose every frame becomes a sealed frame seed (each sample has frames of every type). */
    private static final int SEALED_FRAME_SAMPLES = 2;

    private final Path root;
    private final PacketCodec packets = new PacketCodec(FuzzChecks.LABEL, WireLimits.defaults(), new DropCounters());
    private final FrameCodec frames = new FrameCodec(FuzzChecks.LABEL, WireLimits.defaults(), new DropCounters());

    private FuzzSeeds(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        new FuzzSeeds(Path.of(args.length > 0 ? args[0] : "src/test/resources/io/plumtree/engine/wire")).writeAll();
    }

    private void writeAll() throws IOException {
        List<byte[]> packetSeeds = new ArrayList<>();
        List<byte[]> streamSeeds = new ArrayList<>();
        List<byte[]> sealedPacketSeeds = new ArrayList<>();
        List<byte[]> sealedFrameSeeds = new ArrayList<>();
        for (long seed = 0; seed < SAMPLES; seed++) {
            WireSamples samples = new WireSamples(seed);
            List<SwimMessage> small = new ArrayList<>();
            for (int i = 0; i < 1 + seed % 6; i++) {
                small.add(samples.smallSwimMessage());
            }
            byte[] packet = packets.encode(small);
            packetSeeds.add(packet);
            int header = Envelope.HEADER_BYTES + FuzzChecks.LABEL.length();
            byte[] packetBody = Arrays.copyOfRange(packet, header, packet.length);
            sealedPacketSeeds.add(sealedDraw(new FuzzedDataLayout(), (int) (seed % 2), packetBody));

            List<Frame> every = FrameCodecTest.everyFrame(samples);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            for (int i = 0; i < every.size(); i++) {
                byte[] frame = RawBytes.toArray(frames.encode(every.get(i)));
                if (frame.length > MAX_SEED_BYTES / 2) {
                    continue;
                }
                if (seed < SEALED_FRAME_SAMPLES) {
                byte[] content = Arrays.copyOfRange(frame, FrameCodec.LENGTH_PREFIX_BYTES + header,
                        frame.length);
                int kind = frame[FrameCodec.LENGTH_PREFIX_BYTES + 3];
                FuzzedDataLayout frameLayout = new FuzzedDataLayout().consumeInt(kind, Envelope.KIND_MEMBERSHIP_FRAME,
                        Envelope.KIND_STATE_FRAME).consumeInt(i * 37, 0, SealedInput.MAX_DRAWN_OFFSET);
                    sealedFrameSeeds.add(sealedDraw(frameLayout, i % 2, content));
                }
                if (stream.size() + frame.length <= MAX_SEED_BYTES) {
                    stream.writeBytes(frame);
                }
            }
            int cuts = (int) (seed % 4);
            FuzzedDataLayout layout = new FuzzedDataLayout().consumeInt(cuts, 0, 8);
            for (int c = 0; c < cuts; c++) {
                layout.consumeInt((int) (seed * 13 + c * 101) % stream.size(), 0, SealedInput.MAX_DRAWN_OFFSET);
            }
            streamSeeds.add(layout.remaining(stream.toByteArray()));
        }
        write("PacketCodecFuzzTest", "everyDatagramDecodesCanonicallyOrIsDropped", packetSeeds);
        write("FrameStreamFuzzTest", "anyStreamReadsAsItsFramesHoweverItIsSplit", streamSeeds);
        write("SealedPacketFuzzTest", "onlyUntouchedDatagramsSealedWithOurKeysOpen", sealedPacketSeeds);
        write("SealedFrameFuzzTest", "onlyUntouchedFramesSealedWithOurKeysOpen", sealedFrameSeeds);
    }

    /** {@code layout}, then what {@link SealedInput#draw} reads as: this sender, no flip, this clear body. */
    private static byte[] sealedDraw(FuzzedDataLayout layout, int sender, byte[] clearBody) {
        return layout.consumeInt(sender, 0, SealedInput.Sender.values().length - 1)
                .consumeInt(0, 0, 255).consumeInt(0, 0, SealedInput.MAX_DRAWN_OFFSET).remaining(clearBody);
    }

    private void write(String testClass, String method, List<byte[]> seeds) throws IOException {
        Path dir = root.resolve(testClass + "Inputs").resolve(method);
        Files.createDirectories(dir);
        for (int i = 0; i < seeds.size(); i++) {
            Files.write(dir.resolve(String.format("seed-%02d", i)), seeds.get(i));
        }
        System.out.println(dir + ": " + seeds.size() + " seeds");
    }

    /**
     * Lays out bytes as Jazzer's {@code FuzzedDataProvider} reads them (as LLVM's does): integers from the end of
     * the data, most significant byte first, as many bytes as the range needs; the remaining bytes from the front.
     */
    static final class FuzzedDataLayout {
        /** The bytes integers are read from, in reading order (last byte of the data first). */
        private final ByteArrayOutputStream tail = new ByteArrayOutputStream();

        /** Then an integer in {@code [min, max]} (a boolean is {@code consumeInt(b ? 1 : 0, 0, 255)}). */
        FuzzedDataLayout consumeInt(int value, int min, int max) {
            long range = (long) max - min;
            long offsetValue = (long) value - min;
            int bytes = 0;
            while (bytes < 4 && (range >> (8 * bytes)) > 0) {
                bytes++;
            }
            for (int i = bytes - 1; i >= 0; i--) {
                tail.write((int) (offsetValue >> (8 * i)));
            }
            return this;
        }

        /** The data: {@code front} (read by consumeRemainingAsBytes), then the integers reversed. */
        byte[] remaining(byte[] front) {
            byte[] read = tail.toByteArray();
            ByteBuffer out = ByteBuffer.allocate(front.length + read.length).put(front);
            for (int i = read.length - 1; i >= 0; i--) {
                out.put(read[i]);
            }
            return out.array();
        }
    }
}

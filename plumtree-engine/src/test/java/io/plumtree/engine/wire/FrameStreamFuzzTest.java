package io.plumtree.engine.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plumtree.engine.node.Frame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.plumtree.engine.wire.FuzzChecks.require;

/**
 * Jazzer fuzz target: any bytes as one TCP stream, cut into reads at up to {@value #MAX_CUTS} fuzzer-chosen places
 * (inside a length prefix, a header, a field, between frames), to a {@link FrameReader} without sealing. Checks,
 * against a reference that cuts the whole stream by its length prefixes and decodes each frame with
 * {@link FrameCodec#decode}:
 *
 * <ul>
 *   <li>nothing throws, and reading allocates within {@link AllocationBudget} of the stream's length;</li>
 *   <li>however the reads split the stream, the reader delivers exactly the frames the reference decodes, in order,
 *       drops exactly the others, dies (a length prefix over the limit) exactly where the reference does, and then
 *       holds just the bytes of the unfinished last frame;</li>
 *   <li>every frame decoded is canonical: it re-encodes to exactly the bytes it was read from.</li>
 * </ul>
 */
class FrameStreamFuzzTest {

    /** Most places the fuzzer cuts the stream at; the reader gets one more read than cuts. */
    private static final int MAX_CUTS = 8;

    private final WireLimits limits = WireLimits.defaults();
    private final DropCounters counters = new DropCounters();
    private final FrameCodec codec = new FrameCodec(FuzzChecks.LABEL, limits, counters);

    @FuzzTest(maxDuration = FuzzChecks.BUILD_DURATION)
    void anyStreamReadsAsItsFramesHoweverItIsSplit(FuzzedDataProvider data) {
        int[] cuts = new int[data.consumeInt(0, MAX_CUTS)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = data.consumeInt(0, SealedInput.MAX_DRAWN_OFFSET);
        }
        byte[] stream = data.consumeRemainingAsBytes();
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = Math.floorMod(cuts[i], stream.length + 1);
        }
        Arrays.sort(cuts);

        ReferenceCut expected = ReferenceCut.of(stream, codec, limits);
        for (int i = 0; i < expected.frames.size(); i++) {
            require(Arrays.equals(RawBytes.toArray(codec.encode(expected.frames.get(i))), expected.frameBytes.get(i)),
                    "frame " + i + " re-encodes to other bytes", stream);
        }

        List<Frame> frames = new ArrayList<>();
        int[] counted = new int[2];
        boolean[] fatal = new boolean[1];
        FrameReader reader = AllocationBudget.check(stream, () -> {
            FrameReader fresh = new FrameReader(codec);
            frames.clear();
            counted[0] = 0;
            counted[1] = 0;
            fatal[0] = false;
            readAll(fresh, stream, cuts, frames::add, counted, fatal);
            return fresh;
        });
        List<byte[]> delivered = new ArrayList<>();
        for (Frame f : frames) {
            delivered.add(RawBytes.toArray(codec.encode(f)));
        }

        require(delivered.size() == expected.frames.size(), "delivered " + delivered.size() + " frames, expected "
                + expected.frames.size() + " (cut at " + Arrays.toString(cuts) + ")", stream);
        for (int i = 0; i < delivered.size(); i++) {
            require(Arrays.equals(delivered.get(i), expected.frameBytes.get(i)), "frame " + i + " differs when cut at "
                    + Arrays.toString(cuts), stream);
        }
        require(counted[0] == expected.frames.size() && counted[1] == expected.dropped,
                "read results counted " + counted[0] + " delivered and " + counted[1] + " dropped, expected "
                        + expected.frames.size() + " and " + expected.dropped, stream);
        require(fatal[0] == expected.fatal, "fatal " + fatal[0] + ", expected " + expected.fatal, stream);
        if (fatal[0]) {
            ReadResult after = reader.read(ByteBuffer.wrap(stream), f -> frames.add(null));
            require(after.isFatal() && after.delivered() == 0 && after.dropped() == 0,
                    "a dead stream read on: " + after, stream);
        } else {
            require(reader.bufferedBytes() == expected.unfinished, "holds " + reader.bufferedBytes()
                    + " bytes of an unfinished frame, expected " + expected.unfinished, stream);
        }
    }

    /** Feeds {@code stream} to {@code reader} in reads cut at {@code cuts} (ascending; empty reads included). */
    private static void readAll(FrameReader reader, byte[] stream, int[] cuts, FrameSink out, int[] counted,
                                boolean[] fatal) {
        int at = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int size = (i == cuts.length ? stream.length : cuts[i]) - at;
            ReadResult r = reader.read(ByteBuffer.wrap(stream, at, size), out);
            counted[0] += r.delivered();
            counted[1] += r.dropped();
            at += size;
            if (r.isFatal()) {
                fatal[0] = true;
                return;
            }
        }
    }

    /** The frames of a whole stream, cut by their length prefixes and decoded one by one with the codec. */
    private static final class ReferenceCut {
        final List<Frame> frames = new ArrayList<>();
        /** The bytes of each decoded frame, length prefix included. */
        final List<byte[]> frameBytes = new ArrayList<>();
        int dropped;
        boolean fatal;
        /** Bytes of a last frame the stream does not finish. */
        int unfinished;

        static ReferenceCut of(byte[] stream, FrameCodec codec, WireLimits limits) {
            ReferenceCut cut = new ReferenceCut();
            ByteBuffer in = ByteBuffer.wrap(stream);
            while (in.remaining() >= FrameCodec.LENGTH_PREFIX_BYTES) {
                int length = in.getInt(in.position());
                if (length < 0 || length > limits.maxFrameBytes()) {
                    cut.fatal = true;
                    return cut;
                }
                if (in.remaining() - FrameCodec.LENGTH_PREFIX_BYTES < length) {
                    break;
                }
                byte[] frame = new byte[FrameCodec.LENGTH_PREFIX_BYTES + length];
                in.get(frame);
                if (codec.decode(ByteBuffer.wrap(frame)) instanceof Decoded.Ok<Frame> ok) {
                    cut.frames.add(ok.value());
                    cut.frameBytes.add(frame);
                } else {
                    cut.dropped++;
                }
            }
            cut.unfinished = in.remaining();
            return cut;
        }
    }
}

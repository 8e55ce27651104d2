package io.plumtree.engine.wire;

import io.plumtree.engine.node.Frame;
import io.plumtree.engine.membership.SwimMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FrameReaderTest {

    private static final String LABEL = "cluster";

    private final DropCounters counters = new DropCounters();
    private final FrameCodec codec = new FrameCodec(LABEL, WireLimits.defaults(), counters);
    private final FrameReader reader = new FrameReader(codec);
    private final List<Frame> received = new ArrayList<>();

    private byte[] concat(List<Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            out.writeBytes(RawBytes.toArray(codec.encode(f)));
        }
        return out.toByteArray();
    }

    private ReadResult feed(byte[] bytes, int from, int to) {
        ByteBuffer chunk = ByteBuffer.wrap(bytes, from, to - from);
        ReadResult result = reader.read(chunk, received::add);
        if (!result.isFatal()) {
            assertThat(chunk.hasRemaining()).as("an open read consumes its input").isFalse();
        }
        return result;
    }

    private void assertReceived(List<Frame> expected) {
        assertThat(List.copyOf(received)).usingRecursiveComparison().withStrictTypeChecking()
                .isEqualTo(List.copyOf(expected));
    }

    @Test
    void aFrameSplitAtEveryByteBoundaryIsDeliveredOnce() {
        for (Frame f : FrameCodecTest.everyFrame(new WireSamples(5))) {
            byte[] bytes = RawBytes.toArray(codec.encode(f));
            for (int cut = 0; cut <= bytes.length; cut++) {
                received.clear();
                ReadResult first = feed(bytes, 0, cut);
                assertThat(first).isEqualTo(new ReadResult.Open(cut == bytes.length ? 1 : 0, 0));
                assertThat(reader.bufferedBytes()).isEqualTo(cut == bytes.length ? 0 : cut);
                ReadResult second = feed(bytes, cut, bytes.length);
                assertThat(second).isEqualTo(new ReadResult.Open(cut == bytes.length ? 0 : 1, 0));
                assertReceived(List.of(f));
                assertThat(reader.bufferedBytes()).isZero();
            }
        }
    }

    @Test
    void manyFramesInOneBufferAreAllDeliveredInOrder() {
        List<Frame> frames = FrameCodecTest.everyFrame(new WireSamples(6));
        assertThat(feed(concat(frames), 0, concat(frames).length)).isEqualTo(new ReadResult.Open(frames.size(), 0));
        assertReceived(frames);
    }

    @Test
    void aStreamInRandomChunksAndOneByteAtATimeYieldsEveryFrame() {
        SplittableRandom random = new SplittableRandom(99);
        List<Frame> frames = new ArrayList<>();
        for (long seed = 0; seed < 10; seed++) {
            frames.addAll(FrameCodecTest.everyFrame(new WireSamples(seed)));
        }
        byte[] stream = concat(frames);
        for (int at = 0; at < stream.length; ) {
            int next = Math.min(stream.length, at + 1 + random.nextInt(3000));
            assertThat(feed(stream, at, next).isFatal()).isFalse();
            at = next;
        }
        assertReceived(frames);

        received.clear();
        for (int at = 0; at < stream.length; at++) {
            feed(stream, at, at + 1);
        }
        assertReceived(frames);
    }

    @Test
    void aMalformedFrameIsDroppedAndTheStreamGoesOn() {
        Frame a = new Frame.Membership(new SwimMessage.Ack(1));
        Frame b = new Frame.Membership(new SwimMessage.Nack(2));
        byte[] foreign = RawBytes.toArray(new FrameCodec("other", WireLimits.defaults(), new DropCounters())
                .encode(a));
        byte[] stream = RawBytes.of().raw(concat(List.of(a))).raw(foreign)
                .raw(RawBytes.envelope(Envelope.KIND_MEMBERSHIP_FRAME, LABEL).u8(200).framed())
                .raw(new byte[4]).raw(concat(List.of(b))).bytes();
        assertThat(feed(stream, 0, stream.length)).isEqualTo(new ReadResult.Open(2, 3));
        assertReceived(List.of(a, b));
        assertThat(counters.get(DropReason.FOREIGN_LABEL)).isEqualTo(1);
        assertThat(counters.get(DropReason.UNKNOWN_TYPE)).isEqualTo(1);
        assertThat(counters.get(DropReason.TRUNCATED)).as("an empty frame").isEqualTo(1);
    }

    @Test
    void anOversizedLengthIsFatalAtOnceAndStaysFatal() {
        Frame a = new Frame.Membership(new SwimMessage.Ack(1));
        byte[] stream = RawBytes.of().raw(concat(List.of(a))).i32((8 << 20) + 1).raw(concat(List.of(a))).bytes();
        assertThat(feed(stream, 0, stream.length)).isEqualTo(new ReadResult.Fatal(DropReason.TOO_LARGE, 1, 0));
        assertReceived(List.of(a));
        assertThat(feed(concat(List.of(a)), 0, concat(List.of(a)).length))
                .isEqualTo(new ReadResult.Fatal(DropReason.TOO_LARGE, 0, 0));
        assertThat(received).hasSize(1);
        assertThat(counters.get(DropReason.TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void aTwoGigabyteLengthSplitAcrossReadsIsRefusedWithoutAllocating() {
        byte[] prefix = RawBytes.of().i32(0x7FFF_FFFF).bytes();
        long allocated = AllocationMeter.bytesAllocatedBy(() -> {
            assertThat(feed(prefix, 0, 2)).isEqualTo(new ReadResult.Open(0, 0));
            assertThat(feed(prefix, 2, 4)).isEqualTo(new ReadResult.Fatal(DropReason.TOO_LARGE, 0, 0));
        });
        assertThat(allocated).isLessThan(64 * 1024);
        FrameReader other = new FrameReader(codec);
        assertThat(other.read(RawBytes.of().i32(0x8000_0000).buffer(), received::add).isFatal()).isTrue();
    }

    @Test
    void aPartialLargeFrameHoldsOnlyTheBytesReceived() {
        byte[] start = RawBytes.of().i32(8 << 20).raw(new byte[1000]).bytes();
        long allocated = AllocationMeter.bytesAllocatedBy(() -> feed(start, 0, start.length));
        assertThat(reader.bufferedBytes()).isEqualTo(1004);
        assertThat(allocated).as("no 8 MiB buffer for a declared length").isLessThan(64 * 1024);
    }
}

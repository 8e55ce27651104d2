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
 * Jazzer fuzz target: frames of every kind sealed by a sender holding our primary key, our secondary key or a key we
 * do not hold, with or without one bit flipped afterwards, to a {@link FrameCodec} sealing with
 * {@link SealedInput#RING}, whole and through a {@link FrameReader} in two reads split where the fuzzer says, and
 * their sealed bodies to a {@link Sealer} of that keyring directly. Nothing throws and decoding allocates within
 * {@link AllocationBudget}; the sealer opens exactly the untouched bodies sealed with one of our keys, to the very
 * bytes sealed, and answers {@link DropReason#FORGED} for every other (the header is its associated data, so a flip
 * there is a forgery too); an untouched frame sealed with one of our keys decodes exactly as its clear counterpart
 * does at a clear codec; anything else is dropped; and the reader delivers what the codec decodes.
 */
class SealedFrameFuzzTest {

    private final WireLimits limits = WireLimits.defaults();
    private final DropCounters counters = new DropCounters();
    private final FrameCodec sealed = new FrameCodec(FuzzChecks.LABEL, limits, counters,
            TestKeys.sealing(SealedInput.RING, 2));
    private final FrameCodec clear = new FrameCodec(FuzzChecks.LABEL, limits, new DropCounters());
    private final Sealer opener = new Sealer(SealedInput.RING, TestKeys.counting(3));

    @FuzzTest(maxDuration = FuzzChecks.BUILD_DURATION)
    void onlyUntouchedFramesSealedWithOurKeysOpen(FuzzedDataProvider data) {
        int kind = data.consumeInt(Envelope.KIND_MEMBERSHIP_FRAME, Envelope.KIND_STATE_FRAME);
        int split = data.consumeInt(0, SealedInput.MAX_DRAWN_OFFSET);
        SealedInput input = SealedInput.draw(data, kind);
        byte[] body = input.bytes();
        byte[] frame = ByteBuffer.allocate(FrameCodec.LENGTH_PREFIX_BYTES + body.length).putInt(body.length)
                .put(body).array();

        int headerBytes = input.header().length;
        Decoded<byte[]> opened = opener.open(Arrays.copyOfRange(body, headerBytes, body.length),
                Arrays.copyOfRange(body, 0, headerBytes));
        if (input.sealedWithOurKey() && !input.tampered()) {
            require(opened instanceof Decoded.Ok<byte[]> ok && Arrays.equals(ok.value(), input.clearBody()),
                    "our key, untouched, but opened " + opened, frame);
        } else {
            require(opened.equals(new Decoded.Dropped<>(DropReason.FORGED)), "opened " + opened, frame);
        }

        var before = counters.snapshot();
        Decoded<Frame> decoded = AllocationBudget.check(frame, () -> sealed.decode(ByteBuffer.wrap(frame)));
        FuzzChecks.countedAsAnswered(before, counters, decoded, frame);
        if (input.tampered()) {
            require(!decoded.isOk(), "decoded a frame changed after sealing", frame);
            if (input.tamperedAfterHeader()) {
                require(decoded.equals(new Decoded.Dropped<>(DropReason.FORGED)), "tampered: " + decoded, frame);
            }
        } else if (!input.sealedWithOurKey()) {
            require(decoded.equals(new Decoded.Dropped<>(DropReason.FORGED)), "stranger's key: " + decoded, frame);
        } else {
            byte[] clearBody = input.inTheClear();
            byte[] clearFrame = ByteBuffer.allocate(FrameCodec.LENGTH_PREFIX_BYTES + clearBody.length)
                    .putInt(clearBody.length).put(clearBody).array();
            Decoded<Frame> inTheClear = clear.decode(ByteBuffer.wrap(clearFrame));
            if (inTheClear instanceof Decoded.Ok<Frame> expected) {
                require(decoded instanceof Decoded.Ok<Frame> ok && sameFrame(ok.value(), expected.value()),
                        "sealed " + decoded + " but clear " + inTheClear, frame);
            } else {
                require(decoded.equals(inTheClear), "sealed " + decoded + " but clear " + inTheClear, frame);
            }
        }
        if (decoded instanceof Decoded.Ok<Frame> ok) {
            Decoded<Frame> again = sealed.decode(sealed.encode(ok.value()));
            require(again instanceof Decoded.Ok<Frame> o && sameFrame(o.value(), ok.value()),
                    "a re-sealed frame decodes to another: " + again, frame);
        }

        FrameReader reader = new FrameReader(sealed);
        List<Frame> delivered = new ArrayList<>();
        int at = Math.floorMod(split, frame.length + 1);
        ReadResult first = reader.read(ByteBuffer.wrap(frame, 0, at), delivered::add);
        ReadResult second = reader.read(ByteBuffer.wrap(frame, at, frame.length - at), delivered::add);
        require(!first.isFatal() && !second.isFatal(), "a frame within the limit killed the stream", frame);
        require(first.delivered() + second.delivered() == delivered.size()
                && first.dropped() + second.dropped() == (decoded.isOk() ? 0 : 1), "read results " + first + ", "
                + second + " for " + decoded, frame);
        require(decoded instanceof Decoded.Ok<Frame> ok ? delivered.size() == 1 && sameFrame(delivered.get(0),
                ok.value()) : delivered.isEmpty(), "the reader delivered " + delivered + " for " + decoded, frame);
        require(reader.bufferedBytes() == 0, "the reader holds bytes after a whole frame", frame);
    }

    /** Whether two frames are the same, by their clear encoding (records compare arrays by reference). */
    private boolean sameFrame(Frame a, Frame b) {
        return clear.encode(a).equals(clear.encode(b));
    }
}

package io.plumtree.engine.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plumtree.engine.membership.SwimMessage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static io.plumtree.engine.wire.FuzzChecks.require;

/**
 * Jazzer fuzz target: datagrams sealed by a sender holding our primary key, our secondary key or a key we do not
 * hold, with or without one bit flipped afterwards, to a {@link PacketCodec} that seals with {@link SealedInput#RING}.
 * The decoder never throws and allocates within {@link AllocationBudget}; an untouched datagram sealed with one of
 * our keys decodes exactly as its clear counterpart does at a clear codec (the same messages, or the same drop);
 * anything sealed with another key, or changed after sealing, is dropped ({@link DropReason#FORGED} when the change
 * is past the clear header); and every drop is counted as answered.
 */
class SealedPacketFuzzTest {

    private final WireLimits limits = WireLimits.defaults();
    private final DropCounters counters = new DropCounters();
    private final PacketCodec sealed = new PacketCodec(FuzzChecks.LABEL, limits, counters,
            TestKeys.sealing(SealedInput.RING, 1));
    private final PacketCodec clear = new PacketCodec(FuzzChecks.LABEL, limits, new DropCounters());

    @FuzzTest(maxDuration = FuzzChecks.BUILD_DURATION)
    void onlyUntouchedDatagramsSealedWithOurKeysOpen(FuzzedDataProvider data) {
        SealedInput input = SealedInput.draw(data, Envelope.KIND_PACKET);
        byte[] datagram = input.bytes();
        var before = counters.snapshot();
        Decoded<List<SwimMessage>> decoded = AllocationBudget.check(datagram,
                () -> sealed.decode(ByteBuffer.wrap(datagram)));
        FuzzChecks.countedAsAnswered(before, counters, decoded, datagram);

        if (datagram.length > limits.maxDatagramBytes()) {
            require(decoded.equals(new Decoded.Dropped<>(DropReason.TOO_LARGE)), "oversized: " + decoded, datagram);
        } else if (input.tampered()) {
            require(!decoded.isOk(), "decoded a datagram changed after sealing", datagram);
            if (input.tamperedAfterHeader()) {
                require(decoded.equals(new Decoded.Dropped<>(DropReason.FORGED)), "tampered: " + decoded, datagram);
            }
        } else if (!input.sealedWithOurKey()) {
            require(decoded.equals(new Decoded.Dropped<>(DropReason.FORGED)), "stranger's key: " + decoded, datagram);
        } else {
            Decoded<List<SwimMessage>> inTheClear = clear.decode(ByteBuffer.wrap(input.inTheClear()));
            if (inTheClear instanceof Decoded.Ok<List<SwimMessage>> expected) {
                require(decoded instanceof Decoded.Ok<List<SwimMessage>> ok
                        && Arrays.equals(clear.encode(ok.value()), clear.encode(expected.value())),
                        "sealed " + decoded + " but clear " + inTheClear, datagram);
            } else {
                require(decoded.equals(inTheClear), "sealed " + decoded + " but clear " + inTheClear, datagram);
            }
        }
        if (decoded instanceof Decoded.Ok<List<SwimMessage>> ok) {
            Decoded<List<SwimMessage>> again = sealed.decode(ByteBuffer.wrap(sealed.encode(ok.value())));
            require(again instanceof Decoded.Ok<List<SwimMessage>> o
                    && Arrays.equals(clear.encode(o.value()), clear.encode(ok.value())),
                    "re-sealed messages decode to others: " + again, datagram);
        }
    }
}

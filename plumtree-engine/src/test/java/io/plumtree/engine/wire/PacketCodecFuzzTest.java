package io.plumtree.engine.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.plumtree.engine.membership.SwimMessage;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static io.plumtree.engine.wire.FuzzChecks.require;

/**
 * Jazzer fuzz target: any bytes as a UDP datagram, to {@link PacketCodec#decode} without sealing. The decoder never
 * throws, answers a value or a counted drop, allocates within {@link AllocationBudget}, and what it decodes is
 * canonical: re-encoding the messages gives back the very datagram, so decoding and encoding are inverse.
 *
 * <p>The normal tests replay {@code PacketCodecFuzzTestInputs/} (beside this class in the test resources); the build
 * then fuzzes it for {@link FuzzChecks#BUILD_DURATION}; {@code bin/plumtree-fuzz packet} fuzzes it for longer.
 */
class PacketCodecFuzzTest {

    private final DropCounters counters = new DropCounters();
    private final PacketCodec codec = new PacketCodec(FuzzChecks.LABEL, WireLimits.defaults(), counters);

    @FuzzTest(maxDuration = FuzzChecks.BUILD_DURATION)
    void everyDatagramDecodesCanonicallyOrIsDropped(byte[] datagram) {
        var before = counters.snapshot();
        Decoded<List<SwimMessage>> decoded = AllocationBudget.check(datagram,
                () -> codec.decode(ByteBuffer.wrap(datagram)));
        FuzzChecks.countedAsAnswered(before, counters, decoded, datagram);
        if (decoded instanceof Decoded.Ok<List<SwimMessage>> ok) {
            byte[] again = codec.encode(ok.value());
            require(Arrays.equals(again, datagram), "decoded messages re-encode to other bytes", datagram);
        }
    }
}

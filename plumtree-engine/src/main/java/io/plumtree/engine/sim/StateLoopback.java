package io.plumtree.engine.sim;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.state.StateMessage;
import io.plumtree.engine.wire.Decoded;
import io.plumtree.engine.wire.Envelope;
import io.plumtree.engine.wire.StateCodec;
import io.plumtree.engine.wire.WireLimits;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The honest network of the state scenario, as {@link WireLoopback} is for the others: every message is encoded with
 * the real {@link StateCodec} under the default limits, decoded again, and the decoded message must equal the
 * original. The receiver then gets the original (equal in value), so the simulated nodes share the immutable entries
 * instead of each holding its own decoded copies: at 5,000 nodes the views hold 25 million entries.
 */
final class StateLoopback {

    private static final int LABEL_BYTES = WireLoopback.LABEL.getBytes(StandardCharsets.UTF_8).length;

    private final StateCodec codec = new StateCodec(WireLimits.defaults());
    private final int maxFrameBytes = WireLimits.defaults().maxFrameBytes();

    /**
     * Encodes and decodes one message from {@code from}.
     *
     * @return bytes on the wire of the frame that would carry it: length prefix, header with the label, the sender's
     *         name and the message
     * @throws IllegalStateException if the codec fails on its own output or the frame would exceed the frame limit
     */
    long carry(NodeId from, StateMessage message) {
        ByteBuffer bytes = codec.encode(message);
        long body = Envelope.HEADER_BYTES + LABEL_BYTES + 2L + from.name().getBytes(StandardCharsets.UTF_8).length
                + bytes.remaining();
        if (body > maxFrameBytes) {
            throw new IllegalStateException("a state frame of " + body + " bytes exceeds the frame limit of "
                    + maxFrameBytes);
        }
        Decoded<StateMessage> decoded = codec.decode(bytes);
        if (decoded instanceof Decoded.Ok<StateMessage> ok && ok.value().equals(message)) {
            return 4 + body;
        }
        throw new IllegalStateException("the codec did not carry its own message (" + decoded + "): " + message);
    }
}

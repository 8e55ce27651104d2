package io.plumtree.engine.wire;

import io.plumtree.engine.node.Frame;

/**
 * Receives the frames a {@link FrameReader} cuts from a stream, in stream order.
 *
 * <p>Typed for frames rather than a {@code Consumer<Frame>}: a generic consumer's frames reach a collector as
 * {@code Object} and are cast back to {@link Frame} where they are used, and on the read path, where nearly every
 * frame is a broadcast, the compiler bets such a cast on the broadcast class and throws its compiled read loop away
 * the first time a membership or state frame comes by.
 */
@FunctionalInterface
public interface FrameSink {

    /** Takes one decoded frame. */
    void accept(Frame frame);
}

package io.plumtree.engine.net;

import io.plumtree.engine.node.Frame;
import io.plumtree.engine.wire.FrameSink;

import java.util.Arrays;

/**
 * The frames decoded from one read of a stream, held until the read is done and then handled in order. An array of
 * {@link Frame}, not a list: taking a frame out of it needs no cast (see {@link FrameSink}). Grows to the most frames
 * one read has held (a read is at most the loop's read buffer); {@link #clear()} drops the references. Loop thread
 * only.
 */
final class ReadFrames implements FrameSink {

    private Frame[] frames = new Frame[64];
    /** Frames held, at the front of {@link #frames}. */
    private int size;

    @Override
    public void accept(Frame frame) {
        if (size == frames.length) {
            frames = Arrays.copyOf(frames, 2 * size);
        }
        frames[size++] = frame;
    }

    /** Frames held. */
    int size() {
        return size;
    }

    /** The {@code i}-th frame of the read, in stream order. */
    Frame get(int i) {
        return frames[i];
    }

    /** Forgets the frames held. */
    void clear() {
        Arrays.fill(frames, 0, size, null);
        size = 0;
    }
}

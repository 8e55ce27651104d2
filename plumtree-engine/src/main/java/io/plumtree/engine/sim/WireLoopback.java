package io.plumtree.engine.sim;

import io.plumtree.engine.membership.SwimMessage;
import io.plumtree.engine.node.Frame;
import io.plumtree.engine.wire.Decoded;
import io.plumtree.engine.wire.DropCounters;
import io.plumtree.engine.wire.FrameCodec;
import io.plumtree.engine.wire.PacketCodec;
import io.plumtree.engine.wire.WireLimits;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The honest part of the simulated network, as chitchat's in-memory transport does it: every datagram and frame a
 * simulated node sends is encoded with the real codec, checked against the packet budget and the datagram limit,
 * decoded again and re-encoded, and the two encodings must be identical. So the simulator also tests the codec, and a
 * message that would not fit on a real wire fails the run. The receiver then gets the original records (equal in
 * value to the decoded ones): thousands of simulated nodes in one JVM then share the immutable names and addresses
 * instead of each holding its own decoded copies, which at 3,000 nodes exhausted a 4 GB heap.
 */
final class WireLoopback {

    /** The cluster label every simulated node uses. */
    static final String LABEL = "plumtree-sim";

    private final PacketCodec packets;
    private final FrameCodec frames;

    /** Most bytes of messages in one datagram (the membership core's packet budget). */
    private final int packetBudget;

    /** Bytes of the last datagram or frame carried, envelope and length prefix included. */
    private long lastBytes;

    WireLoopback(int packetBudget) {
        DropCounters counters = new DropCounters();
        this.packets = new PacketCodec(LABEL, WireLimits.defaults(), counters);
        this.frames = new FrameCodec(LABEL, WireLimits.defaults(), counters);
        this.packetBudget = packetBudget;
    }

    /**
     * Encodes and decodes one datagram.
     *
     * @throws IllegalStateException if the messages exceed the packet budget or the codec fails on its own output
     */
    List<SwimMessage> carry(List<SwimMessage> messages) {
        long budgeted = packets.encodedSize(messages) - packets.headerBytes();
        if (budgeted > packetBudget) {
            throw new IllegalStateException("a packet of " + budgeted + " bytes of messages exceeds the packet budget of "
                    + packetBudget + ": " + messages);
        }
        byte[] bytes = packets.encode(messages);
        lastBytes = bytes.length;
        Decoded<List<SwimMessage>> decoded = packets.decode(ByteBuffer.wrap(bytes));
        if (decoded instanceof Decoded.Ok<List<SwimMessage>> ok
                && Arrays.equals(bytes, packets.encode(ok.value()))) {
            return messages;
        }
        throw new IllegalStateException("the codec did not carry its own packet (" + decoded + "): " + messages);
    }

    /**
     * Encodes and decodes one stream frame.
     *
     * @throws IllegalStateException if the codec fails on its own output
     */
    Frame carry(Frame frame) {
        ByteBuffer bytes = frames.encode(frame);
        lastBytes = bytes.remaining();
        ByteBuffer original = bytes.duplicate();
        Decoded<Frame> decoded = frames.decode(bytes);
        if (decoded instanceof Decoded.Ok<Frame> ok && original.equals(frames.encode(ok.value()))) {
            return frame;
        }
        throw new IllegalStateException("the codec did not carry its own frame (" + decoded + "): " + frame);
    }

    /** Bytes on the wire of the last datagram or frame carried. */
    long lastBytes() {
        return lastBytes;
    }
}

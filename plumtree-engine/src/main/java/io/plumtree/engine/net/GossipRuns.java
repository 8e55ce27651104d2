package io.plumtree.engine.net;

import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.node.Frame;
import io.plumtree.engine.wire.WireLimits;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The GOSSIP this node pushes during a turn (its own broadcasts, the messages it relays, its answers to GRAFTs),
 * held until the turn writes its queues, so that consecutive ones going to the same peers leave as one
 * {@link PlumtreeMessage.GossipRun} frame instead of a frame each. A publisher handles up to a window of broadcasts in
 * one turn, and a relay a read's worth of them; each frame of its own carried the envelope, two names and an id, and
 * each cost every receiver a frame's decoding and dispatch.
 *
 * <p>A run is formed from held messages that follow one another in push order, go to exactly the same peers, have
 * one origin, consecutive sequences and one hop count, and together stay within {@link #MAX_RUN_BYTES} of payloads
 * with their lengths (less if the frame limit is lower: a run always fits a frame) and {@link #MAX_RUN_MESSAGES}
 * messages; a message that fits none goes alone as the GOSSIP it was. Each peer receives
 * its messages in the order they were pushed. Holding lasts at most until {@link #MAX_HELD_BYTES} of payload or
 * {@link #MAX_HELD_MESSAGES} messages are held, or any other frame is sent (the caller releases first), so the
 * queues' accounting lags the core by that much at most within a turn.
 *
 * <p>Loop thread only.
 */
final class GossipRuns {

    /**
     * Most bytes of payloads in one run, each counted with its 4-byte length. A frame longer than a socket read arrives
     * split across reads, and the reader copies the split frame's bytes; short runs keep that rare.
     */
    static final int MAX_RUN_BYTES = 16 * 1024;
    /** Most messages in one run. */
    static final int MAX_RUN_MESSAGES = 64;
    /** Payload bytes held before {@link #add} asks for a release. */
    static final int MAX_HELD_BYTES = 64 * 1024;
    /** Messages held before {@link #add} asks for a release, however small their payloads. */
    static final int MAX_HELD_MESSAGES = 4 * MAX_RUN_MESSAGES;

    /** One held message and the peers it goes to; reused from turn to turn. */
    private static final class Held {
        /** The frame as the core produced it (sent as is when the message goes alone). */
        Frame.Broadcast frame;
        /** Its message. */
        PlumtreeMessage.Gossip gossip;
        /** Addresses of the peers it goes to, in push order. */
        final List<String> peers = new ArrayList<>(4);
    }

    private final NodeId self;
    /** Most bytes of payloads in one run, with their lengths: {@link #MAX_RUN_BYTES} or less to fit a frame. */
    private final int maxRunBytes;
    /** Held messages, the first {@link #count} in use. */
    private final List<Held> held = new ArrayList<>();
    private int count;
    private long heldBytes;
    /** Payloads of the run being formed by {@link #release}. */
    private final List<byte[]> runPayloads = new ArrayList<>(MAX_RUN_MESSAGES);

    /** Runs for the gossip {@code self} sends, of at most {@link #MAX_RUN_BYTES}. */
    GossipRuns(NodeId self) {
        this(self, MAX_RUN_BYTES);
    }

    /**
     * Runs for the gossip {@code self} sends, of at most {@code maxRunBytes} of payloads and their 4-byte lengths (a
     * message larger than that goes alone).
     */
    GossipRuns(NodeId self, int maxRunBytes) {
        this.self = self;
        this.maxRunBytes = Math.min(MAX_RUN_BYTES, maxRunBytes);
    }

    /**
     * The run bound for frames of at most {@code limits.maxFrameBytes()}: what is left of a frame after the largest
     * header a run can have (a GOSSIP frame's, {@link WireLimits#MAX_GOSSIP_FRAME_OVERHEAD}, and the run's count).
     */
    static int maxRunBytes(WireLimits limits) {
        return (int) Math.min(MAX_RUN_BYTES, (long) limits.maxFrameBytes() - WireLimits.MAX_GOSSIP_FRAME_OVERHEAD - 4);
    }

    /** Whether {@code frame} is one to hold: a GOSSIP this node sends, of its own message or one it relays. */
    boolean holds(Frame frame) {
        return frame instanceof Frame.Broadcast b && b.message() instanceof PlumtreeMessage.Gossip
                && b.from().equals(self);
    }

    /**
     * Holds the push of {@code frame} (one {@link #holds} accepts) to {@code to}.
     *
     * @return whether enough is held that the caller should {@link #release} now
     */
    boolean add(String to, Frame.Broadcast frame) {
        PlumtreeMessage.Gossip gossip = (PlumtreeMessage.Gossip) frame.message();
        Held last = count == 0 ? null : held.get(count - 1);
        if (last == null || last.gossip != gossip) {
            if (count == held.size()) {
                held.add(new Held());
            }
            last = held.get(count++);
            last.frame = frame;
            last.gossip = gossip;
            last.peers.clear();
            heldBytes += gossip.payload().length;
        }
        last.peers.add(to);
        return heldBytes >= MAX_HELD_BYTES || count >= MAX_HELD_MESSAGES;
    }

    /** Whether nothing is held. */
    boolean isEmpty() {
        return count == 0;
    }

    /** Messages held now. */
    int heldMessages() {
        return count;
    }

    /**
     * Lets every held message go, as runs, and holds nothing after: {@code send} receives each frame with each peer
     * it goes to, runs in push order.
     */
    void release(BiConsumer<String, Frame> send) {
        int i = 0;
        while (i < count) {
            Held first = held.get(i);
            long bytes = 4L + first.gossip.payload().length;
            int end = i + 1;
            while (end < count && end - i < MAX_RUN_MESSAGES) {
                Held next = held.get(end);
                Held previous = held.get(end - 1);
                if (next.gossip.hops() != first.gossip.hops()
                        || !next.gossip.id().origin().equals(first.gossip.id().origin())
                        || next.gossip.id().sequence() != previous.gossip.id().sequence() + 1
                        || bytes + 4 + next.gossip.payload().length > maxRunBytes
                        || !next.peers.equals(first.peers)) {
                    break;
                }
                bytes += 4 + next.gossip.payload().length;
                end++;
            }
            Frame frame = end - i == 1 ? first.frame : runFrame(i, end);
            for (int p = 0; p < first.peers.size(); p++) {
                send.accept(first.peers.get(p), frame);
            }
            i = end;
        }
        for (int k = 0; k < count; k++) {
            Held h = held.get(k);
            h.frame = null;
            h.gossip = null;
            h.peers.clear();
        }
        count = 0;
        heldBytes = 0;
    }

    private Frame runFrame(int from, int to) {
        runPayloads.clear();
        for (int k = from; k < to; k++) {
            runPayloads.add(held.get(k).gossip.payload());
        }
        PlumtreeMessage.Gossip first = held.get(from).gossip;
        return new Frame.Broadcast(self, new PlumtreeMessage.GossipRun(first.id().origin(), first.id().sequence(),
                first.hops(), runPayloads));
    }
}

package io.plumtree.engine.net;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection's outbound queue over a real loopback socket: staged writes keep every byte, in order within each lane,
 * and control frames overtake the gossip not yet begun.
 */
class ConnectionTest {

    /** A connection over a loopback socket whose far end the test reads. */
    private record Pair(ServerSocketChannel server, SocketChannel out, SocketChannel in, Connection c)
            implements AutoCloseable {

        static Pair open() throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            SocketChannel out = SocketChannel.open(server.getLocalAddress());
            SocketChannel in = server.accept();
            out.configureBlocking(false);
            return new Pair(server, out, in, new Connection(out, true, null, 0));
        }

        @Override
        public void close() throws IOException {
            try (server; out; in) {
                // closes all three
            }
        }
    }

    /** Frames of every size around the staging buffer's, one far larger, all through a socket read slowly. */
    @Test
    void framesOfAnySizeArriveWholeAndInOrder() throws IOException {
        try (Pair p = Pair.open()) {
            Connection c = p.c();
            SocketChannel in = p.in();
            int[] sizes = {1, 1_100, Connection.STAGING_BYTES - 1, Connection.STAGING_BYTES,
                    Connection.STAGING_BYTES + 1, 5 * Connection.STAGING_BYTES / 2, 3, 1_100};
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            SplittableRandom random = new SplittableRandom(5);
            for (int round = 0; round < 20; round++) {
                for (int size : sizes) {
                    byte[] frame = new byte[size];
                    random.nextBytes(frame);
                    expected.write(frame);
                    c.enqueue(ByteBuffer.wrap(frame), false);
                }
            }
            long queued = c.queuedBytes();
            assertThat(queued).isEqualTo(expected.size());

            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer chunk = ByteBuffer.allocate(7_919); // reads in odd sizes, so writes stop part-way
            long written = 0;
            while (received.size() < expected.size()) {
                written += c.flush();
                assertThat(c.queuedBytes()).isEqualTo(queued - written);
                chunk.clear();
                int n = in.read(chunk);
                received.write(chunk.array(), 0, n);
            }
            assertThat(c.flush()).isZero();
            assertThat(c.hasQueued()).isFalse();
            assertThat(c.queuedBytes()).isZero();
            assertThat(received.toByteArray()).isEqualTo(expected.toByteArray());
        }
    }

    @Test
    void controlFramesOvertakeGossipNotYetBegunAndEachLaneKeepsItsOrder() throws IOException {
        try (Pair p = Pair.open()) {
            Connection c = p.c();
            byte[][] gossip = {frame(1_000, 1), frame(1_000, 2), frame(1_000, 3)};
            byte[][] control = {frame(40, 4), frame(70_000, 5), frame(40, 6)};
            c.enqueue(ByteBuffer.wrap(gossip[0]), false);
            c.enqueue(ByteBuffer.wrap(control[0]), true);
            c.enqueue(ByteBuffer.wrap(gossip[1]), false);
            c.enqueue(ByteBuffer.wrap(control[1]), true);
            c.enqueue(ByteBuffer.wrap(gossip[2]), false);
            c.enqueue(ByteBuffer.wrap(control[2]), true);

            byte[] expected = concat(control[0], control[1], control[2], gossip[0], gossip[1], gossip[2]);
            assertThat(Arrays.mismatch(drain(c, p.in(), expected.length), expected)).as("first byte out of place")
                    .isEqualTo(-1);
        }
    }

    @Test
    void aGossipFrameBegunIsFinishedBeforeAControlFrameQueuedMeanwhile() throws IOException {
        try (Pair p = Pair.open()) {
            Connection c = p.c();
            byte[] big = frame(16 * 1024 * 1024, 7);
            byte[] prune = frame(40, 8);
            byte[] next = frame(1_000, 9);
            c.enqueue(ByteBuffer.wrap(big), false);
            c.flush();
            assertThat(c.hasQueued()).as("the socket took only part of the frame").isTrue();
            c.enqueue(ByteBuffer.wrap(prune), true);
            c.enqueue(ByteBuffer.wrap(next), false);

            byte[] expected = concat(big, prune, next);
            assertThat(Arrays.mismatch(drain(c, p.in(), expected.length), expected)).as("first byte out of place")
                    .isEqualTo(-1);
            assertThat(c.queuedBytes()).isZero();
        }
    }

    @Test
    void discardingCountsTheFramesNotWrittenToTheEnd() throws IOException {
        try (Pair p = Pair.open()) {
            Connection c = p.c();
            SocketChannel in = p.in();
            int frames = 0;
            while (c.flush() > 0 || frames == 0 || !c.hasQueued()) { // until the socket's buffers are full
                for (int i = 0; i < 100; i++) {
                    c.enqueue(ByteBuffer.wrap(new byte[1_000]), false);
                    frames++;
                }
            }
            long unwritten = c.queuedBytes();
            int discarded = c.discardQueue();
            assertThat(discarded).as("whole frames not yet written, and the one cut by the last write")
                    .isEqualTo((int) ((unwritten + 999) / 1_000));
            assertThat(c.hasQueued()).isFalse();
            assertThat(c.queuedBytes()).isZero();
            assertThat(in.isOpen()).isTrue();
        }
    }

    /**
     * Two connections sharing gossip frames from one {@link FrameRing} (heap copies when it is full), with heap control
     * frames among them, flushed into sockets read less than is written until they are full, so that writes stop
     * inside runs of ring frames: every frame arrives whole, each lane in order.
     */
    @Test
    void ringFramesSharedByTwoQueuesArriveWholeAndInOrderAmongHeapFrames() throws IOException {
        try (Pair p = Pair.open(); Pair q = Pair.open()) {
            List<Pair> pairs = List.of(p, q);
            List<Connection> holders = List.of(p.c(), q.c());
            FrameRing ring = new FrameRing(4 * 1024 * 1024);
            SplittableRandom random = new SplittableRandom(11);
            List<List<Integer>> gossipSent = List.of(new ArrayList<>(), new ArrayList<>());
            List<List<Integer>> controlSent = List.of(new ArrayList<>(), new ArrayList<>());
            List<FrameParser> parsers = List.of(new FrameParser(), new FrameParser());
            int inRing = 0;
            int id = 0;
            int partial = 0;
            for (int round = 0; round < 60; round++) {
                for (int f = 0; f < 600; f++) {
                    id++;
                    if (random.nextInt(10) > 0) {
                        int size = random.nextInt(8, 6_000);
                        ByteBuffer view = ring.reserve(size, holders);
                        ByteBuffer frame = view != null ? view : ByteBuffer.allocate(size);
                        int start = frame.position();
                        FrameParser.fill(frame, id);
                        frame.position(start);
                        inRing += view != null ? 1 : 0;
                        for (int k = 0; k < 2; k++) {
                            pairs.get(k).c().enqueue(frame.duplicate(), false);
                            gossipSent.get(k).add(id);
                        }
                    } else {
                        int k = random.nextInt(2);
                        ByteBuffer frame = ByteBuffer.allocate(random.nextInt(8, 300));
                        FrameParser.fill(frame, -id);
                        pairs.get(k).c().enqueue(frame.flip(), true);
                        controlSent.get(k).add(-id);
                    }
                    if (f % 50 == 0) {
                        for (Pair pair : pairs) {
                            pair.c().flush();
                        }
                    }
                }
                for (int k = 0; k < 2; k++) {
                    pairs.get(k).c().flush();
                    partial += pairs.get(k).c().hasQueued() ? 1 : 0;
                    parsers.get(k).read(pairs.get(k).in(), random.nextInt(1, 2_500_000));
                }
            }
            for (int k = 0; k < 2; k++) {
                Connection c = pairs.get(k).c();
                FrameParser parser = parsers.get(k);
                while (c.hasQueued()
                        || parser.gossip.size() + parser.control.size() < gossipSent.get(k).size()
                        + controlSent.get(k).size()) {
                    c.flush();
                    parser.read(pairs.get(k).in(), 1 << 20);
                }
                assertThat(parser.gossip).as("peer %d's gossip", k).isEqualTo(gossipSent.get(k));
                assertThat(parser.control).as("peer %d's control frames", k).isEqualTo(controlSent.get(k));
                assertThat(c.queuedBytes()).isZero();
            }
            assertThat(partial).as("rounds that ended with the socket full").isGreaterThan(20);
            assertThat(inRing).as("frames that went through the ring").isGreaterThan(5_000);
        }
    }

    /**
     * Cuts a stream of test frames (a 4-byte length counting itself, a 4-byte id, then bytes made from the id) and
     * checks each one's bytes.
     */
    private static final class FrameParser {
        final List<Integer> gossip = new ArrayList<>();
        final List<Integer> control = new ArrayList<>();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        /** Fills {@code frame}'s remaining bytes as the frame {@code id}. */
        static void fill(ByteBuffer frame, int id) {
            int size = frame.remaining();
            frame.putInt(size).putInt(id);
            for (int i = 8; i < size; i++) {
                frame.put((byte) (id * 31 + i));
            }
        }

        /** Reads up to {@code max} bytes that are there now, and the frames they complete. */
        void read(SocketChannel in, int max) throws IOException {
            in.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(max);
            while (chunk.hasRemaining() && in.read(chunk) > 0) {
                // until max bytes or nothing more now
            }
            pending.write(chunk.array(), 0, chunk.position());
            ByteBuffer all = ByteBuffer.wrap(pending.toByteArray());
            while (all.remaining() >= 8 && all.remaining() >= all.getInt(all.position())) {
                int start = all.position();
                int size = all.getInt();
                int id = all.getInt();
                for (int i = 8; i < size; i++) {
                    assertThat(all.get()).as("byte %d of frame %d", i, id).isEqualTo((byte) (id * 31 + i));
                }
                assertThat(all.position() - start).isEqualTo(size);
                (id > 0 ? gossip : control).add(id);
            }
            pending.reset();
            pending.write(all.array(), all.position(), all.remaining());
        }
    }

    /** {@code size} random bytes from {@code seed}. */
    private static byte[] frame(int size, int seed) {
        byte[] frame = new byte[size];
        new SplittableRandom(seed).nextBytes(frame);
        return frame;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** Flushes {@code c} and reads its far end {@code in} until {@code total} bytes arrived. */
    private static byte[] drain(Connection c, SocketChannel in, int total) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
        while (received.size() < total) {
            c.flush();
            chunk.clear();
            int n = in.read(chunk);
            received.write(chunk.array(), 0, n);
        }
        assertThat(c.hasQueued()).isFalse();
        return received.toByteArray();
    }
}

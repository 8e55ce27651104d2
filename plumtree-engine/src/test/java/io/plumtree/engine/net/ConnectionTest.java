package io.plumtree.engine.net;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** A connection's outbound queue over a real loopback socket: staged writes keep every byte, in order. */
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
                    c.enqueue(ByteBuffer.wrap(frame));
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
    void discardingCountsTheFramesNotWrittenToTheEnd() throws IOException {
        try (Pair p = Pair.open()) {
            Connection c = p.c();
            SocketChannel in = p.in();
            int frames = 0;
            while (c.flush() > 0 || frames == 0 || !c.hasQueued()) { // until the socket's buffers are full
                for (int i = 0; i < 100; i++) {
                    c.enqueue(ByteBuffer.wrap(new byte[1_000]));
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
}

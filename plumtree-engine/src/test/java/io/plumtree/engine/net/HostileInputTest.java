package io.plumtree.engine.net;

import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.node.Frame;
import io.plumtree.engine.wire.DropCounters;
import io.plumtree.engine.wire.FrameCodec;
import io.plumtree.engine.wire.WireLimits;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Random, truncated and oversized datagrams and frames are dropped and counted; the node keeps serving. */
class HostileInputTest {

    @Test
    void garbageIsDroppedAndCountedAndTheNodeKeepsServing() throws Exception {
        Random random = new Random(7);
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("h", 2, b -> b);
            ClusterNode target = nodes.get(0);
            HostPort hp = HostPort.parse(target.address());
            InetSocketAddress to = new InetSocketAddress(hp.host(), hp.port());

            byte[] valid = bytes(new FrameCodec("test", WireLimits.defaults(), new DropCounters())
                    .encode(new Frame.Hello("127.0.0.1:2")));
            try (DatagramSocket udp = new DatagramSocket()) {
                for (int i = 0; i < 300; i++) {
                    byte[] junk = new byte[random.nextInt(1, 1400)];
                    random.nextBytes(junk);
                    if (i % 3 == 0) {
                        junk[0] = 0x50; // the magic, so decoding goes deeper
                        junk[1] = 0x54;
                        junk[2] = 1;
                        junk[3] = 1;
                    }
                    udp.send(new DatagramPacket(junk, junk.length, to));
                }
                byte[] oversized = new byte[60_000];
                udp.send(new DatagramPacket(oversized, oversized.length, to));
                byte[] truncated = Arrays.copyOf(valid, 3);
                udp.send(new DatagramPacket(truncated, truncated.length, to));
            }
            // a stream of random bytes, one with a frame cut short, one declaring a 2 GiB frame
            sendOnStream(hp, randomBytes(random, 20_000));
            sendOnStream(hp, Arrays.copyOf(valid, valid.length - 2));
            sendOnStream(hp, new byte[]{0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3});
            for (int i = 0; i < 20; i++) {
                byte[] junkFrame = randomBytes(random, 64);
                ByteBuffer.wrap(junkFrame).putInt(60);
                sendOnStream(hp, concat(valid, junkFrame));
            }

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(target.stats().inputDroppedTotal()).isGreaterThanOrEqualTo(300));
            assertThat(target.stats().inputDropped()).containsKeys("TOO_LARGE");

            MessageId id = nodes.get(1).broadcast("still here".getBytes()).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.idsDeliveredBy(target).contains(id));
            MessageId back = target.broadcast("and back".getBytes()).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.idsDeliveredBy(nodes.get(1)).contains(back));
            assertThat(target.stats().liveMembers()).isEqualTo(2);
        }
    }

    private static void sendOnStream(HostPort hp, byte[] data) throws Exception {
        try (Socket s = new Socket(hp.host(), hp.port())) {
            OutputStream out = s.getOutputStream();
            out.write(data);
            out.flush();
        } catch (java.net.SocketException e) {
            // the node may close the stream mid-write: that is the point
        }
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] bytes(ByteBuffer b) {
        return Arrays.copyOfRange(b.array(), b.position(), b.limit());
    }
}

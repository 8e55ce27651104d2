package io.plumtree.engine.net;

import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.JoinFailedException;
import io.plumtree.engine.MessageId;
import io.plumtree.engine.NodeId;
import io.plumtree.engine.broadcast.PlumtreeMessage;
import io.plumtree.engine.node.Frame;
import io.plumtree.engine.wire.DropCounters;
import io.plumtree.engine.wire.FrameCodec;
import io.plumtree.engine.wire.Keyring;
import io.plumtree.engine.wire.Sealing;
import io.plumtree.engine.wire.WireLimits;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A node of another cluster, or with the wrong key, can neither join nor inject a message. */
class ClusterIsolationTest {

    private static final byte[] KEY = key();
    private static final byte[] OTHER_KEY = key();

    private static byte[] key() {
        byte[] k = new byte[32];
        ThreadLocalRandom.current().nextBytes(k);
        return k;
    }

    @Test
    void aNodeOfAnotherClusterCannotJoinOrInject() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("t", 2, b -> b);
            ClusterNode stranger = cluster.start(LocalCluster.config("stranger").clusterName("other")
                    .joinTimeout(Duration.ofSeconds(2)).build());
            assertThatThrownBy(() -> stranger.join(List.of(nodes.get(0).address())).get())
                    .hasCauseInstanceOf(JoinFailedException.class);
            inject(nodes.get(0), new FrameCodec("other", WireLimits.defaults(), new DropCounters()));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(nodes.get(0).stats().inputDropped().getOrDefault("FOREIGN_LABEL", 0L)).isPositive());
            assertNobodyElse(cluster, nodes, stranger);
        }
    }

    @Test
    void aNodeWithTheWrongKeyOrNoKeyCannotJoinOrInject() throws Exception {
        try (LocalCluster cluster = new LocalCluster()) {
            List<ClusterNode> nodes = cluster.startJoined("s", 2, b -> b.keys(List.of(KEY)));
            ClusterNode wrongKey = cluster.start(LocalCluster.config("wrong-key").keys(List.of(OTHER_KEY))
                    .joinTimeout(Duration.ofSeconds(2)).build());
            ClusterNode noKey = cluster.start(LocalCluster.config("no-key")
                    .joinTimeout(Duration.ofSeconds(2)).build());
            assertThatThrownBy(() -> wrongKey.join(List.of(nodes.get(0).address())).get())
                    .hasCauseInstanceOf(JoinFailedException.class);
            assertThatThrownBy(() -> noKey.join(List.of(nodes.get(0).address())).get())
                    .hasCauseInstanceOf(JoinFailedException.class);
            inject(nodes.get(0), new FrameCodec("test", WireLimits.defaults(), new DropCounters(),
                    Sealing.with(Keyring.of(OTHER_KEY), ThreadLocalRandom.current()::nextBytes)));
            inject(nodes.get(0), new FrameCodec("test", WireLimits.defaults(), new DropCounters()));

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(nodes.get(0).stats().inputDropped().getOrDefault("FORGED", 0L)).isPositive();
                assertThat(nodes.get(0).stats().inputDropped().getOrDefault("UNSEALED", 0L)).isPositive();
            });
            assertNobodyElse(cluster, nodes, wrongKey, noKey);
            // the sealed cluster itself works
            MessageId id = nodes.get(1).broadcast("sealed".getBytes()).get();
            await().atMost(Duration.ofSeconds(5)).until(() -> cluster.idsDeliveredBy(nodes.get(0)).contains(id));
        }
    }

    /** Opens a stream to {@code target} and sends a hello and a gossip frame encoded with {@code codec}. */
    private static void inject(ClusterNode target, FrameCodec codec) throws Exception {
        HostPort hp = HostPort.parse(target.address());
        try (Socket s = new Socket(hp.host(), hp.port())) {
            OutputStream out = s.getOutputStream();
            out.write(bytes(codec.encode(new Frame.Hello("127.0.0.1:1"))));
            MessageId forged = new MessageId(NodeId.of("intruder"), 1);
            out.write(bytes(codec.encode(new Frame.Broadcast(NodeId.of("intruder"),
                    new PlumtreeMessage.Gossip(forged, 1, "injected".getBytes())))));
            out.flush();
            Thread.sleep(200);
        }
    }

    private static byte[] bytes(ByteBuffer b) {
        return Arrays.copyOfRange(b.array(), b.position(), b.limit());
    }

    private static void assertNobodyElse(LocalCluster cluster, List<ClusterNode> members, ClusterNode... outsiders)
            throws InterruptedException {
        Thread.sleep(500);
        for (ClusterNode n : members) {
            assertThat(n.members()).as("members of " + n.name()).hasSize(members.size());
            assertThat(cluster.idsDeliveredBy(n)).as("deliveries at " + n.name())
                    .noneMatch(id -> id.origin().name().equals("intruder"));
        }
        for (ClusterNode o : outsiders) {
            assertThat(o.members()).as("members known to " + o.name()).hasSize(1);
        }
    }
}

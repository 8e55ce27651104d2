package io.plumtree.spring.cluster;

import io.plumtree.engine.ClusterConfig;
import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.MembershipEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClusterNodeLifecycleTests {

    private final List<ClusterNode> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(ClusterNode::close);
    }

    private ClusterNode node(String name, int port, String... seeds) {
        ClusterNode node = ClusterNode.start(ClusterConfig.builder().preset("local").nodeName(name)
                .bindHost("127.0.0.1").port(port).seeds(seeds).clusterName("lifecycle")
                .joinTimeout(Duration.ofMillis(500)).joinRetryInterval(Duration.ofMillis(100))
                .leavePropagation(Duration.ofMillis(300)).build());
        nodes.add(node);
        return node;
    }

    @Test
    void leavesBeforeTheWebServerStartsDraining() {
        assertThat(ClusterNodeLifecycle.PHASE).isGreaterThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE);
    }

    @Test
    void startsWithoutWaitingForDownSeedsAndJoinsWhenOneComesUp() throws IOException {
        int port = freePort();
        ClusterNode a = node("a", 0, "127.0.0.1:" + port);
        ClusterStatus status = new ClusterStatus(a.name(), Clock.systemUTC());
        ClusterNodeLifecycle lifecycle = new ClusterNodeLifecycle(a, status, List.of(), List.of());
        lifecycle.start();
        assertThat(lifecycle.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> status.lastJoinFailure().isPresent());
        assertThat(status.liveOthers()).isZero();

        node("b", port);
        await().atMost(Duration.ofSeconds(20)).until(() -> status.liveOthers() == 1);
        assertThat(status.aloneFor()).isEmpty();
        lifecycle.stop();
    }

    @Test
    void stopLeavesSoTheOthersRecordLeftNotFailed() {
        ClusterNode a = node("a", 0);
        ClusterNode b = node("b", 0, a.address());
        ConcurrentLinkedQueue<MembershipEvent> seenByA = new ConcurrentLinkedQueue<>();
        a.addMembershipListener(seenByA::add);
        ClusterStatus status = new ClusterStatus(b.name(), Clock.systemUTC());
        ClusterNodeLifecycle lifecycle = new ClusterNodeLifecycle(b, status, List.of(), List.of());
        lifecycle.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> status.liveOthers() == 1);
        lifecycle.stop();
        assertThat(lifecycle.isRunning()).isFalse();
        assertThat(status.running()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> seenByA.stream().anyMatch(e ->
                e.kind() == MembershipEvent.Kind.LEFT && e.member().name().equals(b.name())));
        assertThat(seenByA).noneMatch(e -> e.kind() == MembershipEvent.Kind.FAILED
                && e.member().name().equals(b.name()));
    }

    /** A port free for both UDP and TCP on loopback, right now. */
    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, loopback)) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, loopback)) {
                    return udp.getLocalPort();
                } catch (IOException e) {
                    // taken for UDP: try another
                }
            }
        }
        throw new IOException("no free port");
    }
}
